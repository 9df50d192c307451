// The supervisor's period views (docs/report.md "Periods"): the same rows and metrics over
// several periods side by side — a month's ISO weeks and the same month last year, a day against
// the same weekday last week and the mean of that weekday over the 4 weeks before, a person's
// weeks before and after moving platform. Each column is built by the report itself
// (build_report over that period), so a ratio is Σ numerator / Σ denominator of the column's
// days, never an average of daily ratios.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kefu::host::report {

struct ViewColumn {
  // week | month | last_year (month_weeks); day | last_week_same_weekday | weekday_mean
  // (day_check); before | after (a week of a rotation), before_all | after_all (its 4 weeks pooled)
  std::string kind;
  std::string label;     // 2026-W45 | 2026-11 | 2025-11 | 2026-11-19 | ...
  std::string from, to;  // the days it covers (a week clipped to the month); weekday_mean: the span
  int periods = 1;            // weekday_mean: the 4 days pooled; else 1
  int periods_with_data = 0;  // of them, those with any figure: 0 is "no data", said plainly

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("kind", s.kind);
    v("label", s.label);
    v("from", s.from);
    v("to", s.to);
    v("periods", s.periods);
    v("periods_with_data", s.periods_with_data);
  }
};

struct ViewLine {
  std::string key, label, platform;  // as the report's Row
  bool total = false;
  // [metric][column]: the value (none: no figure) and what a ratio or mean divides
  std::vector<std::vector<std::optional<double>>> values;
  std::vector<std::vector<double>> denominators;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("key", s.key);
    v("label", s.label);
    v("platform", s.platform);
    v("total", s.total);
    v("values", s.values);
    v("denominators", s.denominators);
  }
};

struct PeriodView {
  std::string kind;     // month_weeks | day_check | rotation
  std::string subject;  // month_weeks, day_check: the period's label; rotation: the person's id
  std::string name;     // rotation: the person's name
  std::string from_platform, to_platform, moved_on;  // rotation: the move (moved_on: the first day on the new one)
  std::vector<std::string> metrics;
  std::vector<ViewColumn> columns;
  std::vector<ViewLine> lines;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("kind", s.kind);
    v("subject", s.subject);
    v("name", s.name);
    v("from_platform", s.from_platform);
    v("to_platform", s.to_platform);
    v("moved_on", s.moved_on);
    v("metrics", s.metrics);
    v("columns", s.columns);
    v("lines", s.lines);
  }
};

}  // namespace kefu::host::report
