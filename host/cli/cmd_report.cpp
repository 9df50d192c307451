#include "cli/cmd_report.h"

#include "base/calendar.h"
#include "base/output_file.h"
#include "present/hours_output.h"
#include "present/report_render.h"
#include "present/scorecard.h"
#include "report/compliance.h"
#include "report/periods.h"
#include "report/targets.h"
#include "rules/rule_book.h"
#include "store/store_url.h"

#include "model/native_definition.h"
#include "report/definition_sides.h"
#include "report/missed_sessions.h"

#include <CLI/CLI.hpp>
#include <kefu/catalog.hpp>
#include <kefu/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace kefu::host {
namespace {

struct Args {
  std::string week, month, day, from, to, compare = "previous", by = "shop", out, person;
  Format format = Format::table;
  std::vector<std::string> shops;
  bool scorecard = false, hours = false;
} args;  // kefu parses one command line

// The period asked for; by default the last complete ISO week (China time), what a weekly
// review on Monday morning looks at.
report::Period choose_period(const Args& a) {
  const int given = !a.week.empty() + !a.month.empty() + !a.day.empty() + (!a.from.empty() || !a.to.empty());
  if (given > 1) throw CLI::ValidationError("period", "give one of --week, --month, --day or --from/--to");
  if (!a.week.empty()) return report::iso_week(a.week);
  if (!a.day.empty()) return report::one_day(a.day);
  if (!a.month.empty()) return report::month(a.month);
  if (!a.from.empty() || !a.to.empty()) {
    if (a.from.empty() || a.to.empty()) throw CLI::ValidationError("period", "--from and --to go together");
    return report::day_range(a.from, a.to);
  }
  return report::previous(report::week_of(*calendar::parse_day(calendar::today_in_china())));
}

report::By parse_by(const std::string& by) {
  for (report::By b : {report::By::agent, report::By::platform, report::By::person, report::By::group})
    if (by == json::detail::enum_name(b)) return b;
  return report::By::shop;
}

// A period without any figure is not an empty success: said, with the reason, exit 1.
bool say_no_data(const report::Report& r, const config::Config& config, Lang lang) {
  if (!r.metrics.empty() || !r.native.empty()) return false;
  std::cerr << "kefu: " << store::printable_store(config.store) << tr(lang, " 中没有 ", " holds no figures for ")
            << r.period.label << " (" << r.period.from() << tr(lang, " 至 ", " to ") << r.period.to() << ")"
            << (args.shops.empty() ? "" : tr(lang, "（限所选店铺）", " (of the shops asked for)"))
            << tr(lang,
                  "的数据：没有可报告的内容。请用 kefu ingest 导入这段时间的聊天记录或平台导出，或换一个有数据的时段。\n",
                  ": nothing to report. Ingest that period's chat logs or platform exports with kefu ingest, or "
                  "choose a period with data.\n");
  return true;
}

// The period's scorecard (config "scorecard"): from the by-person view, built here when the main
// view is another one.
std::optional<report::Scorecard> scorecard_of(const report::Report& main, const store::Store& store,
                                              const config::Config& config, const report::ReportOptions& opts) {
  if (config.scorecard.empty() || config.roster.empty()) return std::nullopt;
  if (main.by == report::By::person) return report::build_scorecard(main, config);
  report::ReportOptions person = opts;
  person.by = report::By::person;
  return report::build_scorecard(report::build_report(store, config, person), config);
}

// The period views of --month and --day, each person's unusual days (those and --by person), and
// the rotation of anyone who moved platform within the period (docs/report.md "Periods").
void add_period_views(report::Report& main, const store::Store& store, const config::Config& config,
                      const report::ReportOptions& opts) {
  if (!args.month.empty()) main.period_views.push_back(report::month_weeks(store, config, opts));
  if (!args.day.empty()) main.period_views.push_back(report::day_check(store, config, opts));
  if (!args.month.empty() || !args.day.empty() || opts.by == report::By::person)
    main.person_anomalies = report::person_anomalies(store, config, opts);
  if (!config.roster.empty())
    for (report::PeriodView& v : report::rotations(store, config, opts, opts.period)) main.period_views.push_back(std::move(v));
}

// kefu report --day D --hours: the hour profile of each shop asked for, or of one person.
int run_hours(const store::Store& store, const config::Config& config, const report::RenderContext& render, Lang lang) {
  if (args.day.empty()) throw CLI::ValidationError("--hours", "needs --day YYYY-MM-DD: the profile is of one day");
  if (args.shops.empty() && args.person.empty())
    throw CLI::ValidationError("--hours", "say whose: --shops jd03 (a shop's day) or --person ID (a person's day)");
  if (args.format != Format::table && args.format != Format::json)
    throw CLI::ValidationError("--hours", "prints as a table or json");
  std::vector<report::HourProfile> profiles;
  std::vector<std::string> missing;
  for (const std::string& shop : args.shops)
    if (auto p = report::shop_hours(store, config, shop, args.day)) profiles.push_back(std::move(*p));
    else missing.push_back(shop);
  if (!args.person.empty()) {
    if (auto p = report::person_hours(store, config, args.person, args.day)) profiles.push_back(std::move(*p));
    else missing.push_back(args.person);
  }
  for (const std::string& m : missing)
    std::cerr << "kefu: " << store::printable_store(config.store) << tr(lang, " 中没有 ", " keeps no conversation of ")
              << m
              << tr(lang, " 在 ", " on ") << args.day
              << tr(lang,
                    " 的会话：无法给出分时段数据（店铺编号或人员写对了吗？schema 4 之前导入的日期只有指标、没有会话，请重新 kefu ingest 当天的聊天记录）。\n",
                    ": no hour profile (is the shop id or person right? Days ingested before schema 4 have figures but "
                    "no sessions: ingest that day's chat logs again with kefu ingest).\n");
  if (profiles.empty()) return kExitFindings;
  auto write = [&](std::ostream& out) {
    if (args.format == Format::json) {
      report::render_hours_json(profiles, out);
      return;
    }
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      if (i) out << "\n";
      report::render_hours_table(profiles[i], render, out);
    }
  };
  if (args.out.empty()) write(std::cout);
  else write_file_atomically(args.out, write);
  return missing.empty() ? kExitOk : kExitFindings;
}

}  // namespace

