#include "cli/cmd_update.h"

#include "base/core_dumps.h"
#include "config/trust.h"
#include "rules/rule_book.h"
#include "pipeline/update.h"
#include "base/calendar.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace kefu::host {
namespace {

int run_update(const GlobalOptions& options, const std::string& config_file, const std::string& store_file) {
  const Lang lang = options.language();
  if (const std::string why = disable_core_dumps(); !why.empty())
    std::cerr << "kefu: warning: core dumps could not be turned off (" << why << ")\n";
  const config::Config config = config::resolve_config(config_file, store_file);
  std::cerr << "kefu: " << config::describe_config(config) << '\n';
  for (const auto& u : config.updates)
    std::cerr << "kefu: " << u.name << ": from " << u.url
              << (config.http.ca_bundle.empty() ? "" : ", trusting the CAs in " + config.http.ca_bundle + " instead of the system's")
              << '\n';
  if (config.updates.empty()) {
    std::cout << tr(lang, "配置中没有 updates（词表的地址），无事可做。\n", "No updates (word list URLs) in the config: nothing to do.\n");
    return kExitOk;
  }
  HttpClient client(http_options(config));
  auto store = store::open_sqlite_store(config.store);
  int failed = 0;
  for (const update::Outcome& o : update::run_updates(config, client, *store, calendar::today_in_china())) {
    const char* state = o.state == update::Outcome::State::updated     ? tr(lang, "已更新", "updated")
                        : o.state == update::Outcome::State::unchanged ? tr(lang, "未变", "unchanged")
                                                                       : tr(lang, "失败", "failed");
    std::cout << o.name << ": " << state << " — " << o.message << '\n';
    if (!o.active_file.empty()) std::cout << "  " << tr(lang, "在用版本：", "active: ") << o.active_file << '\n';
    failed += o.state == update::Outcome::State::failed;
  }
  return failed ? kExitFindings : kExitOk;
}

}  // namespace

void add_update_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto config = std::make_shared<std::string>();
  auto store = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("update", "Pull the team's word lists from the URLs in the config (a failed download keeps the previous version)");
  cmd->add_option("--config", *config, "config file (default: $KEFU_CONFIG, else ./kefu.json if present)");
  cmd->add_option("--store", *store, "the SQLite store (default: the config's, else ./kefu.db)");
  cmd->callback([&options, &exit_code, config, store] { exit_code = run_update(options, *config, *store); });
}

}  // namespace kefu::host
