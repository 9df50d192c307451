// The one HTTP client every plugin gets through the host services, over libcurl.
// TLS verification is always on; there is deliberately no switch to turn it off.
#pragma once

#include <kefu/model.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace kefu::host {

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
  std::size_t max_response_bytes = 64u << 20;
  std::string ca_bundle;  // empty: the system's CA store
};

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request. Throws std::runtime_error (secrets redacted) when no response arrives.
  HttpResponse send(const HttpRequest& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Replaces every occurrence of each secret in `text` with "***".
std::string redact(std::string text, const std::vector<std::string>& secrets);

}  // namespace kefu::host
