#include "cli/cmd_metrics.h"

#include <CLI/CLI.hpp>

namespace kefu::host {

void add_metrics_catalog(CLI::App& metrics_app, GlobalOptions& options, int& exit_code);
void add_metrics_import(CLI::App& metrics_app, GlobalOptions& options, int& exit_code);
void add_metrics_compute(CLI::App& metrics_app, GlobalOptions& options, int& exit_code);

void add_metrics_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  CLI::App* metrics = app.add_subcommand("metrics", "Customer-service metrics: catalog, native imports, recomputation");
  metrics->require_subcommand(1);
  add_metrics_catalog(*metrics, options, exit_code);
  add_metrics_import(*metrics, options, exit_code);
  add_metrics_compute(*metrics, options, exit_code);
}

}  // namespace kefu::host
