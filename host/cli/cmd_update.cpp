#include "cli/cmd_update.h"

#include "base/calendar.h"
#include "base/core_dumps.h"
#include "config/trust.h"
#include "pipeline/update.h"
#include "rules/rule_book.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace kefu::host {

void add_update_options(CLI::App& cmd, ConfigPaths& paths) {
  add_config_option(cmd, paths);
  add_store_option(cmd, paths);
}

int run_update(Context& ctx, const CLI::App&) {
  const Lang lang = ctx.lang();
  if (const std::string why = disable_core_dumps(); !why.empty())
    std::cerr << "kefu: warning: core dumps could not be turned off (" << why << ")\n";
  const config::Config& config = ctx.config();
  std::cerr << "kefu: " << config::describe_config(config) << '\n';
  for (const auto& u : config.updates)
    std::cerr << "kefu: " << u.name << ": from " << u.url
              << (config.http.ca_bundle.empty()
                      ? ""
                      : ", trusting the CAs in " + config.http.ca_bundle + " instead of the system's")
              << '\n';
  if (config.updates.empty()) {
    std::cout << tr(lang, "配置中没有 updates（词表的地址），无事可做。\n",
                    "No updates (word list URLs) in the config: nothing to do.\n");
    return kExitOk;
  }
  HttpClient client(http_options(config));
  int failed = 0;
  for (const update::Outcome& o : update::run_updates(config, client, ctx.store(), calendar::today_in_china())) {
    const char* state = o.state == update::Outcome::State::updated     ? tr(lang, "已更新", "updated")
                        : o.state == update::Outcome::State::unchanged ? tr(lang, "未变", "unchanged")
                                                                       : tr(lang, "失败", "failed");
    std::cout << o.name << ": " << state << " — " << o.message << '\n';
    if (!o.active_file.empty()) std::cout << "  " << tr(lang, "在用版本：", "active: ") << o.active_file << '\n';
    failed += o.state == update::Outcome::State::failed;
  }
  return failed ? kExitFindings : kExitOk;
}

}  // namespace kefu::host
