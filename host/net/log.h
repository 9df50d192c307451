// Diagnostics on stderr. Human-facing results go to stdout through the commands, never here.
#pragma once

#include <string_view>

namespace kefu::host {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

void set_log_level(Level minimum);
Level log_level();
void log(Level level, std::string_view message);

}  // namespace kefu::host