void add_report_options(CLI::App& cmd, ConfigPaths& paths) {
  cmd.add_option("--week", args.week, "ISO week, e.g. 2026-W47 (default: last complete week)");
  cmd.add_option("--month", args.month, "calendar month, e.g. 2026-11");
  cmd.add_option("--day", args.day,
                 "one day, YYYY-MM-DD: the daily check against the same weekday last week and the 4 weeks' mean");
  cmd.add_flag("--hours", args.hours,
               "with --day: the hour-of-day profile of each --shops shop, or of --person, instead of the report");
  cmd.add_option("--person", args.person, "with --hours: a roster person's id (or an agent account)");
  cmd.add_option("--from", args.from, "first day, YYYY-MM-DD (with --to)");
  cmd.add_option("--to", args.to, "last day, YYYY-MM-DD (with --from)");
  cmd.add_option("--compare", args.compare, "previous | none")->check(CLI::IsMember({"previous", "none"}));
  cmd.add_option("--by", args.by, "shop | agent | person | group | platform (person, group: with a roster)")
      ->check(CLI::IsMember({"shop", "agent", "person", "group", "platform"}));
  cmd.add_flag("--scorecard", args.scorecard,
               "only the scorecard (绩效表) of the period, from the config's roster and scorecard (table or json)");
  cmd.add_option("--shops", args.shops, "only these shop ids (comma-separated or repeated)")->delimiter(',');
  add_format_option(cmd, args.format,
                    {Format::table, Format::csv, Format::json, Format::md, Format::xlsx, Format::html});
  cmd.add_option("--out", args.out, "write to FILE (required for xlsx)");
  add_config_option(cmd, paths);
  add_store_option(cmd, paths);
}

