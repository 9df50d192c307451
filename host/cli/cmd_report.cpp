#include "cli/cmd_report.h"

#include "config/config.h"
#include "base/calendar.h"
#include "present/report_render.h"
#include "rules/rule_book.h"
#include "base/output_file.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace kefu::host {
namespace {

struct ReportArgs {
  std::string week, month, from, to, compare = "previous", by = "shop", format = "table", out, config, store;
  std::vector<std::string> shops;
};

// The period asked for; by default the last complete ISO week (China time), what a weekly
// review on Monday morning looks at.
report::Period choose_period(const ReportArgs& a) {
  const int given = !a.week.empty() + !a.month.empty() + (!a.from.empty() || !a.to.empty());
  if (given > 1) throw CLI::ValidationError("period", "give one of --week, --month or --from/--to");
  if (!a.week.empty()) return report::iso_week(a.week);
  if (!a.month.empty()) return report::month(a.month);
  if (!a.from.empty() || !a.to.empty()) {
    if (a.from.empty() || a.to.empty()) throw CLI::ValidationError("period", "--from and --to go together");
    return report::day_range(a.from, a.to);
  }
  return report::previous(report::week_of(*calendar::parse_day(calendar::today_in_china())));
}

report::By parse_by(const std::string& by) {
  return by == "agent" ? report::By::agent : by == "platform" ? report::By::platform : report::By::shop;
}

int run_report(const GlobalOptions& options, const ReportArgs& args) {
  const Lang lang = options.language();
  const config::Config config = config::resolve_config(args.config, args.store);
  // Read-only: a report never writes into the store, not even a schema into an empty file. A
  // missing, empty or foreign store is refused here, before the plugins load.
  const auto store = store::open_sqlite_store(config.store, {.read_only = true});
  if ((args.format == "xlsx") && args.out.empty())
    throw CLI::ValidationError("--out", "an Excel workbook needs a file: --out report.xlsx");

  report::ReportOptions opts{choose_period(args), args.compare == "previous", parse_by(args.by), args.shops, {}};
  report::RenderContext ctx{lang, {}};
  const PluginRegistry registry = load_plugins(options);
  for (const auto& p : registry.plugins()) {
    ctx.platform_names[p->info().id] = lang == Lang::zh ? p->info().name_zh : p->info().name_en;
    if (const auto profile = p->metric_profile())
      for (const NativeMetric& m : profile->metrics) opts.native_formats[p->info().id][m.native_name] = m.value_format;
  }

  const report::Report main = report::build_report(*store, config, opts);
  for (const std::string& shop : args.shops) {
    const bool has_row = std::any_of(main.rows.begin(), main.rows.end(), [&](const report::Row& r) { return r.shop_id == shop; });
    if (!has_row && !config.find_shop(shop))
      std::cerr << "kefu: warning: --shops " << shop
                << tr(lang, "：配置中没有此店铺，本期也没有它的数据（店铺编号写对了吗？）\n",
                      ": not in the config and no data this period (is the shop id right?)\n");
  }
  if (main.metrics.empty())
    std::cerr << "kefu: warning: " << config.store << tr(lang, " 中没有 ", " holds no recomputed metrics for ") << main.period.label
              << tr(lang, " 的重算指标（先用 kefu ingest 导入聊天记录）\n", " (ingest chat logs with kefu ingest first)\n");

  if (args.format == "xlsx") {
    std::vector<report::Report> views{main};
    for (report::By by : {report::By::shop, report::By::agent, report::By::platform}) {
      if (by == opts.by) continue;
      report::ReportOptions other = opts;
      other.by = by;
      views.push_back(report::build_report(*store, config, other));
    }
    report::render_xlsx(views, ctx, args.out);
  } else {
    auto write = [&](std::ostream& out) {
      if (args.format == "csv") report::render_csv(main, out);
      else if (args.format == "json") report::render_json(main, out);
      else if (args.format == "md") report::render_markdown(main, ctx, out);
      else if (args.format == "html") report::render_html(main, ctx, out);
      else report::render_table(main, ctx, out);
    };
    if (args.out.empty()) write(std::cout);
    else write_file_atomically(args.out, write);
  }
  if (!args.out.empty()) std::cerr << tr(lang, "报表已写入 ", "report written to ") << args.out << '\n';
  return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand("report", "Supervisor report: shops, agents or platforms on one schema, against the previous period and KPI targets");
  cmd->add_option("--week", args->week, "ISO week, e.g. 2026-W47 (default: last complete week)");
  cmd->add_option("--month", args->month, "calendar month, e.g. 2026-11");
  cmd->add_option("--from", args->from, "first day, YYYY-MM-DD (with --to)");
  cmd->add_option("--to", args->to, "last day, YYYY-MM-DD (with --from)");
  cmd->add_option("--compare", args->compare, "previous | none")->check(CLI::IsMember({"previous", "none"}));
  cmd->add_option("--by", args->by, "shop | agent | platform")->check(CLI::IsMember({"shop", "agent", "platform"}));
  cmd->add_option("--shops", args->shops, "only these shop ids (comma-separated or repeated)")->delimiter(',');
  cmd->add_option("--format", args->format, "table | csv | json | md | xlsx | html")
      ->check(CLI::IsMember({"table", "csv", "json", "md", "xlsx", "html"}));
  cmd->add_option("--out", args->out, "write to FILE (required for xlsx)");
  cmd->add_option("--config", args->config, "config file (default: $KEFU_CONFIG, else ./kefu.json if present)");
  cmd->add_option("--store", args->store, "the SQLite store (default: the config's, else ./kefu.db)");
  cmd->callback([&options, &exit_code, args] { exit_code = run_report(options, *args); });
}

}  // namespace kefu::host
