// kefu: the command-line host. Parses arguments, runs one command, returns its exit code (the
// same for every command: 0 ok, 1 findings, 2 usage or environment error).
//
// Every command is one row of kCommands, the shape of ninja's kTools:
//   {name, one-line help, add_options(CLI::App& cmd, ConfigPaths&), run(Context&, const CLI::App& cmd)}
// add_options declares the command's options on its CLI11 subcommand, binding them to storage in
// its cmd_<name>.cpp (--config/--store go to the ConfigPaths main hands the Context). run does the
// work after the parse and returns the exit code; `cmd` is there for commands with subcommands of
// their own (plugins check, metrics catalog|compute|import). Errors are thrown, not returned:
// a CLI::ParseError prints as a usage error, anything else as "kefu: error: ..."; both exit 2.
// A new command is a new cmd_<name>.{h,cpp} and a new row.
#include "chatlog/layout.h"
#include "cli/cmd_diff.h"
#include "cli/cmd_explain.h"
#include "cli/cmd_fetch.h"
#include "cli/cmd_ingest.h"
#include "cli/cmd_metrics.h"
#include "cli/cmd_plugins.h"
#include "cli/cmd_report.h"
#include "cli/cmd_rules.h"
#include "cli/cmd_scan.h"
#include "cli/cmd_catalog.h"
#include "cli/cmd_sources.h"
#include "cli/cmd_update.h"
#include "present/table_notes.h"
#include "cli/cmd_words.h"
#include "cli/context.h"
#include "cli/options.h"
#include "net/log.h"
#include "present/chatlog_messages.h"

#include <kefu/abi.h>

#include <CLI/CLI.hpp>

#include <iostream>

#ifndef KEFU_VERSION
#define KEFU_VERSION "0.0.0"
#endif

namespace {

using namespace kefu::host;

struct Command {
  const char* name;
  const char* help;
  void (*add_options)(CLI::App& cmd, ConfigPaths& paths);
  int (*run)(Context& ctx, const CLI::App& cmd);
};

// In the order `kefu --help` lists them.
constexpr Command kCommands[] = {
    {"plugins", "List the loaded platform plugins (and why any were refused)", add_plugins_options, run_plugins},
    {"words", "Print a platform's effective word list and where each entry comes from", add_words_options, run_words},
    {"scan", "Find banned words in script libraries and chat logs (exit 1 on a block hit, 3 if hits are only of unknown stance)", add_scan_options, run_scan},
    {"metrics", "Customer-service metrics: catalog, native imports, recomputation", add_metrics_options, run_metrics},
    {"rules", "Print a platform's customer-service rules in the one model, with sources", add_rules_options, run_rules},
    {"sources", "Every fact about the platforms with its source, label and the date it was read (an audit)",
     add_sources_options, run_sources},
    {"catalog", "Every key a plugin may use: rule keys (type, stricter side), metric keys (unit, direction), word "
                "categories",
     add_catalog_options, run_catalog},
    {"diff", "Rotation briefing 轮岗简报: what changes moving from one platform (or rule date) to another",
     add_diff_options, run_diff},
    {"ingest", "Store metric values from chat logs (recomputed) and platform exports (native), idempotently",
     add_ingest_options, run_ingest},
    {"explain",
     "The sessions behind a figure's shortfall, each with its reason and last messages (reply rate, 30 s, 3 min)",
     add_explain_options, run_explain},
    {"report",
     "Supervisor report: shops, agents or platforms on one schema, against the previous period and KPI targets",
     add_report_options, run_report},
    {"fetch", "Fetch shops' data from their platforms' APIs into the store (one transaction per shop and range)",
     add_fetch_options, run_fetch},
    {"update", "Pull the team's word lists from the URLs in the config (a failed download keeps the previous version)",
     add_update_options, run_update},
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Kefu 客服: one model for customer-service rules, metrics and sensitive words across platforms"};
  app.set_version_flag("--version", std::string("kefu ") + KEFU_VERSION + " (plugin SDK " KEFU_SDK_VERSION_STRING ")");
  app.require_subcommand(0, 1);
  app.fallthrough();  // global options may follow the subcommand: kefu plugins --lang en

  GlobalOptions options;
  app.add_option("--plugin-dir", options.plugin_dirs, "Load plugins from DIR (repeatable; overrides KEFU_PLUGIN_PATH)");
  app.add_option("--lang", options.lang, "Language of human-facing output: zh | en")
      ->check(CLI::IsMember({"zh", "en"}));
  app.add_flag("-v,--verbose", options.verbose, "Log what the host does on stderr");
  app.add_flag("--plugins-in-process", options.plugins_in_process,
               "Run plugins inside kefu instead of each in a process of its own (faster to start; a crashing "
               "plugin then takes kefu down). Also KEFU_PLUGINS_IN_PROCESS=1");

  ConfigPaths paths;  // only the command that runs fills it
  for (const Command& c : kCommands) c.add_options(*app.add_subcommand(c.name, c.help), paths);

  try {
    app.parse(argc, argv);
    set_log_level(options.verbose ? Level::debug : Level::warn);
    for (const Command& c : kCommands) {
      if (const CLI::App* cmd = app.get_subcommand(c.name); cmd->parsed()) {
        Context ctx(options, paths);
        return c.run(ctx, *cmd);
      }
    }
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  } catch (const xlsx::Error& e) {  // a workbook that cannot be read: said in the user's language
    std::cerr << "kefu: error: " << workbook_error(e, options.language()) << '\n';
    return kExitUsage;
  } catch (const chatlog::UnknownLayout& e) {  // a chat log in no known layout: said in the user's language
    std::cerr << "kefu: error: " << present::unknown_layout(e.mismatch(), options.language()) << '\n';
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "kefu: error: " << e.what() << '\n';
    return kExitUsage;
  }
  std::cout << app.help();  // no command
  return kExitOk;
}
