// `kefu rules` (a platform's rules in the one model, with sources) and `kefu diff` (the
// rotation briefing 轮岗简报; exit 1 when the agent's scripts would newly be violations).
#pragma once

#include "cli/options.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_rules_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_diff_command(CLI::App& app, GlobalOptions& options, int& exit_code);

}  // namespace kefu::host
