// `kefu plugins` and `kefu plugins check FILE`.
#pragma once

#include "cli/options.h"

namespace CLI {
class App;
}

namespace kefu::host {

// Registers the subcommands on `app`; `exit_code` receives the result of the one that ran.
void add_plugins_command(CLI::App& app, GlobalOptions& options, int& exit_code);

}  // namespace kefu::host
