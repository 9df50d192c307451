#include "platforms/host_api.h"

#include "net/log.h"

#include <kefu/json.hpp>
#include <kefu/plugin.hpp>

namespace kefu::host {

HostContext::HostContext(std::string plugin_label, std::string config_json, HttpService http)
    : label_(std::move(plugin_label)), config_json_(std::move(config_json)), http_(std::move(http)) {
  api_.struct_size = sizeof(kefu_host_api);
  api_.sdk_major = KEFU_SDK_VERSION_MAJOR;
  api_.sdk_minor = KEFU_SDK_VERSION_MINOR;
  api_.ctx = this;
  api_.log = &on_log;
  api_.http = &on_http;
  api_.config = &on_config;
}

// Host callbacks run inside plugin frames: nothing may unwind out of them.
void HostContext::on_log(void* ctx, std::int32_t level, kefu_str message) {
  try {
    auto* self = static_cast<HostContext*>(ctx);
    const int clamped = level < 0 ? 0 : level > 3 ? 3 : level;
    log(static_cast<Level>(clamped), "[" + self->label_ + "] " + std::string(message.data, message.size));
  } catch (...) {
  }
}

std::int32_t HostContext::on_http(void* ctx, kefu_str request, kefu_sink* response, kefu_sink* error) {
  return detail::guarded(error, [&] {
    auto* self = static_cast<HostContext*>(ctx);
    detail::put(response, self->http_({request.data, request.size}));
    return std::int32_t{KEFU_OK};
  });
}

std::int32_t HostContext::on_config(void* ctx, kefu_sink* out, kefu_sink* error) {
  return detail::guarded(error, [&] {
    detail::put(out, static_cast<HostContext*>(ctx)->config_json_);
    return std::int32_t{KEFU_OK};
  });
}

}  // namespace kefu::host
