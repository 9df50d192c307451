// `kefu rules`: a platform's customer-service rules in the one model, dated, with sources.
#pragma once

#include "cli/context.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_rules_options(CLI::App& cmd, ConfigPaths& paths);
int run_rules(Context& ctx, const CLI::App& cmd);

}  // namespace kefu::host
