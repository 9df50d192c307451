// The problems parse_config finds in a kefu.json text, each naming its path; none when it is valid.
// The config tests' one helper for "what does Kefu say about this config".
#pragma once

#include "config/config.h"

#include <string>
#include <vector>

namespace kefu::host::config {

inline std::vector<std::string> problems_of(const std::string& json) {
  try {
    parse_config(json, "/etc/kefu/kefu.json");
  } catch (const ConfigError& e) {
    return e.problems();
  }
  return {};
}

}  // namespace kefu::host::config
