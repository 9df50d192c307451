// Loads one plugin file, checking it in the order that lets each failure be named exactly:
//   1. file safety         (before anything is read: the file and every directory up to /
//                           owned by root or the user and writable by no one else; see
//                           file_checks.h). The file is then opened once, and steps 2-4 read
//                           and map that open file (/proc/self/fd/N), never the path again.
//   2. native format       (ELF header: before anything is mapped)
//   3. Kefu markers        (the boostdll section: before any plugin code runs)
//   4. dlopen, RTLD_NOW    (dependencies resolved now, not as a crash later)
//   5. ABI record          (magic, SDK version, fingerprint)
//   6. factory + table     (initialization, function table complete)
//   7. identity            (info() well-formed)
// Duplicate platform ids are refused by the registry, which sees all plugins.
#pragma once

#include "platforms/plugin.h"
#include "platforms/plugin_limits.h"
#include "platforms/refusal.h"

#include "platforms/host_api.h"

#include <memory>
#include <optional>
#include <string>

namespace kefu::host {

class HttpClient;

struct LoadOptions {
  std::shared_ptr<HttpClient> http;  // may be null: plugins then get an HTTP error
  std::string config_json = "{}";    // the plugin's config section
  PluginLimits limits;               // the answer size always; time and memory out of process
  // Each plugin in a plugin host process of its own (plugin_process.h). load_plugin itself
  // always loads in this process; the registry honours this.
  bool isolated = false;
};

struct LoadResult {
  std::unique_ptr<LoadedPlugin> plugin;  // set when loaded
  std::optional<Refusal> refusal;        // set when refused
};

// Loads `path` into this process; `http_service` answers the plugin's HTTP requests (the
// plugin host process forwards them to kefu).
LoadResult load_plugin(const std::string& path, const LoadOptions& options, HttpService http_service);
// The same with options.http answering them. Inline so that a program calling only the form
// above (kefu-plugin-host) does not link the HTTP client.
inline LoadResult load_plugin(const std::string& path, const LoadOptions& options = {}) {
  return load_plugin(path, options, http_service_of(options.http));
}

}  // namespace kefu::host
