#include "platforms/plugin_process.h"

#include "model/validate.h"
#include "net/log.h"
#include "platforms/frames.h"
#include "platforms/plugin_host_messages.h"
#include "platforms/process_end.h"

#include <kefu/json.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>

extern char** environ;

namespace kefu::host {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint64_t kHeaderLimit = 1u << 20;  // an 'A' header or an HTTP request

// The environment the plugin host process gets: what a plugin may reasonably read, and the
// sanitizers' options. Nothing else, so credentials in KEFU_<SHOP>_* never reach a plugin
// process, whatever the call.
bool passed_on(std::string_view entry) {
  static constexpr std::string_view kNames[] = {
      "PATH=", "HOME=",    "LANG=",         "LANGUAGE=",      "TZ=",          "TMPDIR=",
      "USER=", "LOGNAME=", "ASAN_OPTIONS=", "UBSAN_OPTIONS=", "LSAN_OPTIONS="};
  if (entry.starts_with("LC_")) return true;
  for (std::string_view n : kNames)
    if (entry.starts_with(n)) return true;
  return false;
}

class PluginProcess final : public PluginCalls {
 public:
  PluginProcess(pid_t pid, int fd, PluginLimits limits, HttpService http)
      : pid_(pid), fd_(fd), limits_(limits), http_(std::move(http)) {}

  ~PluginProcess() override {
    ::close(fd_);
    stop();
  }

  std::optional<RawAnswer> call(PluginCall call, std::string_view request, std::string_view payload) override {
    std::lock_guard lock(mutex_);
    if (stopped_)
      throw PluginCallError(PluginCallError::Kind::plugin_bug, "cannot run: earlier in this command, " + *stopped_);
    const std::string name(call_name(call));
    if (!frames::write(fd_, 'C', name) || !frames::write(fd_, 'Q', request) || !frames::write(fd_, 'P', payload))
      fail({});
    frames::Frame header = expect('A', kHeaderLimit);
    CallAnswer answer;
    try {
      answer = json::read<CallAnswer>(header.body, "the plugin host's answer");
    } catch (const json::ParseError&) {
      ProcessEnd end;
      end.garbled = true;
      fail(end);
    }
    RawAnswer raw{answer.status, expect('O', limits_.answer_bytes).body, expect('E', limits_.answer_bytes).body};
    if (!answer.failure.empty())
      throw PluginCallError(answer.plugin_bug ? PluginCallError::Kind::plugin_bug : PluginCallError::Kind::failed,
                            answer.failure);
    if (!answer.slot) return std::nullopt;
    return raw;
  }

  void identified(const std::string&) override {}

  // Asks the process to load its plugin; a write to a process already gone is noticed by
  // load_answer().
  void send_load(const LoadRequest& request) { frames::write(fd_, 'L', json::write(request)); }

  // The load verdict: the first answer, under the same watchdog as a call.
  LoadAnswer load_answer() {
    std::lock_guard lock(mutex_);
    return json::read<LoadAnswer>(expect('A', kHeaderLimit).body, "the plugin host's load answer");
  }

 private:
  // The next frame of `kind`, serving the plugin's HTTP requests meanwhile. The clock restarts
  // after each request served: time spent on the network is the host's, not the plugin's.
  frames::Frame expect(char kind, std::uint64_t limit) {
    auto deadline = Clock::now() + limits_.timeout;
    ProcessEnd end;
    for (;;) {
      frames::Frame frame;
      std::uint64_t announced = 0;
      switch (frames::read(fd_, frame, deadline, std::max(limit, kHeaderLimit), &announced)) {
        case frames::ReadStatus::ok:
          break;
        case frames::ReadStatus::timed_out:
          end.timed_out = true;
          fail(end);
        case frames::ReadStatus::too_large:
          end.answer_too_large = announced;
          fail(end);
        case frames::ReadStatus::closed:
          fail(end);
      }
      if (frame.kind == kind && frame.body.size() <= limit) return frame;
      if (frame.kind == kind) {
        end.answer_too_large = frame.body.size();
        fail(end);
      }
      if (frame.kind == 'D') {
        end.note = frame.body;
        continue;
      }
      if (frame.kind != 'H') {
        end.garbled = true;
        fail(end);
      }
      std::string reply;
      try {
        reply = "0" + http_(frame.body);
      } catch (const std::exception& e) {
        reply = "1" + std::string(e.what());
      }
      if (!frames::write(fd_, 'h', reply)) fail(end);
      deadline = Clock::now() + limits_.timeout;
    }
  }

