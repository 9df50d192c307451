#include "platforms/plugin_limits.h"

#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace kefu::host {
namespace {

// The value of `name` as a positive whole number, or `fallback` when unset.
std::uint64_t positive(const char* name, std::uint64_t fallback) {
  const char* text = std::getenv(name);
  if (!text || !*text) return fallback;
  const std::string_view s(text);
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || value == 0 || value > (std::uint64_t{1} << 40))
    throw std::runtime_error(std::string(name) + "=\"" + text +
                             "\": expected a positive whole number; unset it for the default");
  return value;
}

std::string mib(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

PluginLimits plugin_limits_from_environment() {
  PluginLimits limits;
  limits.timeout = std::chrono::seconds(positive("KEFU_PLUGIN_TIMEOUT_S", limits.timeout.count() / 1000));
  limits.memory_bytes = positive("KEFU_PLUGIN_MEMORY_MB", limits.memory_bytes >> 20) << 20;
  limits.answer_bytes = positive("KEFU_PLUGIN_ANSWER_MB", limits.answer_bytes >> 20) << 20;
  return limits;
}

bool in_process_from_environment() {
  const char* text = std::getenv("KEFU_PLUGINS_IN_PROCESS");
  if (!text || !*text || std::string_view(text) == "0") return false;
  if (std::string_view(text) == "1") return true;
  throw std::runtime_error(std::string("KEFU_PLUGINS_IN_PROCESS=\"") + text +
                           "\": expected 1 (plugins in kefu's own process) or 0 (each in a process of its own)");
}

std::string describe_timeout(const PluginLimits& limits) {
  const auto ms = limits.timeout.count();
  return (ms % 1000 ? std::to_string(ms) + " ms" : std::to_string(ms / 1000) + " s") + " (KEFU_PLUGIN_TIMEOUT_S)";
}

std::string describe_memory(const PluginLimits& limits) {
  return mib(limits.memory_bytes) + " (KEFU_PLUGIN_MEMORY_MB)";
}

std::string describe_answer(const PluginLimits& limits) {
  return mib(limits.answer_bytes) + " (KEFU_PLUGIN_ANSWER_MB)";
}

}  // namespace kefu::host
