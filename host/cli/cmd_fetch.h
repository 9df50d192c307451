// `kefu fetch`: shops' data from their platforms' APIs into the store (docs/fetch.md).
#pragma once

#include "cli/context.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_fetch_options(CLI::App& cmd, ConfigPaths& paths);
int run_fetch(Context& ctx, const CLI::App& cmd);

}  // namespace kefu::host
