#include "metrics/canonical.h"

#include "metrics/engine.h"

#include <kefu/catalog.hpp>

#include <algorithm>
#include <array>
#include <numeric>
#include <vector>

namespace kefu::host::metrics {
namespace {

namespace unit = kefu::value_format;

// ---- How each figure comes out of GroupStats (docs/metrics.md, R11/R12) --------------------

Counts segments(const GroupStats& s) { return {s.segments}; }
Counts turns(const GroupStats& s) { return {s.turns}; }
Counts answered_turns(const GroupStats& s) { return {s.answered_turns}; }
Counts replied_segments(const GroupStats& s) { return {s.replied_segments}; }
Counts within_30s_segments(const GroupStats& s) { return {s.within_30s_segments}; }
Counts within_3min_turns(const GroupStats& s) { return {s.within_3min_turns}; }
Counts first_response_n(const GroupStats& s) { return {static_cast<std::int64_t>(s.first_response_ms.size())}; }

Counts first_response(const GroupStats& s) {
  const auto& ms = s.first_response_ms;
  return {std::accumulate(ms.begin(), ms.end(), __int128{0}), static_cast<std::int64_t>(ms.size())};
}
Counts avg_response(const GroupStats& s) { return {s.response_ms_sum, s.answered_turns}; }
Counts reply_rate(const GroupStats& s) { return {s.replied_segments, s.segments}; }
Counts within_30s_rate(const GroupStats& s) { return {s.within_30s_segments, s.segments}; }
Counts within_3min_rate(const GroupStats& s) { return {s.within_3min_turns, s.turns}; }

// Nearest rank (k = ceil(p·n/100), 1-based) of the sorted samples: one sample, or none (den 0).
template <int P>
Counts first_response_percentile(const GroupStats& s) {
  const std::vector<std::int64_t>& sorted = s.first_response_ms;
  if (sorted.empty()) return {0, 0};
  const std::size_t k = (static_cast<std::size_t>(P) * sorted.size() + 99) / 100;
  return {sorted[std::max<std::size_t>(k, 1) - 1], 1};
}

// ---- The columns each metric adds to `metrics compute` -------------------------------------
// Column names are the stable CSV spec (docs/metrics.md) and keep their old spelling: "sessions"
// counts segments (the spec predates transfers splitting a session); positions are the spec's order.

constexpr std::array kSessionsColumns = {ComputeColumn{"sessions", 0, unit::count, segments}};
constexpr std::array kTurnsColumns = {ComputeColumn{"turns", 1, unit::count, turns}};
// The store's first_response_s is the CSV's first_response_mean_s: the spec names it beside
// its percentiles, and the CSV is a documented, stable format.
constexpr std::array kFirstResponseColumns = {
    ComputeColumn{"first_response_n", 6, unit::count, first_response_n},
    ComputeColumn{"first_response_mean_s", 7, unit::seconds, first_response},
    ComputeColumn{"first_response_p50_s", 8, unit::seconds, first_response_percentile<50>},
    ComputeColumn{"first_response_p90_s", 9, unit::seconds, first_response_percentile<90>}};
constexpr std::array kAvgResponseColumns = {ComputeColumn{"answered_turns", 2, unit::count, answered_turns},
                                            ComputeColumn{"avg_response_s", 10, unit::seconds, avg_response}};
constexpr std::array kReplyRateColumns = {ComputeColumn{"replied_sessions", 3, unit::count, replied_segments},
                                          ComputeColumn{"reply_rate", 11, unit::ratio, reply_rate}};
constexpr std::array kWithin30sColumns = {ComputeColumn{"within_30s_sessions", 4, unit::count, within_30s_segments},
                                          ComputeColumn{"within_30s_rate", 12, unit::ratio, within_30s_rate}};
constexpr std::array kWithin3minColumns = {ComputeColumn{"within_3min_turns", 5, unit::count, within_3min_turns},
                                           ComputeColumn{"within_3min_rate", 13, unit::ratio, within_3min_rate}};

// ---- The computations --------------------------------------------------------------------
// The catalog (model/catalog.cpp) says what each metric means; this says how the host
// recomputes it from chat logs. A metric with no entry here is native only: it comes from
// platform exports and plugins.

struct Computation {
  std::string_view key;
  Recompute figure;
  std::span<const ComputeColumn> columns;
};

constexpr std::array kComputations = {
    Computation{metric::sessions, segments, kSessionsColumns},
    Computation{metric::turns, turns, kTurnsColumns},
    Computation{metric::first_response_s, first_response, kFirstResponseColumns},
    Computation{metric::avg_response_s, avg_response, kAvgResponseColumns},
    Computation{metric::reply_rate, reply_rate, kReplyRateColumns},
    Computation{metric::within_30s_rate, within_30s_rate, kWithin30sColumns},
    Computation{metric::within_3min_rate, within_3min_rate, kWithin3minColumns},
};

}  // namespace

std::span<const CanonicalMetric> canonical_metrics() {
  static const std::vector<CanonicalMetric> table = [] {
    std::vector<CanonicalMetric> out;
    for (const MetricDef& def : metric_catalog()) {
      CanonicalMetric m{def};
      for (const Computation& c : kComputations)
        if (c.key == def.key) m = {def, c.figure, c.columns};
      out.push_back(m);
    }
    return out;
  }();
  return table;
}

std::optional<StoredFigure> stored_figure(const CanonicalMetric& metric, const GroupStats& stats) {
  if (!metric.figure) return std::nullopt;
  const Counts c = metric.figure(stats);
  if (metric.def.unit == unit::count) return StoredFigure{static_cast<double>(c.num), std::nullopt, std::nullopt};
  if (c.den <= 0) return std::nullopt;
  const double num =
      metric.def.unit == unit::seconds ? static_cast<double>(c.num) / 1000.0 : static_cast<double>(c.num);
  const double den = static_cast<double>(c.den);
  return StoredFigure{num / den, num, den};
}

}  // namespace kefu::host::metrics
