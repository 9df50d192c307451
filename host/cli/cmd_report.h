// `kefu report`: the supervisor report from the store, against the config's shops and KPI
// targets, as a table, CSV, JSON, Markdown, an Excel workbook or an HTML page (docs/report.md).
#pragma once

#include "cli/options.h"

namespace CLI {
class App;
}

namespace kefu::host {

void add_report_command(CLI::App& app, GlobalOptions& options, int& exit_code);

}  // namespace kefu::host
