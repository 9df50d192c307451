// How a plugin host process ended a call, in words: what happened (a signal by name, an exit
// code, a timeout, too much memory, an answer too large) and what to do about it.
#pragma once

#include "platforms/plugin_limits.h"

#include <cstdint>
#include <string>

namespace kefu::host {

struct ProcessEnd {
  bool timed_out = false;              // kefu stopped it: no answer within the timeout
  std::uint64_t answer_too_large = 0;  // kefu stopped it: an answer of this many bytes announced
  bool garbled = false;                // kefu stopped it: it sent what the protocol does not allow
  std::string note;                    // what the process said before it ended itself ("memory")
  int wait_status = 0;                 // from waitpid
};

// "crashed with SIGSEGV (Segmentation fault). The plugin is stopped for the rest of this
// command; ..." — to follow "plugin X: words() ".
std::string describe_end(const ProcessEnd& end, const PluginLimits& limits);

}  // namespace kefu::host
