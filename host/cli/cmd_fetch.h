// `kefu fetch`: shops' data from their platforms' APIs into the store (docs/fetch.md).
#pragma once

#include "cli/options.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_fetch_command(CLI::App& app, GlobalOptions& options, int& exit_code);

}  // namespace kefu::host
