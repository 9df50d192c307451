#include "cli/cmd_explain.h"

#include "base/calendar.h"
#include "chatlog/reader.h"
#include "metrics/explain.h"
#include "pipeline/explain_store.h"
#include "present/explain_output.h"
#include "report/period.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <tuple>
#include <unordered_set>

namespace kefu::host {
namespace {

struct Args {
  std::string metric;
  std::vector<std::string> files;
  std::string platform, shop, agent, day, week, from, to;
  metrics::Canonical definitions = metrics::Canonical::v2;
  std::optional<Encoding> encoding;
  std::size_t last = 3;
  Format format = Format::table;
  std::vector<std::string> layouts;
} args;  // kefu parses one command line

report::Period period() {
  const int given = !args.day.empty() + !args.week.empty() + (!args.from.empty() || !args.to.empty());
  if (given != 1) throw CLI::ValidationError("period", "give one of --day D, --week 2026-W47 or --from D --to D");
  if (!args.day.empty()) return report::day_range(args.day, args.day);
  if (!args.week.empty()) return report::iso_week(args.week);
  if (args.from.empty() || args.to.empty()) throw CLI::ValidationError("--from/--to", "give both --from and --to");
  return report::day_range(args.from, args.to);
}

}  // namespace

void add_explain_options(CLI::App& cmd, ConfigPaths& paths) {
  cmd.add_option("metric", args.metric, "reply_rate | within_30s_rate | within_3min_rate")
      ->required()
      ->check([](const std::string& m) {
        return metrics::explainable(m) ? "" : "explain covers reply_rate, within_30s_rate and within_3min_rate";
      });
  cmd.add_option("files", args.files,
                 "the chat logs the figure was computed from (CSV/JSONL, canonical header); none: the store")
      ->check(CLI::ExistingFile);
  add_store_option(cmd, paths);
  cmd.add_option("--shop", args.shop, "shop_id")->required();
  cmd.add_option("--platform", args.platform, "platform id, when two platforms share a shop_id");
  cmd.add_option("--agent", args.agent, "only the misses that count for this agent ((unassigned): kefu/2's row)");
  cmd.add_option("--day", args.day, "YYYY-MM-DD");
  cmd.add_option("--week", args.week, "ISO week, e.g. 2026-W47");
  cmd.add_option("--from", args.from, "first day YYYY-MM-DD (with --to)");
  cmd.add_option("--to", args.to, "last day YYYY-MM-DD, inclusive");
  cmd.add_option("--last", args.last, "messages shown per session (default 3)");
  add_definitions_option(cmd, args.definitions);
  add_encoding_option(cmd, args.encoding);
  add_layout_option(cmd, args.layouts);
  add_config_option(cmd, paths, "config file (its closings, chat layouts and utc_offset; its store)");
  add_format_option(cmd, args.format, {Format::table, Format::json, Format::csv});
}

namespace {

void write(const metrics::ExplainReport& r, Lang lang) {
  if (args.format == Format::json)
    metrics::write_explain_json(std::cout, r);
  else if (args.format == Format::csv)
    metrics::write_explain_csv(std::cout, r);
  else
    metrics::write_explain_text(std::cout, r, lang);
}

// Without files: what `kefu ingest` kept (docs/metrics.md, "Explaining a figure from the store").
int explain_from_store(Context& ctx, const report::Period& p, metrics::ExplainReport& r) {
  const store::Store& store = ctx.store({.read_only = true});
  const ingest::StoredExplain stored = ingest::explain_from_store(
      store, {args.metric, args.definitions, args.platform, args.shop, args.agent, p.from(), p.to(), args.last});
  const Lang lang = ctx.lang();
  if (!stored.complete()) {
    metrics::NotStored n{ctx.config().store,     args.shop,       r.definitions,           stored.nothing_stored,
                         stored.never_explained, stored.not_kept, stored.other_definition, stored.stored_definition};
    std::cerr << "kefu: error: " << metrics::not_stored_message(n, lang) << '\n';
    return kExitUsage;
  }
  if (!stored.days_without_data.empty())
    std::cerr << "kefu: " << tr(lang, "注意：店铺 ", "note: the store holds nothing for shop ") << args.shop
              << tr(lang, " 在 ", " on ") << metrics::day_ranges(stored.days_without_data)
              << tr(lang, " 没有存储数据（没有会话，或没有导入）\n", " (no sessions, or not ingested)\n");
  if (stored.messages_kept >= 0 && args.last > static_cast<std::size_t>(stored.messages_kept))
    std::cerr << "kefu: " << tr(lang, "注意：存储只保存了每个会话的最后 ", "note: the store kept the last ")
              << stored.messages_kept << tr(lang, " 条消息\n", " messages of each session\n");
  r.explanation = stored.explanation;
  r.tails = stored.tails;
  write(r, lang);
  return kExitOk;
}

}  // namespace

int run_explain(Context& ctx, const CLI::App& cmd) {
  const report::Period p = period();
  metrics::ExplainReport r{
      args.metric, metrics::canonical_id(args.definitions), p.from(), p.to(), args.platform, args.shop, args.agent, {},
      {}};
  if (args.files.empty()) return explain_from_store(ctx, p, r);
  if (cmd.count("--store") > 0) throw CLI::ValidationError("--store", "give the chat-log files or --store, not both");

  chatlog::ChatEvents events;
  chatlog::ChatReadOptions read;
  read.encoding = args.encoding;
  read.closing_only = ctx.closing_rule();
  read.layouts = &ctx.chat_layouts(args.layouts);
  read.shop = args.shop;  // a layout without shop_id: the shop asked about
  read.naive_offset_ms = ctx.config().utc_offset_ms;
  for (const auto& f : args.files) chatlog::read_chat_log(f, events, read);

  metrics::ExplainQuery q{args.metric, args.platform, args.shop, args.agent, p.first, p.last};
  r.explanation = metrics::explain(events, args.definitions, q);
  // By day (then platform), each in the log's session order: the order the store keeps.
  std::stable_sort(r.explanation.findings.begin(), r.explanation.findings.end(),
                   [](const metrics::Finding& a, const metrics::Finding& b) {
                     return std::tie(a.day, a.platform) < std::tie(b.day, b.platform);
                   });
  // The last messages of each missed session: a second, filtered reading of the logs.
  std::unordered_set<std::string> wanted;
  for (const auto& f : r.explanation.findings) wanted.insert(std::string(events.sessions.name(f.session)));
  for (const auto& f : args.files) chatlog::read_session_tails(f, wanted, args.last, r.tails, read);
  write(r, ctx.lang());
  return kExitOk;
}

}  // namespace kefu::host
