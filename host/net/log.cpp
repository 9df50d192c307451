#include "net/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace kefu::host {
namespace {
std::atomic<int> g_minimum{static_cast<int>(Level::warn)};
std::mutex g_mutex;

const char* label(Level level) {
  switch (level) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warning";
    case Level::error:
      return "error";
  }
  return "?";
}
}  // namespace

void set_log_level(Level minimum) { g_minimum = static_cast<int>(minimum); }
Level log_level() { return static_cast<Level>(g_minimum.load()); }

void log(Level level, std::string_view message) {
  if (static_cast<int>(level) < g_minimum) return;
  std::lock_guard lock(g_mutex);
  std::fprintf(stderr, "kefu: %s: %.*s\n", label(level), static_cast<int>(message.size()), message.data());
}

}  // namespace kefu::host
