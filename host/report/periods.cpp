#include "report/periods.h"

#include "base/calendar.h"
#include "model/catalog.h"
#include "model/whole_shop.h"
#include "report/anomaly_rule.h"

#include <algorithm>
#include <map>
#include <set>

namespace kefu::host::report {
namespace {

using store::StoredValue;

Period range_of(std::int32_t first, std::int32_t last, std::string label) {
  return {Period::Kind::range, std::move(label), first, last};
}

// One column: one period, or several pooled (the weekday mean).
struct ColumnSpec {
  std::string kind, label;
  std::vector<Period> periods;
};

// What one row has in one column, over its periods: a count adds up (and is shown per period:
// its mean when several are pooled); a ratio or mean adds numerator and denominator.
struct Pool {
  double sum = 0, numerator = 0, denominator = 0;
  int periods = 0;
};

bool has_data(const Report& r) { return !r.metrics.empty() || !r.native.empty(); }

PeriodView side_by_side(const store::Store& store, const config::Config& config, const ReportOptions& options,
                        std::string kind, std::string subject, const std::vector<ColumnSpec>& specs,
                        const std::string& only_row = "") {
  PeriodView view;
  view.kind = std::move(kind);
  view.subject = std::move(subject);
  std::vector<std::string> order;  // row keys, in the first report's order that has them
  std::map<std::string, ViewLine> lines;
  // row → metric → column → pool
  std::map<std::string, std::map<std::string, std::map<std::size_t, Pool>>> pools;
  for (std::size_t c = 0; c < specs.size(); ++c) {
    const ColumnSpec& spec = specs[c];
    ViewColumn col{spec.kind, spec.label, calendar::format_day(spec.periods.front().first),
                   calendar::format_day(spec.periods.back().last), static_cast<int>(spec.periods.size()), 0};
    for (const Period& p : spec.periods) {
      ReportOptions o = options;
      o.period = p;
      o.compare = false;
      const Report r = build_report(store, config, o);
      if (!has_data(r)) continue;
      ++col.periods_with_data;
      for (const std::string& m : r.metrics)
        if (std::find(view.metrics.begin(), view.metrics.end(), m) == view.metrics.end()) view.metrics.push_back(m);
      for (const Row& row : r.rows) {
        if (!only_row.empty() && row.key != only_row) continue;
        if (!lines.count(row.key)) {
          order.push_back(row.key);
          lines[row.key] = {row.key, row.label, row.platform, row.total, {}, {}};
        }
        for (std::size_t i = 0; i < r.metrics.size(); ++i) {
          const Cell& cell = row.cells[i];
          if (!cell.value) continue;
          Pool& pool = pools[row.key][r.metrics[i]][c];
          pool.sum += *cell.value;
          pool.numerator += *cell.value * cell.denominator;
          pool.denominator += cell.denominator;
          ++pool.periods;
        }
      }
    }
    view.columns.push_back(std::move(col));
  }
  // Catalog order, as the report's grid.
  std::vector<std::string> ordered;
  for (const MetricDef& def : metric_catalog())
    if (std::find(view.metrics.begin(), view.metrics.end(), def.key) != view.metrics.end()) ordered.emplace_back(def.key);
  view.metrics = ordered;
  // The total row last, as in the report.
  std::stable_partition(order.begin(), order.end(), [&](const std::string& k) { return !lines[k].total; });
  for (const std::string& key : order) {
    ViewLine line = lines[key];
    for (const std::string& m : view.metrics) {
      const MetricDef& def = *find_metric(m);
      std::vector<std::optional<double>> values;
      std::vector<double> dens;
      for (std::size_t c = 0; c < specs.size(); ++c) {
        const auto& by_col = pools[key][m];
        const auto it = by_col.find(c);
        if (it == by_col.end() || it->second.periods == 0) {
          values.emplace_back();
          dens.push_back(0);
          continue;
        }
        const Pool& p = it->second;
        if (def.unit == "count")
          values.emplace_back(p.sum / p.periods);
        else if (p.denominator > 0)
          values.emplace_back(p.numerator / p.denominator);
        else
          values.emplace_back(p.periods == 1 ? std::optional<double>(p.sum) : std::nullopt);
        dens.push_back(p.denominator);
      }
      line.values.push_back(std::move(values));
      line.denominators.push_back(std::move(dens));
    }
    view.lines.push_back(std::move(line));
  }
  return view;
}

}  // namespace

PeriodView month_weeks(const store::Store& store, const config::Config& config, const ReportOptions& options) {
  const Period& m = options.period;
  std::vector<ColumnSpec> specs;
  for (std::int32_t day = m.first; day <= m.last;) {
    const Period w = week_of(day);
    const std::int32_t first = std::max(w.first, m.first), last = std::min(w.last, m.last);
    specs.push_back({"week", w.label, {range_of(first, last, w.label)}});
    day = last + 1;
  }
  specs.push_back({"month", m.label, {m}});
  const std::string year = std::to_string(std::stoi(m.label.substr(0, 4)) - 1);
  const Period last_year = month(year + m.label.substr(4));
  specs.push_back({"last_year", last_year.label, {last_year}});
  return side_by_side(store, config, options, "month_weeks", m.label, specs);
}

PeriodView day_check(const store::Store& store, const config::Config& config, const ReportOptions& options) {
  const Period& d = options.period;
  auto day = [](std::int32_t n) { return range_of(n, n, calendar::format_day(n)); };
  ColumnSpec mean{"weekday_mean", "", {}};
  for (int w = 1; w <= kWeekdayMeanWeeks; ++w) mean.periods.push_back(day(d.first - 7 * w));
  std::sort(mean.periods.begin(), mean.periods.end(), [](const Period& a, const Period& b) { return a.first < b.first; });
  mean.label = mean.periods.front().label + ".." + mean.periods.back().label;
  return side_by_side(store, config, options, "day_check", d.label,
                      {{"day", d.label, {day(d.first)}},
                       {"last_week_same_weekday", calendar::format_day(d.first - 7), {day(d.first - 7)}},
                       mean});
}

std::vector<PeriodView> rotations(const store::Store& store, const config::Config& config, const ReportOptions& options,
                                  const std::optional<Period>& moved_within) {
  std::vector<PeriodView> views;
  for (const config::Person& person : config.roster.people) {
    for (const config::Account& to : person.accounts) {
      if (!to.from) continue;
      const config::Account* left = nullptr;
      for (const config::Account& a : person.accounts)
        if (a.platform != to.platform && a.to && *a.to < *to.from && *a.to >= *to.from - kMoveGapDays) left = &a;
      if (!left) continue;
      const std::int32_t moved = *to.from;
      if (moved_within && (moved < moved_within->first || moved > moved_within->last)) continue;
      // One view per move: a second account starting on the same day on the same platform is the same move.
      if (std::any_of(views.begin(), views.end(), [&](const PeriodView& v) {
            return v.subject == person.id && v.moved_on == calendar::format_day(moved);
          }))
        continue;
      std::vector<ColumnSpec> specs;
      for (int w = kRotationWeeks; w >= 1; --w) {
        const Period p = range_of(moved - 7 * w, moved - 7 * w + 6, "");
        specs.push_back({"before", p.from() + ".." + p.to(), {p}});
      }
      for (int w = 0; w < kRotationWeeks; ++w) {
        const Period p = range_of(moved + 7 * w, moved + 7 * w + 6, "");
        specs.push_back({"after", p.from() + ".." + p.to(), {p}});
      }
      const Period before = range_of(moved - 7 * kRotationWeeks, moved - 1, "");
      const Period after = range_of(moved, moved + 7 * kRotationWeeks - 1, "");
      specs.push_back({"before_all", before.from() + ".." + before.to(), {before}});
      specs.push_back({"after_all", after.from() + ".." + after.to(), {after}});
      ReportOptions o = options;
      o.by = By::person;
      o.shops.clear();  // the person's figures wherever they worked
      PeriodView v = side_by_side(store, config, o, "rotation", person.id, specs, "person/" + person.id);
      // The line's platform is one side's: the title names both.
      for (ViewLine& l : v.lines) l.platform.clear();
      v.name = person.name;
      v.from_platform = left->platform;
      v.to_platform = to.platform;
      v.moved_on = calendar::format_day(moved);
      views.push_back(std::move(v));
    }
  }
  return views;
}

std::vector<Anomaly> person_anomalies(const store::Store& store, const config::Config& config,
                                      const ReportOptions& options) {
  const Period& period = options.period;
  store::ValueQuery query{calendar::format_day(period.first - kAnomalyWindow), period.to(), {}, options.shops, {}};
  query.own_sources = false;  // judged on numbers only
  struct Who {
    std::string label;
    std::set<std::string> platforms;
  };
  std::map<std::string, Who> who;
  // person key → metric → day → the day's joined value (numerator and denominator added up)
  std::map<std::string, std::map<std::string, std::map<std::int32_t, StoredValue>>> series;
  std::set<std::string> indivisible;  // key|metric|day: some account's value without its parts
  for (const StoredValue& sv : store.values(query)) {
    const MetricValue& v = sv.value;
    if (v.origin != "recomputed" || v.agent_id.empty() || v.agent_id == kUnassigned) continue;
    const MetricDef* def = find_metric(v.metric);
    if (!def || def->unit == "count" || def->better == Better::neither) continue;
    const auto day = calendar::parse_day(v.day);
    if (!day) continue;
    const config::Person* p = config.roster.person_of(v.platform, v.shop_id, v.agent_id, *day);
    const std::string key = p ? "person/" + p->id : v.platform + "/" + v.shop_id + "/" + v.agent_id;
    Who& w = who[key];
    if (w.label.empty()) {
      const config::Shop* shop = config.find_shop(v.shop_id);
      w.label = p ? p->name : v.agent_id + " @ " + (shop ? shop->name : v.shop_id);
    }
    w.platforms.insert(v.platform);
    if (!sv.numerator || !sv.denominator) {
      indivisible.insert(key + "|" + v.metric + "|" + v.day);
      continue;
    }
    auto [it, fresh] = series[key][v.metric].try_emplace(*day, sv);
    StoredValue& joined = it->second;
    if (!fresh) {
      *joined.numerator += *sv.numerator;
      *joined.denominator += *sv.denominator;
    }
    joined.value.value = *joined.denominator > 0 ? *joined.numerator / *joined.denominator : 0;
  }
  std::vector<Anomaly> found;
  for (auto& [key, by_metric] : series) {
    std::string platforms;
    for (const std::string& p : who[key].platforms) platforms += (platforms.empty() ? "" : ",") + p;
    for (auto& [metric, days] : by_metric) {
      // A day one of whose accounts gave no parts cannot be joined: it is neither judged nor used.
      for (auto it = days.begin(); it != days.end();)
        it = indivisible.count(key + "|" + metric + "|" + it->second.value.day) ? days.erase(it) : std::next(it);
      const MetricDef& def = *find_metric(metric);
      for (const UnusualDay& u : unusual_days(def, days, period))
        found.push_back({key, who[key].label, platforms, u.value->value.day, metric, u.value->value.value, u.baseline,
                         u.score, u.worse});
    }
  }
  std::sort(found.begin(), found.end(), [](const Anomaly& a, const Anomaly& b) {
    return std::tie(a.day, a.row_key, a.metric) < std::tie(b.day, b.row_key, b.metric);
  });
  return found;
}

}  // namespace kefu::host::report
