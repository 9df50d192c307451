// The services one plugin instance receives (kefu_host_api in kefu/abi.h). One HostContext per
// plugin, so log lines and config lookups know which plugin is asking. It must outlive the
// plugin instance, which may keep the pointer.
#pragma once

#include <kefu/abi.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace kefu::host {

class HttpClient;

// Answers one HTTP request of a plugin: kefu::HttpRequest JSON in, kefu::HttpResponse JSON out;
// throws std::runtime_error with the message the plugin gets.
using HttpService = std::function<std::string(std::string_view request_json)>;

// Through `http` (null: every request fails with "HTTP is not available in this host").
// In http_service.cpp.
HttpService http_service_of(std::shared_ptr<HttpClient> http);

class HostContext {
 public:
  HostContext(std::string plugin_label, std::string config_json, HttpService http);
  HostContext(const HostContext&) = delete;
  HostContext& operator=(const HostContext&) = delete;

  const kefu_host_api* api() const { return &api_; }
  void set_plugin_label(std::string label) { label_ = std::move(label); }

 private:
  static void on_log(void* ctx, std::int32_t level, kefu_str message);
  static std::int32_t on_http(void* ctx, kefu_str request, kefu_sink* response, kefu_sink* error);
  static std::int32_t on_config(void* ctx, kefu_sink* out, kefu_sink* error);

  std::string label_;
  std::string config_json_;
  HttpService http_;
  kefu_host_api api_{};
};

}  // namespace kefu::host
