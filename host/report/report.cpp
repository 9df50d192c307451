#include "report/report.h"

#include "base/calendar.h"
#include "model/catalog.h"
#include "model/whole_shop.h"
#include "report/anomaly_rule.h"
#include "report/targets.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace kefu::host::report {
namespace {

using store::StoredValue;

bool is_count(const MetricDef& def) { return def.unit == "count"; }

// A metric over a period: counts add up; ratios and means are sum(numerator)/sum(denominator),
// never an average of daily ratios (a quiet day would weigh as much as a busy one).
struct Sum {
  double value = 0, numerator = 0, denominator = 0;
  int days = 0;
  bool divisible = true;  // every value carried its numerator and denominator

  void add(const StoredValue& v) {
    value += v.value.value;
    ++days;
    if (v.numerator && v.denominator) {
      numerator += *v.numerator;
      denominator += *v.denominator;
    } else {
      divisible = false;
    }
  }
  std::optional<double> result(const MetricDef& def) const {
    if (days == 0) return std::nullopt;
    if (is_count(def)) return value;
    if (!divisible || denominator <= 0) return std::nullopt;
    return numerator / denominator;
  }
};

using RowInfo = Subject;

std::string shop_key(const std::string& platform, const std::string& shop) { return platform + "/" + shop; }

class Builder {
 public:
  Builder(const config::Config& config, const ReportOptions& options) : config_(config), options_(options) {}

  Report build(const std::vector<StoredValue>& values) {
    report_.period = options_.period;
    report_.by = options_.by;
    if (options_.compare) report_.previous = previous(options_.period);
    collect(values);
    note_accounts_not_in_roster(values);
    choose_metrics();
    add_configured_shops();
    fill_rows();
    fill_daily_and_anomalies();
    fill_movers();
    fill_native(values);
    fill_platform_figures(values);
    note_unused_targets();
    return std::move(report_);
  }

 private:
  bool in(const Period& p, std::int32_t day) const { return day >= p.first && day <= p.last; }
  bool wanted(const std::string& shop) const {
    return options_.shops.empty() ||
           std::find(options_.shops.begin(), options_.shops.end(), shop) != options_.shops.end();
  }

  // Agent-level values make the rows of these views (the others add up shops).
  bool agent_view() const { return options_.by == By::agent || options_.by == By::person || options_.by == By::group; }

  RowInfo row_of(const MetricValue& v, std::int32_t day) const {
    return subject_of(config_, options_.by, v.platform, v.shop_id, v.agent_id, day);
  }

  // Every agent account of the period no roster person holds on its days: listed once each,
  // so a supervisor can add them (nothing is dropped: by person they keep rows of their own).
  void note_accounts_not_in_roster(const std::vector<StoredValue>& values) {
    if (config_.roster.empty()) return;
    std::set<std::string> unknown;
    for (const StoredValue& sv : values) {
      const MetricValue& v = sv.value;
      if (v.agent_id.empty() || v.agent_id == kUnassigned || !wanted(v.shop_id)) continue;
      const auto day = calendar::parse_day(v.day);
      if (!day || !in(options_.period, *day)) continue;
      if (!config_.roster.person_of(v.platform, v.shop_id, v.agent_id, *day))
        unknown.insert(shop_key(v.platform, v.shop_id) + "/" + v.agent_id);
    }
    for (const std::string& a : unknown) report_.notes.push_back({"account_not_in_roster", a});
  }

