// `kefu update`: the team's word lists from the URLs in the config (docs/fetch.md).
#pragma once

#include "cli/options.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_update_command(CLI::App& app, GlobalOptions& options, int& exit_code);

}  // namespace kefu::host
