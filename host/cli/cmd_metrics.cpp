#include "cli/cmd_metrics.h"
#include "cli/metrics_subcommands.h"

#include <CLI/CLI.hpp>

namespace kefu::host {

void add_metrics_options(CLI::App& cmd, ConfigPaths&) {
  cmd.require_subcommand(1);
  add_metrics_catalog_options(*cmd.add_subcommand(
      "catalog", "The canonical metrics and each platform's own definitions, side by side, with sources"));
  add_metrics_import_options(*cmd.add_subcommand(
      "import", "Read a platform's own CS performance export (CSV, UTF-8 or GBK) into metric values"));
  add_metrics_compute_options(*cmd.add_subcommand(
      "compute", "Recompute response metrics from canonical chat logs (one definition for every platform)"));
  add_metrics_definitions_options(*cmd.add_subcommand(
      "definitions",
      "Each platform metric's definition parameters (unit, hours, bots, threshold, period, line ...), "
      "each with its source or why it is unknown"));
}

int run_metrics(Context& ctx, const CLI::App& cmd) {
  if (cmd.get_subcommand("catalog")->parsed()) return run_metrics_catalog(ctx);
  if (cmd.get_subcommand("import")->parsed()) return run_metrics_import(ctx);
  if (cmd.get_subcommand("definitions")->parsed()) return run_metrics_definitions(ctx);
  return run_metrics_compute(ctx);
}

}  // namespace kefu::host