  // Sorts the period's (and the previous period's) recomputed values into per-row sums.
  void collect(const std::vector<StoredValue>& values) {
    std::set<std::string> unknown_shops, definitions;
    for (const StoredValue& sv : values) {
      const MetricValue& v = sv.value;
      if (v.origin != "recomputed" || !wanted(v.shop_id)) continue;
      const auto day = calendar::parse_day(v.day);
      if (!day || !find_metric(v.metric)) continue;
      const bool agent_level = !v.agent_id.empty();
      if (!agent_level) shop_days_[shop_key(v.platform, v.shop_id)][v.metric][*day] = sv;
      const bool current = in(options_.period, *day);
      const bool before = report_.previous && in(*report_.previous, *day);
      if (!current && !before) continue;
      definitions.insert(sv.definition);
      if (!config_.shops.empty() && !config_.find_shop(v.shop_id))
        unknown_shops.insert(shop_key(v.platform, v.shop_id));
      // The total row adds up shops (an agent's figures are already in their shop's).
      if (!agent_level) (current ? total_now_ : total_then_)[v.metric].add(sv);
      if (agent_level != agent_view()) continue;
      const RowInfo info = row_of(v, *day);
      rows_.emplace(info.key, info);
      if (current) row_platforms_[info.key].insert(v.platform);
      (current ? now_ : then_)[info.key][v.metric].add(sv);
      if (current) seen_metrics_.insert(v.metric);
    }
    for (const auto& s : unknown_shops) report_.notes.push_back({"shop_not_in_config", s});
    // Figures of two definition versions (kefu/1 and kefu/2) in one report would be summed as
    // if they meant the same: never silently (docs/report.md).
    if (definitions.size() > 1) {
      std::string list;
      for (const auto& d : definitions) list += (list.empty() ? "" : ", ") + (d.empty() ? std::string("?") : d);
      report_.notes.push_back({"mixed_definitions", list});
    }
  }

  void choose_metrics() {
    for (const MetricDef& def : metric_catalog())
      if (seen_metrics_.contains(std::string(def.key))) report_.metrics.emplace_back(def.key);
  }

  // A configured shop without data still gets a row: an empty row is news to a supervisor.
  void add_configured_shops() {
    if (options_.by != By::shop) return;
    for (const config::Shop& s : config_.shops) {
      if (!wanted(s.id)) continue;
      const std::string key = shop_key(s.platform, s.id);
      if (!rows_.contains(key)) {
        rows_.emplace(key, RowInfo{key, s.name, s.platform, s.id, s.group, ""});
        report_.notes.push_back({"shop_without_data", key});
      }
    }
  }

  Cell cell(const std::string& metric, const Sum* now, const Sum* then, const std::optional<config::Target>& target) {
    const MetricDef& def = *find_metric(metric);
    Cell c;
    if (now) c.value = now->result(def), c.denominator = is_count(def) ? 0 : now->denominator;
    if (then) c.previous = then->result(def), c.previous_denominator = is_count(def) ? 0 : then->denominator;
    if (c.value && c.previous) {
      c.change = *c.value - *c.previous;
      if (*c.previous != 0) c.change_pct = *c.change / std::fabs(*c.previous);
    }
    c.target = target;
    if (target) used_targets_.insert(target->key);
    if (c.value && target) {
      c.status = kpi_status(metric, *c.value, target->value);
      c.gap = *c.value - target->value;
    }
    return c;
  }

  static const Sum* find(const std::map<std::string, std::map<std::string, Sum>>& sums, const std::string& row,
                         const std::string& metric) {
    const auto r = sums.find(row);
    if (r == sums.end()) return nullptr;
    const auto m = r->second.find(metric);
    return m == r->second.end() ? nullptr : &m->second;
  }

  // Who a row's targets are looked up for: each level that applies to it. A person who worked
  // on two platforms has no platform level (neither platform's target is theirs alone).
  config::TargetSubject subject(const RowInfo& info, const std::string& platforms) const {
    switch (options_.by) {
      case By::platform:
        return {info.platform, "", "", ""};
      case By::group:
        return {"", info.group, "", ""};
      case By::person:
        return {platforms.find(',') == std::string::npos ? platforms : "", info.group,
                info.person.empty() ? info.shop_id : "", info.person};
      case By::agent:
      case By::shop:
        break;
    }
    return {info.platform, info.group, info.shop_id, info.person};
  }

  // The targets in force on the period's last day: a past period keeps the targets it ended under.
  std::optional<config::Target> target(const std::string& metric, const config::TargetSubject& who) const {
    return config_.target_for(metric, who, options_.period.last);
  }

