// Options every command shares, and the one way commands get their plugins.
#pragma once

#include "present/text.h"
#include "config/config.h"
#include "platforms/registry.h"
#include "net/http_client.h"

#include <string>
#include <vector>

namespace kefu::host {

struct GlobalOptions {
  std::vector<std::string> plugin_dirs;  // --plugin-dir, repeatable
  std::string lang = "zh";               // --lang zh|en
  bool verbose = false;

  Lang language() const { return lang == "en" ? Lang::en : Lang::zh; }
};

// Loads the plugins of the search path; refusals are kept in the registry for the caller. The
// plugins share one HTTP client with `http`'s limits.
PluginRegistry load_plugins(const GlobalOptions& options, const HttpOptions& http = {});

// The HTTP client's limits as the config sets them (`http`: timeouts, attempts, CA bundle).
HttpOptions http_options(const config::Config& config);

// Exit codes, the same for every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

}  // namespace kefu::host
