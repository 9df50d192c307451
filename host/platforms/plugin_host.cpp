#include "platforms/plugin_host.h"

#include "base/core_dumps.h"
#include "net/log.h"
#include "platforms/frames.h"
#include "platforms/loader.h"
#include "platforms/plugin_host_messages.h"

#include <kefu/json.hpp>

#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <limits>
#include <mutex>
#include <new>
#include <stdexcept>

namespace kefu::host {
namespace {

constexpr std::uint64_t kNoLimit = std::numeric_limits<std::uint64_t>::max();

int g_fd = -1;
std::mutex g_socket;                 // one frame at a time: HTTP requests may come from plugin threads
std::atomic<bool> g_in_call{false};  // HTTP is answered only while kefu waits on a call

// Under the memory cap an allocation fails: say so before dying, so kefu reports "too much
// memory" rather than whatever the plugin would do with a failed allocation.
void on_memory_exhausted() {
  frames::write(g_fd, 'D', "memory");
  ::_exit(125);
}

// The plugin's HTTP requests go to kefu, whose client (TLS, retries, redaction, limits) serves
// every plugin; this process has no network settings of its own.
std::string forward_http(std::string_view request) {
  if (!g_in_call) throw std::runtime_error("HTTP is available to a plugin only during a call from the host");
  std::lock_guard lock(g_socket);
  if (!frames::write(g_fd, 'H', request)) throw std::runtime_error("the host is gone");
  frames::Frame answer;
  if (frames::read(g_fd, answer, std::nullopt, kNoLimit) != frames::ReadStatus::ok || answer.kind != 'h' ||
      answer.body.empty())
    throw std::runtime_error("the host is gone");
  if (answer.body[0] != '0') throw std::runtime_error(answer.body.substr(1));
  return answer.body.substr(1);
}

bool send(char kind, std::string_view body) {
  std::lock_guard lock(g_socket);
  return frames::write(g_fd, kind, body);
}

void apply_memory_cap(std::int64_t bytes) {
  if (bytes <= 0) return;
  const rlimit cap{static_cast<rlim_t>(bytes), static_cast<rlim_t>(bytes)};
  if (::setrlimit(RLIMIT_AS, &cap) != 0) log(Level::warn, "plugin host: the memory cap could not be set");
}

}  // namespace

int serve_plugin(const std::string& path, int fd) {
  g_fd = fd;
  // Killed with kefu, even when the plugin never returns to read the socket's end.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  // This process may hold a shop's credentials (fetch) and customers' messages (imports).
  disable_core_dumps();

  frames::Frame frame;
  if (frames::read(fd, frame, std::nullopt, kNoLimit) != frames::ReadStatus::ok || frame.kind != 'L') return 2;
  const auto request = json::read<LoadRequest>(frame.body, "load request");
  set_log_level(static_cast<Level>(request.log_level));
  apply_memory_cap(request.memory_bytes);
  std::set_new_handler(&on_memory_exhausted);

  LoadOptions options;
  options.config_json = request.config_json;
  options.limits.answer_bytes = static_cast<std::uint64_t>(request.answer_bytes);
  LoadResult loaded = load_plugin(path, options, &forward_http);
  LoadAnswer answer;
  if (loaded.refusal) {
    answer.refused = true;
    answer.code = std::string(to_string(loaded.refusal->code));
    answer.message = loaded.refusal->message;
  } else {
    answer.sdk_version = loaded.plugin->sdk_version();
    answer.notes = loaded.plugin->notes();
  }
  if (!send('A', json::write(answer)) || !loaded.plugin) return 0;

  for (;;) {
    frames::Frame call, req, payload;
    if (frames::read(fd, call, std::nullopt, kNoLimit) != frames::ReadStatus::ok || call.kind != 'C' ||
        frames::read(fd, req, std::nullopt, kNoLimit) != frames::ReadStatus::ok ||
        frames::read(fd, payload, std::nullopt, kNoLimit) != frames::ReadStatus::ok)
      ::_exit(0);  // kefu is done: no destructors, no waiting for threads the plugin left behind
    CallAnswer header;
    RawAnswer raw;
    const std::optional<PluginCall> which = call_named(call.body);
    g_in_call = true;
    try {
      if (!which) throw PluginCallError(PluginCallError::Kind::plugin_bug, "is not a call this plugin host knows");
      const std::optional<RawAnswer> got = loaded.plugin->raw_call(*which, req.body, payload.body);
      header.slot = got.has_value();
      if (got) raw = std::move(*got);
      header.status = raw.status;
    } catch (const PluginCallError& e) {
      header.failure = e.what();
      header.plugin_bug = e.kind() == PluginCallError::Kind::plugin_bug;
    }
    g_in_call = false;
    std::lock_guard lock(g_socket);
    if (!frames::write(fd, 'A', json::write(header)) || !frames::write(fd, 'O', raw.out) ||
        !frames::write(fd, 'E', raw.error))
      ::_exit(0);
  }
}

}  // namespace kefu::host