  void fill_rows() {
    for (auto& [key, info] : rows_) {
      std::string platforms;
      for (const std::string& p : row_platforms_[key]) platforms += (platforms.empty() ? "" : ",") + p;
      if (options_.by == By::person && !platforms.empty()) info.platform = platforms;
      Row row{info.key, info.label, info.platform, info.shop_id, info.group, false, {}};
      const config::TargetSubject who = subject(info, platforms);
      for (const std::string& metric : report_.metrics)
        row.cells.push_back(cell(metric, find(now_, key, metric), find(then_, key, metric), target(metric, who)));
      report_.rows.push_back(std::move(row));
    }
    std::stable_sort(report_.rows.begin(), report_.rows.end(), [](const Row& a, const Row& b) {
      return std::tie(a.platform, a.label) < std::tie(b.platform, b.label);
    });
    if (rows_.size() < 2) return;
    Row total{"*", "", "", "", "", true, {}};
    for (const std::string& metric : report_.metrics) {
      const auto n = total_now_.find(metric), t = total_then_.find(metric);
      total.cells.push_back(cell(metric, n == total_now_.end() ? nullptr : &n->second,
                                 t == total_then_.end() ? nullptr : &t->second, target(metric, {})));
    }
    report_.rows.push_back(std::move(total));
  }

  void fill_daily_and_anomalies() {
    for (const auto& [key, by_metric] : shop_days_) {
      for (const auto& [metric, days] : by_metric) {
        const MetricDef& def = *find_metric(metric);
        for (const auto& [day, sv] : days)
          if (in(options_.period, day))
            report_.daily.push_back({key, sv.value.day, metric, sv.value.value, sv.denominator.value_or(0)});
        if (!is_count(def) && def.better != Better::neither) find_anomalies(key, def, days);
      }
    }
    std::sort(report_.anomalies.begin(), report_.anomalies.end(), [](const Anomaly& a, const Anomaly& b) {
      return std::tie(a.day, a.row_key, a.metric) < std::tie(b.day, b.row_key, b.metric);
    });
  }

  void find_anomalies(const std::string& key, const MetricDef& def, const std::map<std::int32_t, StoredValue>& days) {
    for (const UnusualDay& u : unusual_days(def, days, options_.period))
      report_.anomalies.push_back({key, label_of_shop(key), u.value->value.platform, u.value->value.day,
                                   std::string(def.key), u.value->value.value, u.baseline, u.score, u.worse});
  }

  std::string label_of_shop(const std::string& key) const {
    const std::string shop = key.substr(key.find('/') + 1);
    const config::Shop* s = config_.find_shop(shop);
    return s ? s->name : shop;
  }

  void fill_movers() {
    for (const Row& row : report_.rows) {
      if (row.total) continue;
      for (std::size_t i = 0; i < report_.metrics.size(); ++i) {
        const Cell& c = row.cells[i];
        const MetricDef& def = *find_metric(report_.metrics[i]);
        if (def.better == Better::neither || !c.change_pct) continue;
        if (!is_count(def) && (c.denominator < kAnomalyMinBase || c.previous_denominator < kAnomalyMinBase)) continue;
        const bool better = def.better == Better::higher ? *c.change > 0 : *c.change < 0;
        report_.movers.push_back(
            {row.key, row.label, row.platform, report_.metrics[i], *c.previous, *c.value, *c.change_pct, better});
      }
    }
    std::stable_sort(report_.movers.begin(), report_.movers.end(),
                     [](const Mover& a, const Mover& b) { return std::fabs(a.change_pct) > std::fabs(b.change_pct); });
    if (report_.movers.size() > kMovers) report_.movers.resize(kMovers);
  }

