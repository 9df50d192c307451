// The checks made on a plugin file before it is opened at all: it must exist, be a regular
// file, and be writable by no one but its owner, in a directory others cannot write into —
// otherwise anyone with an account could make the host run their code.
#pragma once

#include "platforms/refusal.h"

#include <optional>
#include <string>

namespace kefu::host {

std::optional<Refusal> check_plugin_file(const std::string& absolute_path);

}  // namespace kefu::host
