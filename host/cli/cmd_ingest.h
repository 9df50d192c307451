// `kefu ingest FILE...`: chat logs and platform exports into the store (docs/report.md).
#pragma once

#include "cli/options.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_ingest_command(CLI::App& app, GlobalOptions& options, int& exit_code);

}  // namespace kefu::host
