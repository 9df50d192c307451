// `kefu report`: the supervisor report from the store, against the config's shops and KPI
// targets, as a table, CSV, JSON, Markdown, an Excel workbook or an HTML page (docs/report.md).
#pragma once

#include "cli/context.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_report_options(CLI::App& cmd, ConfigPaths& paths);
int run_report(Context& ctx, const CLI::App& cmd);

}  // namespace kefu::host
