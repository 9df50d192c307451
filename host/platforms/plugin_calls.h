// How a LoadedPlugin reaches its plugin: in this process through the C function table
// (in_process_calls.h), or in a plugin host process of its own over a socket
// (plugin_process.h). Both carry the plugin's own JSON answers unchanged; LoadedPlugin reads
// them the same way whichever way they came.
#pragma once

#include <kefu/abi.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::host {

// The calls of kefu_plugin_vtable, by name.
enum class PluginCall { info, rules, words, metric_profile, import_native, fetch };

std::string_view call_name(PluginCall call);
// The call named `name`; nullopt for a name that is no call.
std::optional<PluginCall> call_named(std::string_view name);

// What the plugin answered: its status (KEFU_OK, KEFU_ERROR, KEFU_UNSUPPORTED) and what it
// wrote into the answer and error sinks.
struct RawAnswer {
  std::int32_t status = KEFU_ERROR;
  std::string out, error;
};

class PluginCalls {
 public:
  virtual ~PluginCalls() = default;
  // Makes one call. nullopt when the plugin's function table has no slot for it (built with
  // an older SDK minor). Throws PluginCallError (plugin.h) when the plugin gave no answer: an
  // escaped exception, an answer over the size limit, or, out of process, a crash, an exit, a
  // timeout or too much memory. The message says what happened and what to do, without the
  // plugin's name and the call, which the caller adds.
  virtual std::optional<RawAnswer> call(PluginCall call, std::string_view request, std::string_view payload) = 0;
  // The plugin's id, once known, for its log lines.
  virtual void identified(const std::string& id) = 0;
};

}  // namespace kefu::host
