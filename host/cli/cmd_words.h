// `kefu words`: a platform's effective word list (common, platform and team layers, the
// user's files), each entry with where it comes from.
#pragma once

#include "cli/context.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_words_options(CLI::App& cmd, ConfigPaths& paths);
int run_words(Context& ctx, const CLI::App& cmd);

}  // namespace kefu::host