int run_report(Context& ctx, const CLI::App&) {
  const Lang lang = ctx.lang();
  const config::Config& config = ctx.config();
  // Read-only: a report never writes into the store, not even a schema into an empty file. A
  // missing, empty or foreign store is refused here, before the plugins load.
  store::Store& store = ctx.store({.read_only = true});
  if (args.format == Format::xlsx && args.out.empty())
    throw CLI::ValidationError("--out", "an Excel workbook needs a file: --out report.xlsx");
  if (args.by == "person" && config.roster.empty())
    throw CLI::ValidationError("--by", "person needs a roster in the config (\"roster\", docs/report.md)");
  if (args.scorecard && (config.scorecard.empty() || config.roster.empty()))
    throw CLI::ValidationError("--scorecard", "the config needs a \"roster\" and a \"scorecard\" (docs/report.md)");
  if (args.scorecard && args.format != Format::table && args.format != Format::json)
    throw CLI::ValidationError("--scorecard", "prints as a table or json; the xlsx and html reports include it");

  report::ReportOptions opts{choose_period(args), args.compare == "previous", parse_by(args.by), args.shops, {}};
  report::RenderContext render{lang, {}};
  // A refused plugin is said (its platform's names and definitions are missing below).
  const PluginRegistry& registry = ctx.plugins();
  std::map<std::string, std::vector<report::PlatformMetric>> platform_metrics;
  report::NativeKeys native_keys;
  for (const auto& p : registry.plugins()) {
    render.platform_names[p->info().id] = lang == Lang::zh ? p->info().name_zh : p->info().name_en;
    native_keys[p->info().id];  // loaded, even when it maps nothing
    if (const auto& profile = p->valid_profile())
      for (const NativeMetric& m : profile->metrics) {
        // Minutes are stored as seconds at import, and shown so.
        const std::string format(kefu::value_format::stored_as(m.value_format));
        opts.native_formats[p->info().id][m.native_name] = format;
        platform_metrics[p->info().id].push_back({m.native_name, format, definition_of(p->info().id, m)});
        if (const auto& d = platform_metrics[p->info().id].back().definition; d.period_days.known())
          opts.lookback_days = std::max(opts.lookback_days, *d.period_days.value);
        if (!m.canonical_key.empty()) native_keys[p->info().id].insert(m.canonical_key);
      }
  }
  // A target no figure can carry would be silently ignored: refused here, naming its key.
  if (auto problems = report::unhonoured_targets(config, native_keys); !problems.empty())
    throw config::ConfigError(config.path.empty() ? "the config" : config.path, std::move(problems));

  if (args.hours) return run_hours(store, config, render, lang);

  report::Report main = report::build_report(store, config, opts);
  if (!args.scorecard) add_period_views(main, store, config, opts);
  report::add_definition_sides(main, platform_metrics);
  report::add_missed_sessions(main, store);
  if (!args.scorecard) report::add_compliance(main, store, config, args.shops);
  for (const std::string& shop : args.shops) {
    const bool has_row =
        std::any_of(main.rows.begin(), main.rows.end(), [&](const report::Row& r) { return r.shop_id == shop; });
    if (!has_row && !config.find_shop(shop))
      std::cerr << "kefu: warning: --shops " << shop
                << tr(lang, "：配置中没有此店铺，本期也没有它的数据（店铺编号写对了吗？）\n",
                      ": not in the config and no data this period (is the shop id right?)\n");
  }
  if (say_no_data(main, config, lang)) return kExitFindings;
  if (main.metrics.empty())
    std::cerr << "kefu: warning: " << store::printable_store(config.store)
              << tr(lang, " 中没有 ", " holds no recomputed metrics for ")
              << main.period.label
              << tr(lang, " 的重算指标（先用 kefu ingest 导入聊天记录）\n",
                    " (ingest chat logs with kefu ingest first)\n");
  const bool with_scorecard = args.scorecard || args.format == Format::xlsx || args.format == Format::html;
  const std::optional<report::Scorecard> card =
      with_scorecard ? scorecard_of(main, store, config, opts) : std::nullopt;
  if (card && !args.scorecard) render.scorecard = &*card;

  if (args.format == Format::xlsx) {
    std::vector<report::Report> views{main};
    for (report::By by : {report::By::shop, report::By::agent, report::By::person, report::By::platform}) {
      if (by == opts.by || (by == report::By::person && config.roster.empty())) continue;
      report::ReportOptions other = opts;
      other.by = by;
      views.push_back(report::build_report(store, config, other));
    }
    report::render_xlsx(views, render, args.out);
  } else {
    auto write = [&](std::ostream& out) {
      if (args.scorecard && args.format == Format::json)
        report::render_scorecard_json(*card, out);
      else if (args.scorecard)
        report::render_scorecard_table(*card, render, out);
      else if (args.format == Format::csv)
        report::render_csv(main, out);
      else if (args.format == Format::json)
        report::render_json(main, out);
      else if (args.format == Format::md)
        report::render_markdown(main, render, out);
      else if (args.format == Format::html)
        report::render_html(main, render, out);
      else
        report::render_table(main, render, out);
    };
    if (args.out.empty())
      write(std::cout);
    else
      write_file_atomically(args.out, write);
  }
  if (!args.out.empty()) std::cerr << tr(lang, "报表已写入 ", "report written to ") << args.out << '\n';
  return kExitOk;
}

}  // namespace kefu::host
