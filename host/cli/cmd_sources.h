// `kefu sources`: every fact Kefu states about the platforms (rules, metric definitions and
// their parameters, word entries), each with its source, label and the date it was read, so a
// supervisor can audit what they are told (docs/rules.md, "Sources").
#pragma once

#include "cli/context.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_sources_options(CLI::App& cmd, ConfigPaths& paths);
int run_sources(Context& ctx, const CLI::App& cmd);

}  // namespace kefu::host
