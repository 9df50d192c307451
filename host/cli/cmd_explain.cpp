#include "cli/cmd_explain.h"

#include "base/calendar.h"
#include "chatlog/reader.h"
#include "cli/asked_definitions.h"
#include "metrics/definition_explain.h"
#include "metrics/explain.h"
#include "model/definition_names.h"
#include "pipeline/explain_store.h"
#include "present/explain_output.h"
#include "present/parameter_labels.h"
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
  DefinitionRequest asked;  // --as / --definition / --assume
  std::string native;       // --native: which of the platform's metrics
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
  cmd.add_option("--as", args.asked.platforms,
                 "explain the platform's own definition of the metric (平台口径), from the chat-log files")
      ->expected(1);
  cmd.add_option("--definition", args.asked.files, "explain a team definition from this file (see metrics compute)")
      ->expected(1)
      ->check(CLI::ExistingFile);
  cmd.add_option("--native", args.native, "with --as/--definition: the metric's own name, when several measure it");
  cmd.add_option("--assume", args.asked.assumptions,
                 "with --as: fill a parameter the platform leaves unknown, NAME=VALUE or kefu/2 (repeatable)");
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
    metrics::NotStored n{ctx.store_name(),       args.shop,       r.definitions,           stored.nothing_stored,
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

namespace {

// The one definition asked for: of the platform's (or file's) metrics that measure args.metric,
// the one named --native, else the only computable one. Each refusal lists the candidates.
metrics::ComputedDefinition chosen_definition(Context& ctx) {
  std::vector<metrics::ComputedDefinition> candidates;
  for (auto& cd : asked_definitions(ctx, args.asked))
    if (cd.definition.measure == args.metric && (args.native.empty() || cd.native_name == args.native))
      candidates.push_back(std::move(cd));
  auto listed = [&] {
    std::string out;
    for (const auto& cd : candidates) {
      out += "\n  " + cd.native_name;
      if (!cd.not_computable.empty())
        out += " — " + std::string(tr(ctx.lang(), "无法重算：", "not computable: ")) +
               not_computable_text(cd.not_computable.front(), ctx.lang());
    }
    return out;
  };
  if (candidates.empty())
    throw CLI::ValidationError("--as", "no metric " + (args.native.empty() ? "" : "named " + args.native + " ") +
                                           "of that definition measures " + args.metric +
                                           " (kefu metrics definitions lists them)");
  std::vector<metrics::ComputedDefinition> computable;
  for (auto& cd : candidates)
    if (cd.not_computable.empty() && metrics::explainable(cd.definition)) computable.push_back(cd);
  if (computable.empty())
    throw CLI::ValidationError("--as", "none of these can be computed from a chat log; --assume NAME=VALUE fills "
                                       "what the platform leaves unknown:" + listed());
  if (computable.size() > 1)
    throw CLI::ValidationError("--native", "several metrics measure " + args.metric + "; name one:" + listed());
  return std::move(computable.front());
}

// The definition's own view: hours, and its period figure on the last day with units.
metrics::DefinitionView definition_view(const metrics::ComputedDefinition& cd, const chatlog::ChatEvents& events,
                                        const metrics::ExplainQuery& q, std::int64_t not_assessed) {
  const Definition& d = cd.definition;
  metrics::DefinitionView v;
  v.native_name = cd.native_name;
  v.assumed = cd.assumed;
  v.not_assessed = not_assessed;
  if (const auto& h = *d.hours.value) v.hours = hhmm(h->from_min) + "-" + hhmm(h->to_min) + " " + std::string(name_of(h->applies_to));
  v.period_days = *d.period_days.value;
  v.min_sample = *d.min_sample.value;
  v.line = line_text(d);
  const metrics::Level level = q.agent.empty() ? metrics::Level::shop : metrics::Level::agent;
  for (const auto& row : metrics::compute_definition(events, d))
    if (row.level == level && row.shop_id == q.shop_id && (q.platform.empty() || row.platform == q.platform) &&
        (q.agent.empty() || row.agent_id == q.agent) && row.day >= q.from_day && row.day <= q.to_day &&
        (!v.window || row.day > v.window->day))
      v.window = row;
  if (d.line.known() && *d.line.value) v.line_value = **d.line.value;
  if (v.window && v.line_value) v.standing = metrics::standing(*v.line_value, v.window->period.hits, v.window->period.units);
  return v;
}

}  // namespace

int run_explain(Context& ctx, const CLI::App& cmd) {
  const report::Period p = period();
  if (!args.native.empty() && args.asked.empty())
    throw CLI::ValidationError("--native", "names a metric of --as PLATFORM or --definition FILE: give one");
  if (!args.asked.assumptions.empty() && args.asked.empty())
    throw CLI::ValidationError("--assume", "fills parameters of --as or --definition definitions: give one");
  std::optional<metrics::ComputedDefinition> asked;
  if (!args.asked.empty()) {
    if (args.files.empty())
      throw CLI::ValidationError("--as", "a platform's or team's definition is explained from the chat-log files (the "
                                         "store keeps explanations under Kefu's definitions): give the files");
    asked = chosen_definition(ctx);
  }
  metrics::ExplainReport r{
      args.metric, metrics::canonical_id(args.definitions), p.from(), p.to(), args.platform, args.shop, args.agent, {},
      {}, {}};
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
  if (asked) {
    metrics::DefinitionExplanation de = metrics::explain_definition(events, asked->definition, q);
    r.explanation = std::move(de.explanation);
    r.definitions = asked->definition.id;
    r.definition = definition_view(*asked, events, q, de.not_assessed);
  } else {
    r.explanation = metrics::explain(events, args.definitions, q);
  }
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