  // The platforms' own figures: grouped per platform, shop, agent and native name, each under
  // its own definition; compared only with the same figure in the previous period.
  void fill_native(const std::vector<StoredValue>& values) {
    struct Acc {
      NativeFigure figure;
      double now = 0, then = 0;
      int then_days = 0;
    };
    std::map<std::tuple<std::string, std::string, std::string, std::string>, Acc> acc;
    for (const StoredValue& sv : values) {
      const MetricValue& v = sv.value;
      if (v.origin == "recomputed" || v.origin == store::kPlatformRecomputed || !wanted(v.shop_id)) continue;
      const auto day = calendar::parse_day(v.day);
      if (!day) continue;
      const bool current = in(options_.period, *day), before = report_.previous && in(*report_.previous, *day);
      if (!current && !before) continue;
      Acc& a = acc[{v.platform, v.shop_id, v.agent_id, v.native_name.empty() ? v.metric : v.native_name}];
      NativeFigure& f = a.figure;
      if (f.platform.empty()) {
        const std::string format = native_format(v);
        const MetricDef* def = find_metric(v.metric);
        f.platform = v.platform;
        f.shop_id = v.shop_id;
        f.agent_id = v.agent_id;
        if (const config::Person* p = config_.roster.person_of(v.platform, v.shop_id, v.agent_id, *day))
          f.person = p->id, f.person_name = p->name;
        f.metric = v.metric;
        f.native_name = v.native_name;
        // A total adds up over the days (客服销售额 too, though written as an amount like 客单价).
        f.how = (def ? is_total(*def) : format == "count") ? "sum" : "mean";
        f.format = format;
        f.definition = sv.definition;
        f.source = sv.source;
      }
      if (v.availability == Availability::pending) {
        if (current) ++f.pending_days;
        continue;
      }
      if (current)
        a.now += v.value, ++f.days;
      else
        a.then += v.value, ++a.then_days;
    }
    for (auto& [key, a] : acc) {
      NativeFigure& f = a.figure;
      const auto result = [&](double total, int days) -> std::optional<double> {
        if (days == 0) return std::nullopt;
        return f.how == "sum" ? total : total / days;
      };
      f.value = result(a.now, f.days);
      f.previous = result(a.then, a.then_days);
      if (f.value && f.previous) f.change = *f.value - *f.previous;
      // Only where Kefu has no figure of its own: a recomputed metric's target is the grid's.
      // A total (客服销售额) is the shop's: an agent's share of it is not held to the shop's target.
      const MetricDef* def = find_metric(f.metric);
      if (def && !is_recomputed(f.metric) && (!is_total(*def) || f.agent_id.empty())) {
        f.target = config_.target_for(f.metric, f.platform, f.shop_id, options_.period.last);
        if (f.target) used_targets_.insert(f.target->key);
        if (f.value && f.target) {
          f.status = kpi_status(f.metric, *f.value, f.target->value);
          f.gap = *f.value - f.target->value;
        }
      }
      report_.native.push_back(std::move(f));
    }
  }

  // Every configured target in force at the period's end this report shows nowhere is named in
  // the notes: never dropped silently. People's targets only in the views with people in them.
  void note_unused_targets() {
    std::vector<std::string> keys;
    const bool people = options_.by == By::person || options_.by == By::agent;
    for (const config::TargetSet& set : config_.target_sets) {
      if (!set.in_force(options_.period.last)) continue;
      for (const auto& [metric, v] : set.global) keys.push_back(set.path + ".global." + metric);
      auto level = [&](const char* name, const config::TargetSet::Level& targets) {
        for (const auto& [key, by_metric] : targets)
          for (const auto& [metric, v] : by_metric) keys.push_back(set.path + "." + name + "." + key + "." + metric);
      };
      level("platforms", set.platforms);
      level("groups", set.groups);
      for (const auto& [shop, targets] : set.shops)
        if (wanted(shop))
          for (const auto& [metric, v] : targets) keys.push_back(set.path + ".shops." + shop + "." + metric);
      if (people) level("people", set.people);
    }
    for (const std::string& k : keys)
      if (!used_targets_.contains(k)) report_.notes.push_back({"target_without_figure", k});
  }

  // The platforms' own definitions recomputed at ingest: per shop and native name, the period's
  // days added up, and the definition's own (rolling) figure on the last of them.
  void fill_platform_figures(const std::vector<StoredValue>& values) {
    std::map<std::tuple<std::string, std::string, std::string>, std::pair<PlatformFigure, Sum>> acc;
    for (const StoredValue& sv : values) {
      const MetricValue& v = sv.value;
      if (v.origin != store::kPlatformRecomputed || !v.agent_id.empty() || !wanted(v.shop_id)) continue;
      const auto day = calendar::parse_day(v.day);
      if (!day || *day > options_.period.last) continue;
      auto& [figure, sum] = acc[{v.platform, v.shop_id, v.native_name}];
      if (figure.platform.empty())
        figure = {v.platform, v.shop_id, v.native_name, v.metric, {}, {}, "", sv.definition, {}};
      figure.days.push_back({*day, sv.numerator.value_or(0), sv.denominator.value_or(0)});
      if (!in(options_.period, *day)) continue;
      sum.add(sv);
      if (v.day >= figure.latest_day) figure.latest_day = v.day, figure.latest = v.value;
    }
    for (auto& [key, a] : acc) {
      auto& [figure, sum] = a;
      if (figure.latest_day.empty()) continue;  // only days before the period
      std::sort(figure.days.begin(), figure.days.end(), [](const auto& x, const auto& y) { return x.day < y.day; });
      if (sum.divisible && sum.denominator > 0)
        figure.value = sum.numerator / sum.denominator;
      else if (!sum.divisible && sum.numerator == 0 && sum.denominator == 0)
        figure.value = sum.value;  // a count carries no division
      report_.platform_figures.push_back(std::move(figure));
    }
  }

