// The one HTTP client every plugin gets through the host services, over libcurl.
// TLS verification is always on; there is deliberately no switch to turn it off (tests talk
// plain http:// to 127.0.0.1). Proxies come from the standard environment variables
// (https_proxy, http_proxy, no_proxy), which libcurl reads itself.
#pragma once

#include "net/retry.h"

#include <kefu/model.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace kefu::host {

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
  std::size_t max_response_bytes = 64u << 20;
  std::string ca_bundle;  // empty: the system's CA store
  RetryPolicy retry;
  // How the client waits between tries, and its source of jitter; tests replace both.
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<double()> unit_random;
};

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends a request, trying again on timeouts, dropped connections, 429 and 5xx (waiting as
  // the server's Retry-After says, else backing off with jitter) up to the policy's attempts;
  // a request marked not idempotent is tried again only when the server cannot have acted on it
  // (no connection, 429, 503). Returns the last response (`attempts` says how many were made);
  // throws std::runtime_error, secrets redacted, when none arrived.
  HttpResponse send(const HttpRequest& request);

  // Values redacted from every request's logs and errors from now on, whatever the plugin lists
  // (the host sets the credentials it hands a plugin for a shop).
  void set_extra_secrets(std::vector<std::string> secrets);

 private:
  struct Impl;
  struct Perform;
  std::unique_ptr<Impl> impl_;
};

// The value of a response header, matched without regard to case; null when absent.
const std::string* find_header(const HttpResponse& response, std::string_view name);

// Replaces every occurrence of each secret in `text` with "***", and the values of URL or form
// parameters that are credentials by name (sign, access_token, session, app_secret, ...), so a
// plugin that forgets to list one still does not leak it.
std::string redact(std::string text, const std::vector<std::string>& secrets);

}  // namespace kefu::host
