// The metrics section of the briefing: every metric TO judges the agent on, next to the closest
// FROM metric, and whether the two figures can be compared.
#include "briefing/briefing.h"

#include <algorithm>

namespace kefu::host::rules {
namespace {

// How close a FROM metric is to the canonical definition: same beats convertible beats neither.
int closeness(const NativeMetric& m) {
  switch (m.comparability) {
    case Comparability::same:
      return 0;
    case Comparability::convertible:
      return 1;
    case Comparability::not_comparable:
      return 2;
  }
  return 3;
}

std::optional<NativeMetric> closest(const MetricProfile& from, const NativeMetric& to) {
  const NativeMetric* best = nullptr;
  for (const NativeMetric& m : from.metrics) {
    if (to.canonical_key.empty() || m.canonical_key != to.canonical_key) continue;
    if (!best || closeness(m) < closeness(*best)) best = &m;
  }
  return best ? std::optional<NativeMetric>(*best) : std::nullopt;
}

std::string threshold_text(double seconds) {
  if (seconds <= 0) return "-";
  const auto s = static_cast<long long>(seconds);
  return std::to_string(s) + "s";
}

// The definition parameters on which the two figures differ, "name: FROM → TO".
std::vector<std::string> differences(const NativeMetric& from, const NativeMetric& to) {
  std::vector<std::string> out;
  auto differ = [&](const char* name, const std::string& a, const std::string& b) {
    if (a != b) out.push_back(std::string(name) + ": " + (a.empty() ? "-" : a) + " → " + (b.empty() ? "-" : b));
  };
  differ("unit", from.unit, to.unit);
  differ("window", from.window, to.window);
  differ("bot_replies", from.bot_replies, to.bot_replies);
  differ("threshold", threshold_text(from.threshold_s), threshold_text(to.threshold_s));
  return out;
}

}  // namespace

MetricsSection pair_metrics(const std::optional<MetricProfile>& from, const std::optional<MetricProfile>& to) {
  MetricsSection out;
  if (!to) {
    out.unavailable = "the TO plugin provides no metric profile";
    return out;
  }
  out.available = true;
  for (const NativeMetric& m : to->metrics) {
    MetricPair pair{m, from ? closest(*from, m) : std::nullopt, false, {}, "", ""};
    if (pair.from) {
      pair.differences = differences(*pair.from, m);
      pair.comparable = m.comparability == Comparability::same && pair.from->comparability == Comparability::same;
      if (!pair.comparable) {
        const NativeMetric& noted = m.comparability != Comparability::same ? m : *pair.from;
        pair.why = noted.comparability_note;
        pair.why_zh = noted.comparability_note_zh;
      }
    }
    out.items.push_back(std::move(pair));
  }
  // The metrics with a target or penalty line are the ones the agent is judged on: first.
  std::stable_partition(out.items.begin(), out.items.end(), [](const MetricPair& p) { return !p.to.target.empty(); });
  if (!from) out.unavailable = "the FROM plugin provides no metric profile: no FROM counterparts";
  return out;
}

}  // namespace kefu::host::rules
