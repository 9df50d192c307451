// `kefu words` (the effective word list of a platform) and `kefu scan` (find banned words in
// script libraries and chat logs; exit 1 when any `block` hit, so it works as a CI lint).
#pragma once

#include "cli/options.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_words_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_scan_command(CLI::App& app, GlobalOptions& options, int& exit_code);

}  // namespace kefu::host