  // The platform's value_format for a native figure, else what the catalog unit implies.
  std::string native_format(const MetricValue& v) const {
    if (const auto p = options_.native_formats.find(v.platform); p != options_.native_formats.end())
      if (const auto f = p->second.find(v.native_name); f != p->second.end()) return f->second;
    const MetricDef* def = find_metric(v.metric);
    return def ? std::string(def->unit) : "";
  }

  const config::Config& config_;
  const ReportOptions& options_;
  Report report_;
  std::map<std::string, RowInfo> rows_;
  std::map<std::string, std::set<std::string>> row_platforms_;  // row → the platforms of its period's values
  std::map<std::string, std::map<std::string, Sum>> now_, then_;  // row → metric → sum
  std::map<std::string, Sum> total_now_, total_then_;
  std::set<std::string> seen_metrics_;
  std::set<std::string> used_targets_;  // target keys some cell or native figure carries
  // Shop-level daily values by shop key, metric and day: trends and the anomaly rule.
  std::map<std::string, std::map<std::string, std::map<std::int32_t, StoredValue>>> shop_days_;
};

}  // namespace

KpiStatus kpi_status(std::string_view metric, double value, double target) {
  const MetricDef* def = find_metric(metric);
  if (!def || def->better == Better::neither) return KpiStatus::none;
  const bool met = def->better == Better::higher ? value >= target : value <= target;
  return met ? KpiStatus::met : KpiStatus::missed;
}

Subject subject_of(const config::Config& config, By by, const std::string& platform, const std::string& shop_id,
                 const std::string& agent_id, std::int32_t day) {
  const config::Shop* shop = config.find_shop(shop_id);
  const std::string shop_label = shop ? shop->name : shop_id;
  const std::string group = shop ? shop->group : "";
  const config::Person* person = config.roster.person_of(platform, shop_id, agent_id, day);
  const RowInfo agent{shop_key(platform, shop_id) + "/" + agent_id,
                      agent_id + " @ " + shop_label,
                      platform,
                      shop_id,
                      person && !person->team.empty() ? person->team : group,
                      person ? person->id : ""};
  switch (by) {
    case By::agent:
      return agent;
    case By::person:
      if (!person) return agent;  // named in the notes: account_not_in_roster
      return {"person/" + person->id, person->name, platform, "", person->team, person->id};
    case By::group:
      return {"group/" + agent.group, agent.group.empty() ? "—" : agent.group, "", "", agent.group, ""};
    case By::platform:
      return {platform, platform, platform, "", "", ""};
    case By::shop:
      break;
  }
  return {shop_key(platform, shop_id), shop_label, platform, shop_id, group, ""};
}

Report build_report(const store::Store& store, const config::Config& config, const ReportOptions& options) {
  // Everything from the start of the previous period, or of the anomaly window, to the end.
  std::int32_t first = options.period.first - std::max(kAnomalyWindow, options.lookback_days);
  if (options.compare) first = std::min(first, previous(options.period).first);
  store::ValueQuery query{calendar::format_day(first), options.period.to(), {}, options.shops, {}};
  // Single agents' own figures only where rows show them: the period and the one it is compared
  // with (the lookback's trends and anomalies are the shops'); a shop or platform report, none —
  // unless there is a roster, whose check names the accounts of the period it does not hold.
  const std::int32_t agents_first =
      options.compare ? std::min(options.period.first, previous(options.period).first) : options.period.first;
  const bool rows_of_agents = !(options.by == By::shop || options.by == By::platform) || !config.roster.empty();
  query.agents_from = rows_of_agents ? calendar::format_day(agents_first) : "9999-12-31";
  query.own_sources = false;  // only native figures show theirs
  return Builder(config, options).build(store.values(query));
}

}  // namespace kefu::host::report
