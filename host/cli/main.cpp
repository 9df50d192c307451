// kefu: the command-line host. Parses arguments, dispatches to one command, maps its result to
// the exit codes every command shares (0 ok, 1 findings, 2 usage or environment error).
#include "cli/cmd_fetch.h"
#include "cli/cmd_ingest.h"
#include "cli/cmd_metrics.h"
#include "cli/cmd_plugins.h"
#include "cli/cmd_report.h"
#include "cli/cmd_rules.h"
#include "cli/cmd_update.h"
#include "cli/cmd_words.h"
#include "cli/options.h"
#include "net/log.h"

#include <kefu/abi.h>

#include <CLI/CLI.hpp>

#include <iostream>

#ifndef KEFU_VERSION
#define KEFU_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  using namespace kefu::host;
  CLI::App app{"Kefu 客服: one model for customer-service rules, metrics and sensitive words across platforms"};
  app.set_version_flag("--version", std::string("kefu ") + KEFU_VERSION + " (plugin SDK " KEFU_SDK_VERSION_STRING ")");
  app.require_subcommand(0, 1);
  app.fallthrough();  // global options may follow the subcommand: kefu plugins --lang en

  GlobalOptions options;
  app.add_option("--plugin-dir", options.plugin_dirs, "Load plugins from DIR (repeatable; overrides KEFU_PLUGIN_PATH)");
  app.add_option("--lang", options.lang, "Language of human-facing output: zh | en")->check(CLI::IsMember({"zh", "en"}));
  app.add_flag("-v,--verbose", options.verbose, "Log what the host does on stderr");

  int exit_code = kExitOk;
  add_plugins_command(app, options, exit_code);
  add_words_command(app, options, exit_code);
  add_scan_command(app, options, exit_code);
  add_metrics_command(app, options, exit_code);
  add_rules_command(app, options, exit_code);
  add_diff_command(app, options, exit_code);
  add_ingest_command(app, options, exit_code);
  add_report_command(app, options, exit_code);
  add_fetch_command(app, options, exit_code);
  add_update_command(app, options, exit_code);
  app.parse_complete_callback([&] { set_log_level(options.verbose ? Level::debug : Level::warn); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "kefu: error: " << e.what() << '\n';
    return kExitUsage;
  }
  if (app.get_subcommands().empty()) {
    std::cout << app.help();
    return kExitOk;
  }
  return exit_code;
}
