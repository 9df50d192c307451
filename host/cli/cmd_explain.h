// `kefu explain METRIC`: the sessions behind a figure's shortfall, each with its reason and last
// messages, read from the chat logs given (docs/metrics.md, "Explaining a figure").
#pragma once

#include "cli/context.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_explain_options(CLI::App& cmd, ConfigPaths& paths);
int run_explain(Context& ctx, const CLI::App& cmd);

}  // namespace kefu::host
