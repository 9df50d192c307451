// `kefu plugins` (the loaded plugins, and why any were refused) and `kefu plugins check FILE`
// (the conformance checks on one plugin file).
#pragma once

#include "cli/context.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_plugins_options(CLI::App& cmd, ConfigPaths& paths);
int run_plugins(Context& ctx, const CLI::App& cmd);

}  // namespace kefu::host
