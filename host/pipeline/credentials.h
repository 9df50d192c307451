// A shop's API credentials: from the environment (KEFU_<SHOP>_<NAME>, e.g. KEFU_TM01_APP_SECRET)
// or from the secrets file, which must be a regular file only its owner can read or write
// (mode 0600 or stricter). They go to the plugin for the shop and nowhere else: never into the
// store, the config or a log.
#pragma once

#include <kefu/model.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace kefu::host::fetch {

// The names a shop's credentials may have; each platform's plugin says which it needs.
inline constexpr const char* kCredentialNames[] = {"app_key",      "app_secret",  "session",
                                                   "access_token", "sign_secret", "sign_method"};

// The environment variable for one credential: KEFU_ + shop id and name upper-cased, any
// character other than A-Z and 0-9 as '_'.
std::string credential_variable(const std::string& shop_id, const std::string& name);

// Throws std::runtime_error when the secrets file is unsafe (saying the chmod that fixes it) or
// unreadable. A variable in the environment wins over the file.
std::vector<Setting> load_credentials(const std::string& shop_id, const std::string& secrets_file);

// Every credential value, for redaction.
std::vector<std::string> secret_values(const std::vector<Setting>& credentials);

}  // namespace kefu::host::fetch
