// `kefu diff FROM TO`: the rotation briefing 轮岗简报, what changes for an agent moving from one
// platform (or rule date) to another; exit 1 when their scripts would newly be violations.
#pragma once

#include "cli/context.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_diff_options(CLI::App& cmd, ConfigPaths& paths);
int run_diff(Context& ctx, const CLI::App& cmd);

}  // namespace kefu::host
