#include "report/compliance.h"

#include "base/calendar.h"
#include "model/catalog.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace kefu::host::report {
namespace {

// QC rows are people's: a shop or platform report shows its agents.
By qc_by(By by) { return by == By::person || by == By::group ? by : By::agent; }

struct Tally {
  std::int64_t block = 0, warn = 0, unknown = 0;
  void add(const std::string& severity) { (severity == "block" ? block : severity == "warn" ? warn : unknown)++; }
};

struct RowTally {
  Subject subject;
  std::int64_t messages[2] = {0, 0};
  bool scanned[2] = {false, false};
  std::map<std::string, Tally> by_category[2];
};

}  // namespace

void add_compliance(Report& report, const store::Store& store, const config::Config& config,
                    const std::vector<std::string>& shops) {
  Compliance c;
  const By by = qc_by(report.by);
  c.by = by == By::person ? "person" : by == By::group ? "group" : "agent";
  const Period& period = report.period;
  const std::int32_t first = report.previous ? std::min(report.previous->first, period.first) : period.first;
  const store::StoredQc stored = store.qc({calendar::format_day(first), period.to(), {}, shops});
  auto side = [&](std::int32_t day) -> int {  // 0 this period, 1 the previous, -1 neither
    if (day >= period.first && day <= period.last) return 0;
    if (report.previous && day >= report.previous->first && day <= report.previous->last) return 1;
    return -1;
  };

  std::map<std::string, RowTally> rows;
  auto row = [&](const std::string& platform, const std::string& shop, const std::string& agent,
                 std::int32_t day) -> RowTally& {
    Subject s = subject_of(config, by, platform, shop, agent, day);
    RowTally& r = rows[s.key];
    if (r.subject.key.empty()) {
      r.subject = std::move(s);
    } else if (!s.platform.empty() && ("," + r.subject.platform + ",").find("," + s.platform + ",") == std::string::npos) {
      r.subject.platform += "," + s.platform;  // a person who worked on two platforms, as the grid says it
    }
    return r;
  };
  for (const store::QcDay& d : stored.days) {
    const std::int32_t day = *calendar::parse_day(d.day);
    const int p = side(day);
    if (p < 0) continue;
    if (d.agent_id.empty()) {  // the shop's day: it was scanned
      (p == 0 ? c.scanned : c.previous_scanned) = true;
      (p == 0 ? c.days : c.previous_days)++;
      (p == 0 ? c.messages : c.previous_messages) += d.messages;
      if (d.partial && p == 0) c.partial_days.push_back(d.platform + "/" + d.shop_id + " " + d.day);
      continue;
    }
    RowTally& r = row(d.platform, d.shop_id, d.agent_id, day);
    r.scanned[p] = true;
    r.messages[p] += d.messages;
  }
  std::map<std::tuple<std::string, std::string, std::string>, Tally> weeks;  // row, week, category
  for (const store::QcHit& h : stored.hits) {
    const std::int32_t day = *calendar::parse_day(h.day);
    const int p = side(day);
    if (p < 0) continue;
    RowTally& r = row(h.platform, h.shop_id, h.agent_id, day);
    r.scanned[p] = true;
    r.by_category[p][h.category].add(h.severity);
    if (h.severity == "unknown")
      (p == 0 ? c.unknown : c.previous_unknown)++;
    else
      (p == 0 ? c.violations : c.previous_violations)++;
    if (p != 0) continue;
    weeks[{r.subject.key, week_of(day).label, h.category}].add(h.severity);
    ComplianceHit hit;
    hit.row_key = r.subject.key;
    hit.label = r.subject.label;
    hit.platform = h.platform;
    hit.shop_id = h.shop_id;
    hit.agent_id = h.agent_id;
    hit.session_id = h.session_id;
    hit.day = h.day;
    hit.time = calendar::china_time(h.ts);
    hit.category = h.category;
    hit.severity = h.severity;
    hit.stance = h.stance;
    hit.text = h.text;
    hit.term = h.term;
    hit.mode = h.mode;
    hit.sentence = h.sentence;
    c.hits.push_back(std::move(hit));
  }
  std::stable_sort(c.hits.begin(), c.hits.end(),
                   [](const ComplianceHit& a, const ComplianceHit& b) { return a.time < b.time; });

  for (auto& [key, r] : rows) {
    ComplianceRow out;
    out.key = r.subject.key;
    out.label = r.subject.label;
    out.platform = r.subject.platform;
    out.shop_id = r.subject.shop_id;
    out.group = r.subject.group;
    out.messages = r.messages[0];
    out.previous_messages = r.messages[1];
    out.scanned = r.scanned[0];
    out.previous_scanned = r.scanned[1];
    std::set<std::string> categories;
    for (const auto& side_tally : r.by_category)
      for (const auto& [category, t] : side_tally) categories.insert(category);
    std::vector<std::string> ordered(categories.begin(), categories.end());
    std::stable_sort(ordered.begin(), ordered.end(), [](const std::string& a, const std::string& b) {
      return term_category_rank(a) < term_category_rank(b);
    });
    for (const std::string& category : ordered) {
      ComplianceCount n;
      n.category = category;
      if (const auto it = r.by_category[0].find(category); it != r.by_category[0].end())
        n.block = it->second.block, n.warn = it->second.warn, n.unknown = it->second.unknown;
      if (const auto it = r.by_category[1].find(category); it != r.by_category[1].end())
        n.previous_block = it->second.block, n.previous_warn = it->second.warn,
        n.previous_unknown = it->second.unknown;
      // Compared only when both periods were scanned for the report's shops.
      if (c.scanned && c.previous_scanned) n.change = (n.block + n.warn) - (n.previous_block + n.previous_warn);
      out.violations += n.block + n.warn;
      out.previous_violations += n.previous_block + n.previous_warn;
      out.unknown += n.unknown;
      out.previous_unknown += n.previous_unknown;
      out.categories.push_back(std::move(n));
    }
    if (c.scanned && c.previous_scanned) out.change = out.violations - out.previous_violations;
    c.rows.push_back(std::move(out));
  }
  std::stable_sort(c.rows.begin(), c.rows.end(), [](const ComplianceRow& a, const ComplianceRow& b) {
    return std::tuple(-a.violations, -a.unknown, a.label) < std::tuple(-b.violations, -b.unknown, b.label);
  });
  for (const auto& [k, t] : weeks) {
    const auto& [row_key, week, category] = k;
    c.weeks.push_back({row_key, week, category, t.block, t.warn, t.unknown});
  }
  report.compliance = std::move(c);
}

}  // namespace kefu::host::report
