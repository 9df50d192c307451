#include "present/period_sections.h"

#include "model/catalog.h"

#include <cstdio>

namespace kefu::host::report {
namespace {

std::string column_name(const ViewColumn& c, Lang lang) {
  const std::string span = c.from == c.to ? c.from.substr(5) : c.from.substr(5) + "–" + c.to.substr(5);
  if (c.kind == "week") return c.label + " (" + span + ")";
  if (c.kind == "month") return tr(lang, "整月 ", "Month ") + c.label;
  if (c.kind == "last_year") return tr(lang, "去年同月 ", "Last year ") + c.label;
  if (c.kind == "day") return tr(lang, "当日 ", "Day ") + c.label;
  if (c.kind == "last_week_same_weekday") return tr(lang, "上周同日 ", "Same weekday last week ") + c.label;
  if (c.kind == "weekday_mean")
    return tr(lang, "前4周同日均值 (", "4 weeks' same weekday (") + std::to_string(c.periods_with_data) + "/" +
           std::to_string(c.periods) + tr(lang, " 天有数据)", " days with data)");
  if (c.kind == "before_all") return tr(lang, "换岗前4周 ", "4 weeks before ") + span;
  if (c.kind == "after_all") return tr(lang, "换岗后4周 ", "4 weeks after ") + span;
  return span;  // a week before or after a move
}

std::string row_platform(const ViewLine& l, const RenderContext& ctx) {
  if (l.platform.empty() || l.platform.find(',') != std::string::npos) return l.platform;
  return platform_name(l.platform, ctx);
}

std::string line_label(const ViewLine& l, Lang lang) { return l.total ? tr(lang, "合计", "Total") : l.label; }

// Rows of label × metric, a column per period, and (where `change_from` names a column) the change
// of the first column against it.
Section grid_of(const PeriodView& v, const RenderContext& ctx, std::string id, std::string title,
                std::vector<std::string> lines, const std::vector<std::pair<std::size_t, std::size_t>>& changes) {
  const Lang lang = ctx.lang;
  Section s{std::move(id), std::move(title), std::move(lines), {}, {}, {}, {}, {}};
  s.header = {tr(lang, "对象", "Row"), tr(lang, "平台", "Platform"), tr(lang, "指标", "Metric")};
  for (const ViewColumn& c : v.columns) s.header.push_back(column_name(c, lang));
  for (const auto& [a, b] : changes)
    s.header.push_back(std::string(tr(lang, "变化：", "Change: ")) +
                       (v.columns[b].kind == "last_year"                  ? tr(lang, "同比", "on last year")
                        : v.columns[b].kind == "last_week_same_weekday" ? tr(lang, "比上周同日", "on last week")
                        : v.columns[b].kind == "weekday_mean"           ? tr(lang, "比4周均值", "on the 4-week mean")
                                                                        : tr(lang, "后比前", "after on before")));
  for (const ViewLine& l : v.lines) {
    for (std::size_t m = 0; m < v.metrics.size(); ++m) {
      const std::string& metric = v.metrics[m];
      std::vector<std::string> row{line_label(l, lang), row_platform(l, ctx), metric_name(metric, lang)};
      for (const auto& value : l.values[m]) row.push_back(format_value(metric, value, lang));
      std::vector<std::string> classes(row.size());
      for (const auto& [a, b] : changes) {
        const auto& x = l.values[m][a];
        const auto& y = l.values[m][b];
        const std::optional<double> change = x && y ? std::optional<double>(*x - *y) : std::nullopt;
        row.push_back(format_change(metric, change, lang));
        const std::optional<bool> better = change_is_better(metric, change);
        classes.push_back(better ? (*better ? "better" : "worse") : "");
      }
      s.rows.push_back(std::move(row));
      s.cell_classes.push_back(std::move(classes));
    }
  }
  return s;
}

std::string name_of(const std::string& platform, const RenderContext& ctx) { return platform_name(platform, ctx); }

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> view_changes(const PeriodView& v) {
  const std::size_t n = v.columns.size();
  if (v.kind == "day_check" && n == 3) return {{0, 1}, {0, 2}};
  if (v.kind == "rotation" && n >= 2) return {{n - 1, n - 2}};
  if (n >= 2) return {{n - 2, n - 1}};
  return {};
}

std::vector<std::string> period_gaps(const PeriodView& v, Lang lang) {
  std::vector<std::string> out;
  for (const ViewColumn& c : v.columns) {
    if (c.periods_with_data > 0) continue;
    const std::string span = c.from == c.to ? c.from : c.from + tr(lang, " 至 ", " to ") + c.to;
    if (c.kind == "last_year")
      out.push_back(tr(lang, "去年同月（", "The same month last year (") + c.label +
                    tr(lang, "）没有数据：无法同比，该列为空。", ") has no data: no comparison with last year, the column is empty."));
    else if (c.kind == "last_week_same_weekday")
      out.push_back(tr(lang, "上周同日（", "The same weekday last week (") + c.label +
                    tr(lang, "）没有数据：无法比较。", ") has no data: nothing to compare with."));
    else if (c.kind == "weekday_mean")
      out.push_back(tr(lang, "前4周的同一星期几（", "The same weekday of the 4 weeks before (") + span +
                    tr(lang, "）都没有数据：没有均值可比。", ") has no data on any of those days: no mean to compare with."));
    else
      out.push_back(column_name(c, lang) + tr(lang, "：没有数据，该列为空。", ": no data, the column is empty."));
  }
  return out;
}

std::vector<Section> period_sections(const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  std::vector<Section> out;
  for (const PeriodView& v : r.period_views) {
    std::vector<std::string> lines;
    if (v.kind == "month_weeks") {
      lines = {tr(lang,
                  "本月每个 ISO 周（只算落在本月内的天）并列，再与整月和去年同月对照。比率与均值为该列各天的 Σ分子/Σ分母，"
                  "不是日比率的平均；计数为该列的合计（各周天数可能不同，月初月末的周不满 7 天）。",
                  "Each ISO week of the month (its days in the month only) side by side, then the whole month and the "
                  "same month last year. A rate or mean is Σ numerator / Σ denominator of the column's days, never an "
                  "average of daily rates; a count is the column's total (the first and last weeks may be short).")};
      for (std::string& g : period_gaps(v, lang)) lines.push_back(std::move(g));
      out.push_back(grid_of(v, ctx, "month_weeks", tr(lang, "八、本月各周与去年同月", "8. The month's weeks, and last year"),
                            lines, view_changes(v)));
    } else if (v.kind == "day_check") {
      lines = {tr(lang,
                  "当日与上周同一天、以及前 4 周同一星期几（7、14、21、28 天前）的合并均值比较。用同一星期几而不是前 28 "
                  "天：咨询量和响应随星期变化（周末高峰），周六与平日的均值比总像异常。均值为这些天的 Σ分子/Σ分母；计数为每天平均。",
                  "The day against the same weekday a week before, and against the pooled mean of the same weekday over "
                  "the 4 weeks before (7, 14, 21 and 28 days back). The same weekday rather than the 28 days before: "
                  "volume and response follow the week (weekend peaks), so a Saturday against weekdays would look unusual "
                  "every week. The mean is Σ numerator / Σ denominator of those days; a count is their mean per day.")};
      for (std::string& g : period_gaps(v, lang)) lines.push_back(std::move(g));
      out.push_back(grid_of(v, ctx, "day_check", tr(lang, "九、当日核对", "9. The day's check"), lines, view_changes(v)));
    }
  }
  if (!r.person_anomalies.empty() || !r.period_views.empty()) {
    Section s{"person_anomalies", tr(lang, "十、个人异常日", "10. Each person's unusual days"),
              {anomaly_rule(lang),
               tr(lang, "同一规则用于每个人自己的历史：按花名册把一个人当天的各账号合并（Σ分子/Σ分母）；不在花名册中的账号单独成行。",
                  "The same rule on each person's own history: a person's accounts joined through the roster on each "
                  "day (Σ numerator / Σ denominator); an account no roster person holds is a row of its own.")},
              {}, {}, {}, {}, {}};
    s.header = {tr(lang, "日期", "Day"),     tr(lang, "人员", "Person"),        tr(lang, "平台", "Platform"),
                tr(lang, "指标", "Metric"),  tr(lang, "当日", "Value"),         tr(lang, "近期水平", "Recent level"),
                "z",                         tr(lang, "方向", "Direction")};
    for (const Anomaly& a : r.person_anomalies) {
      char z[32] = "—";
      if (a.score) std::snprintf(z, sizeof z, "%+.1f", *a.score);
      s.rows.push_back({a.day, a.label, a.platform.find(',') == std::string::npos ? name_of(a.platform, ctx) : a.platform,
                        metric_name(a.metric, lang), format_value(a.metric, a.value, lang),
                        format_value(a.metric, a.baseline, lang), z,
                        a.worse ? tr(lang, "变差", "worse") : tr(lang, "变好", "better")});
      s.row_missed.push_back(a.worse);
    }
    if (s.rows.empty()) s.lines.push_back(tr(lang, "本期没有符合规则的个人异常日。", "No person's day in the period meets the rule."));
    out.push_back(std::move(s));
  }
  for (const PeriodView& v : r.period_views) {
    if (v.kind != "rotation") continue;
    std::vector<std::string> lines{
        tr(lang, "换平台前后各 4 周的个人数据（按花名册合并其所有账号），每列一周，再各自合并 4 周：看新平台是否适应。",
           "The person's figures (all their accounts joined through the roster) for each of the 4 weeks before "
           "and after the move, then each side's 4 weeks pooled: did they settle in?")};
    for (std::string& g : period_gaps(v, lang)) lines.push_back(std::move(g));
    out.push_back(grid_of(v, ctx, "rotation:" + v.subject,
                          tr(lang, "十一、轮岗：", "11. Rotation: ") + v.name + " " + name_of(v.from_platform, ctx) + " → " +
                              name_of(v.to_platform, ctx) + tr(lang, "（", " (from ") + v.moved_on +
                              tr(lang, " 起）", ")"),
                          lines, view_changes(v)));
  }
  return out;
}

}  // namespace kefu::host::report
