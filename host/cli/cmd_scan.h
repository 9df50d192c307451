// `kefu scan`: banned words in script libraries and chat logs; exit 1 when any `block` hit, so
// it works as a CI lint.
#pragma once

#include "cli/context.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_scan_options(CLI::App& cmd, ConfigPaths& paths);
int run_scan(Context& ctx, const CLI::App& cmd);

}  // namespace kefu::host
