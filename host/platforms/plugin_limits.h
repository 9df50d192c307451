// The limits a plugin runs under, and where they are set. Out of process (the default) all
// three hold; in process (--plugins-in-process, KEFU_PLUGINS_IN_PROCESS=1, kefu plugins check)
// only the answer size does, since a plugin sharing the host's process cannot be timed out or
// capped without taking the host with it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace kefu::host {

struct PluginLimits {
  // A call that neither answers nor asks the host for anything (HTTP) for this long is stopped.
  // Generous: the bundled plugins answer in milliseconds; fetch waits on HTTP, which the host
  // does, so the clock restarts after each request the host serves.
  std::chrono::milliseconds timeout{60'000};
  // Address space of the plugin host process (RLIMIT_AS): the plugin, its data and its answer.
  std::uint64_t memory_bytes = std::uint64_t{4} << 30;
  // One answer (JSON text). The bundled plugins' largest, a word list, is well under 1 MiB; a
  // fetch of chat messages for a busy shop may reach tens of MiB.
  std::uint64_t answer_bytes = std::uint64_t{256} << 20;
};

// The defaults above, changed by KEFU_PLUGIN_TIMEOUT_S, KEFU_PLUGIN_MEMORY_MB and
// KEFU_PLUGIN_ANSWER_MB (positive whole numbers). Throws std::runtime_error naming a variable
// that is set to anything else.
PluginLimits plugin_limits_from_environment();

// Whether KEFU_PLUGINS_IN_PROCESS asks for plugins in the host's own process ("1"; "0" or unset
// for the default). Throws std::runtime_error for any other value.
bool in_process_from_environment();

// "60 s (KEFU_PLUGIN_TIMEOUT_S)" and the like, for messages that say which limit was met.
std::string describe_timeout(const PluginLimits& limits);
std::string describe_memory(const PluginLimits& limits);
std::string describe_answer(const PluginLimits& limits);

}  // namespace kefu::host
