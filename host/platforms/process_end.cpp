#include "platforms/process_end.h"

#include <sys/wait.h>

#include <csignal>
#include <cstring>

namespace kefu::host {
namespace {

std::string signal_name(int signal) {
  const char* abbrev = ::sigabbrev_np(signal);
  const char* text = ::strsignal(signal);
  return (abbrev ? "SIG" + std::string(abbrev) : "signal " + std::to_string(signal)) +
         (text ? " (" + std::string(text) + ")" : "");
}

}  // namespace

std::string describe_end(const ProcessEnd& end, const PluginLimits& limits) {
  std::string what, limit;
  if (end.timed_out) {
    what = "did not answer within " + describe_timeout(limits) + ", so its process was stopped";
    limit = "KEFU_PLUGIN_TIMEOUT_S";
  } else if (end.answer_too_large) {
    what = "answered " + std::to_string(end.answer_too_large >> 20) + " MiB, more than the limit of " +
           describe_answer(limits) + ", so the answer was refused and its process stopped";
    limit = "KEFU_PLUGIN_ANSWER_MB";
  } else if (end.garbled) {
    what =
        "sent kefu something that is not a plugin host's answer (the plugin wrote into kefu's socket?), so "
        "its process was stopped";
  } else if (end.note == "memory") {
    what = "needed more memory than the limit of " + describe_memory(limits) + ", so its process ended";
    limit = "KEFU_PLUGIN_MEMORY_MB";
  } else if (WIFSIGNALED(end.wait_status)) {
    const int signal = WTERMSIG(end.wait_status);
    what = "crashed with " + signal_name(signal);
    if (signal == SIGKILL) what += ", sent by someone else, often the system when it runs out of memory";
  } else if (WIFEXITED(end.wait_status)) {
    what = "ended its process with exit code " + std::to_string(WEXITSTATUS(end.wait_status)) +
           " instead of answering (a plugin reports a failure by returning an error, never by exiting)";
  } else {
    what = "lost its process";
  }
  std::string remedy =
      ". The plugin is stopped for the rest of this command and the other plugins go on. Report this to the "
      "plugin's authors; `kefu plugins check FILE` runs it inside kefu for a closer look";
  if (!limit.empty()) remedy += ", and " + limit + " raises the limit if the plugin really needs more";
  return what + remedy;
}

}  // namespace kefu::host
