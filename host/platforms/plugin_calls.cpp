#include "platforms/plugin_calls.h"

namespace kefu::host {

namespace {
constexpr PluginCall kCalls[] = {PluginCall::info,           PluginCall::rules,         PluginCall::words,
                                 PluginCall::metric_profile, PluginCall::import_native, PluginCall::fetch};
}

std::string_view call_name(PluginCall call) {
  switch (call) {
    case PluginCall::info:
      return "info";
    case PluginCall::rules:
      return "rules";
    case PluginCall::words:
      return "words";
    case PluginCall::metric_profile:
      return "metric_profile";
    case PluginCall::import_native:
      return "import_native";
    case PluginCall::fetch:
      return "fetch";
  }
  return "?";
}

std::optional<PluginCall> call_named(std::string_view name) {
  for (PluginCall c : kCalls)
    if (call_name(c) == name) return c;
  return std::nullopt;
}

}  // namespace kefu::host
