// `kefu ingest FILE...`: chat logs and platform exports into the store (docs/report.md).
#pragma once

#include "cli/context.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_ingest_options(CLI::App& cmd, ConfigPaths& paths);
int run_ingest(Context& ctx, const CLI::App& cmd);

}  // namespace kefu::host