  // Ends the process (if it has not ended itself) and throws what happened.
  [[noreturn]] void fail(ProcessEnd end) {
    if (!end.timed_out && !end.answer_too_large && !end.garbled) {
      // It is ending by itself (the socket closed): give it a moment, so its own exit code or
      // signal is what is reported.
      for (int i = 0; i < 200 && !reaped_; ++i) {
        if (::waitpid(pid_, &end.wait_status, WNOHANG) == pid_)
          reaped_ = true;
        else
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    stop(&end.wait_status);
    stopped_ = describe_end(end, limits_);
    throw PluginCallError(PluginCallError::Kind::plugin_bug, *stopped_);
  }

  // Kills the process and anything it started (its own process group), and reaps it.
  void stop(int* status = nullptr) {
    if (reaped_) return;
    ::kill(-pid_, SIGKILL);
    int s = 0;
    while (::waitpid(pid_, &s, 0) < 0 && errno == EINTR) {
    }
    if (status) *status = s;
    reaped_ = true;
  }

  pid_t pid_;
  int fd_;
  PluginLimits limits_;
  HttpService http_;
  std::mutex mutex_;
  bool reaped_ = false;
  std::optional<std::string> stopped_;
};

LoadResult refused_to_start(const std::string& path, const std::string& found) {
  return {nullptr, Refusal{RefusalCode::init_failed, path,
                           refusal_message(path, "could not be started in a process of its own",
                                           "the plugin host " + plugin_host_program() + " to start", found,
                                           "Reinstall Kefu (the plugin host is installed next to it), or run the "
                                           "plugins inside kefu with --plugins-in-process")}};
}

}  // namespace

std::string plugin_host_program() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (exe.parent_path() / ".." / "libexec" / "kefu" / "kefu-plugin-host").lexically_normal().string();
}

bool memory_cap_applies() {
#if defined(__SANITIZE_ADDRESS__)
  return false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return false;
#else
  return true;
#endif
#else
  return true;
#endif
}

namespace {

// A plugin host process started and asked to load its plugin, whose answer is not read yet.
struct StartedPlugin {
  std::string path;
  std::unique_ptr<PluginProcess> process;
  LoadResult refused;  // when the process could not be started
};

StartedPlugin start(const std::string& given_path, const LoadOptions& options) {
  std::error_code ec;
  std::string path = std::filesystem::absolute(given_path, ec).lexically_normal().string();
  if (ec) path = given_path;
  const std::string program = plugin_host_program();
  if (::access(program.c_str(), X_OK) != 0) return {path, nullptr, refused_to_start(path, std::strerror(errno))};

  int sockets[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0)
    return {path, nullptr, refused_to_start(path, std::string("socketpair: ") + std::strerror(errno))};
  std::vector<char*> env;
  for (char** e = environ; *e; ++e)
    if (passed_on(*e)) env.push_back(*e);
  env.push_back(nullptr);
  std::string arg0 = "kefu-plugin-host", arg1 = path;
  char* argv[] = {arg0.data(), arg1.data(), nullptr};

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawn_file_actions_adddup2(&actions, sockets[1], STDIN_FILENO);
  // Nothing else of kefu's leaks in: the store, other plugins' sockets, files.
  ::posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
  ::posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  ::posix_spawnattr_setsigmask(&attr, &none);
  ::posix_spawnattr_setsigdefault(&attr, &defaults);
  ::posix_spawnattr_setpgroup(&attr, 0);  // its own group: stopping it stops what it started
  ::posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, &attr, argv, env.data());
  ::posix_spawn_file_actions_destroy(&actions);
  ::posix_spawnattr_destroy(&attr);
  ::close(sockets[1]);
  if (spawned != 0) {
    ::close(sockets[0]);
    return {path, nullptr, refused_to_start(path, std::strerror(spawned))};
  }

  auto process = std::make_unique<PluginProcess>(pid, sockets[0], options.limits, http_service_of(options.http));
  LoadRequest request;
  request.config_json = options.config_json;
  request.log_level = static_cast<int>(log_level());
  request.memory_bytes = memory_cap_applies() ? static_cast<std::int64_t>(options.limits.memory_bytes) : 0;
  request.answer_bytes = static_cast<std::int64_t>(options.limits.answer_bytes);
  process->send_load(request);
  return {path, std::move(process), {}};
}

LoadResult finish(StartedPlugin started) {
  if (!started.process) return std::move(started.refused);
  const std::string& path = started.path;
  LoadAnswer answer;
  try {
    answer = started.process->load_answer();
  } catch (const std::exception& e) {
    return {nullptr, Refusal{RefusalCode::init_failed, path,
                             "plugin " + path + ": while loading in its own process, it " + e.what()}};
  }
  if (answer.refused) return {nullptr, Refusal{refusal_code_named(answer.code), path, answer.message}};

  auto plugin = std::make_unique<LoadedPlugin>(path, answer.sdk_version, std::move(started.process));
  for (auto& n : answer.notes) plugin->add_note(std::move(n));
  // The process checked the identity; kefu checks it again, trusting nothing it is told.
  try {
    const auto problems = validate_identity(plugin->query_info());
    if (!problems.empty()) {
      std::string found;
      for (const auto& p : problems) found += (found.empty() ? "" : "; ") + p;
      return {nullptr, Refusal{RefusalCode::identity_invalid, path,
                               refusal_message(path, "its identity is malformed",
                                               "a well-formed id, names, version and capabilities", found,
                                               "Fix info() in the plugin")}};
    }
  } catch (const std::exception& e) {
    return {nullptr,
            Refusal{RefusalCode::identity_invalid, path,
                    refusal_message(path, "info() failed", "its identity", e.what(), "Fix info() in the plugin")}};
  }
  return {std::move(plugin), std::nullopt};
}

}  // namespace

LoadResult load_isolated_plugin(const std::string& path, const LoadOptions& options) {
  return finish(start(path, options));
}

std::vector<LoadResult> load_isolated_plugins(const std::vector<std::string>& paths, const LoadOptions& options) {
  std::vector<StartedPlugin> started;
  for (const std::string& path : paths) started.push_back(start(path, options));
  std::vector<LoadResult> results;
  for (StartedPlugin& s : started) results.push_back(finish(std::move(s)));
  return results;
}

}  // namespace kefu::host
