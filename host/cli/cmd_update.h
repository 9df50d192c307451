// `kefu update`: the team's word lists from the URLs in the config (docs/fetch.md).
#pragma once

#include "cli/context.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_update_options(CLI::App& cmd, ConfigPaths& paths);
int run_update(Context& ctx, const CLI::App& cmd);

}  // namespace kefu::host
