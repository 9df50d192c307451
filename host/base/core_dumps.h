// Credentials in memory must not reach a core dump: commands that hold them (kefu fetch, kefu
// update) make the process undumpable (prctl PR_SET_DUMPABLE 0, which also keeps other users'
// debuggers and /proc readers out) and set its core size limit to 0 before reading any.
#pragma once

#include <string>

namespace kefu::host {

// Empty on success, else what could not be set (the caller warns and goes on).
std::string disable_core_dumps();

}  // namespace kefu::host
