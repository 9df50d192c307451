// Which config a command runs with, and whether to trust it. A config the user named (--config,
// $KEFU_CONFIG) is theirs; a `kefu.json` merely found in the current directory may have been
// planted there (a shared folder, a downloaded project), and a config chooses the API gateways,
// the CA bundle and the secrets file — where the shops' credentials go. So a config from the
// current directory is used only when it is owned by the user running kefu and nobody else can
// change it. Before credentials are sent, the commands say which config and which endpoints.
#pragma once

#include "config/config.h"

#include <string>

namespace kefu::host::config {

// Loads `file` (found in the current directory, not named by the user) after checking it is
// the user's own and writable by no one else; otherwise throws std::runtime_error naming the
// file, what is wrong and the fix.
Config load_config_found_in_current_directory(const std::string& file);

// "config /abs/kefu.json (named with --config)", or "no config file (built-in defaults)".
std::string describe_config(const Config& config);

// Where a platform's API calls go: the plugin's own gateway, or the config's endpoint shown as
// a change made by that config (and a CA bundle replacing the system's, when set).
std::string describe_endpoint(const Config& config, const std::string& platform);

}  // namespace kefu::host::config
