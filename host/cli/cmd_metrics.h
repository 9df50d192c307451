// `kefu metrics catalog` (canonical metrics and each platform's native definitions),
// `kefu metrics import` (a platform's own CS export, through its plugin) and
// `kefu metrics compute` (one definition for every platform, recomputed from chat logs).
#pragma once

#include "cli/options.h"

#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace kefu::host {

// The words of metric profiles (units, bot handling, comparability, direction) for people.
std::string metric_label(Lang lang, std::string_view value);

void add_metrics_command(CLI::App& app, GlobalOptions& options, int& exit_code);

}  // namespace kefu::host
