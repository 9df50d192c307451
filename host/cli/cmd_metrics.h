// `kefu metrics catalog` (canonical metrics and each platform's native definitions),
// `kefu metrics import` (a platform's own CS export, through its plugin) and
// `kefu metrics compute` (one definition for every platform, recomputed from chat logs).
#pragma once

#include "cli/context.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_metrics_options(CLI::App& cmd, ConfigPaths& paths);
int run_metrics(Context& ctx, const CLI::App& cmd);

}  // namespace kefu::host
