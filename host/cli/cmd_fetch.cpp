#include "cli/cmd_fetch.h"

#include "base/calendar.h"
#include "base/core_dumps.h"
#include "config/trust.h"
#include "pipeline/fetch.h"
#include "rules/rule_book.h"
#include "store/store_url.h"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <iostream>

namespace kefu::host {
namespace {

struct Args {
  std::vector<std::string> shops;
  std::string from, to, secrets;
} args;  // kefu parses one command line

}  // namespace

void add_fetch_options(CLI::App& cmd, ConfigPaths& paths) {
  cmd.add_option("--shop", args.shops, "a shop id from the config (repeatable; default: every shop)");
  cmd.add_option("--from", args.from, "first day, YYYY-MM-DD")->required();
  cmd.add_option("--to", args.to, "last day, YYYY-MM-DD")->required();
  add_config_option(cmd, paths);
  add_store_option(cmd, paths);
  cmd.add_option("--secrets", args.secrets,
                 "the 0600 secrets file (default: the config's \"secrets\"; the environment wins)");
}

int run_fetch(Context& ctx, const CLI::App&) {
  const Lang lang = ctx.lang();
  // Before any credential is read: none may end up in a core dump.
  if (const std::string why = disable_core_dumps(); !why.empty())
    std::cerr << "kefu: warning: core dumps could not be turned off (" << why << ")\n";
  config::Config& config = ctx.config();
  if (!args.secrets.empty()) config.secrets = args.secrets;
  for (const std::string* d : {&args.from, &args.to})
    if (!calendar::parse_day(*d))
      throw CLI::ValidationError("--from/--to", "\"" + *d + "\": expected a date, YYYY-MM-DD");
  // Before the store is opened (and created): nothing to fetch is a usage error, not an empty store.
  if (config.shops.empty())
    throw std::runtime_error("no shops to fetch: list them in the config's shops[] (see docs/fetch.md)");
  for (const std::string& id : args.shops)
    if (!config.find_shop(id))
      throw std::runtime_error("shop " + id +
                               " is not in the config's shops (fetch needs its platform and API settings)");
  // Before any credential is sent: which config, and where each shop's calls go.
  std::cerr << "kefu: " << config::describe_config(config) << '\n';
  for (const config::Shop& s : config.shops)
    if (args.shops.empty() || std::find(args.shops.begin(), args.shops.end(), s.id) != args.shops.end())
      std::cerr << "kefu: " << s.id << " (" << s.platform << "): credentials go to "
                << config::describe_endpoint(config, s.platform) << '\n';
  // The plugins call the platforms' APIs: with the config's timeouts, attempts and CAs.
  const PluginRegistry& registry = ctx.plugins(Refusals::warn, http_options(config));
  store::Store& store = ctx.store();
  const bool terminal = ::isatty(STDERR_FILENO);
  const auto results =
      fetch::fetch_shops(config, registry, store, {args.from, args.to, args.shops, calendar::today_in_china()},
                         [&](const std::string& line) {
                           if (terminal) std::cerr << line << '\n';
                         });
  int failed = 0;
  for (const fetch::ShopFetch& r : results) {
    if (r.ok) {
      std::cout << r.shop_id << " (" << r.platform << tr(lang, ")：成功，", "): ok, ") << r.stored.values
                << tr(lang, " 个数值（新增或更新 ", " values (new or changed ") << r.stored.summary.written
                << tr(lang, "，未变 ", ", unchanged ") << r.stored.summary.unchanged
                << tr(lang, "），聊天消息 ", "), chat messages ") << r.stored.messages << '\n';
      if (r.stored.summary.superseded)
        std::cout << "  " << r.stored.summary.superseded
                  << tr(lang, " 个数值与更早的数值同键，只保留了最后一个\n",
                        " values had the key of an earlier value; only the last one is kept\n");
      for (const auto& n : r.notes) std::cout << "  " << n << '\n';
      for (const auto& n : r.stored.reject_reasons)
        std::cout << "  " << tr(lang, "未采用：", "not used: ") << n << '\n';
    } else {
      ++failed;
      std::cout << r.shop_id << " (" << r.platform
                << tr(lang, ")：失败，库中该店该时段数据保持不变：", "): failed, the store keeps what it held: ")
                << r.error << '\n';
    }
  }
  std::cout << tr(lang, "共 ", "") << results.size() << tr(lang, " 个店铺，失败 ", " shops, failed ") << failed
            << tr(lang, " 个；数据库 ", "; store ") << store::printable_store(config.store) << '\n';
  return failed ? kExitFindings : kExitOk;
}

}  // namespace kefu::host
