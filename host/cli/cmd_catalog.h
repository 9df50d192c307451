// `kefu catalog`: every key a plugin may use — rule keys with their type and stricter side,
// metric keys with their unit and better direction, word categories with the rule that governs
// them — so a plugin author finds the vocabulary without reading host source (docs/plugin-guide.md).
#pragma once

#include "cli/context.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_catalog_options(CLI::App& cmd, ConfigPaths& paths);
int run_catalog(Context& ctx, const CLI::App& cmd);

}  // namespace kefu::host
