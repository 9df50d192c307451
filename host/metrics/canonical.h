// The canonical metrics, one table. A metric used to live in five places (the catalog, the
// engine's counts, the `metrics compute` writer, ingest's string literals, the SDK's keys); now
// each is one entry: its catalog row (key from kefu/catalog.hpp, names, unit, definitions), how
// its figure comes out of the engine's GroupStats, and the columns it adds to `metrics compute`.
// The host catalog, compute's CSV/JSON writer and ingest's storing all iterate this table, so
// adding a canonical metric is one entry plus its computation (docs/metrics.md).
#pragma once

#include "model/catalog.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace kefu::host::metrics {

struct GroupStats;

// A figure as exact integers, read in a unit (kefu::value_format): count = num; ratio = num/den;
// seconds = num milliseconds / den. den 0: undefined for the group (no samples).
struct Counts {
  __int128 num = 0;  // 128 bits: sums of many long waits fit (R12 pools every sample)
  std::int64_t den = 1;
};
using Recompute = Counts (*)(const GroupStats&);

// One column of `kefu metrics compute`: a CSV column and JSON key of a stable spec.
struct ComputeColumn {
  std::string_view name;
  int position;           // in the spec, counting from the first column after level,platform,shop_id,agent_id,day
  std::string_view unit;  // how the cell is written: count | ratio | seconds
  Recompute counts;
};

struct CanonicalMetric {
  MetricDef def;                                // the catalog row; def.unit also reads `figure`
  Recompute figure = nullptr;                   // nullptr: native only, not recomputed from chat logs
  std::span<const ComputeColumn> columns = {};  // what `metrics compute` prints for it
};

// In the catalog's order (kefu::metric::all).
std::span<const CanonicalMetric> canonical_metrics();

// The figure as the store keeps it: a count alone; a ratio or seconds with what it divides
// (seconds in s), so periods add up exactly. nullopt for a native-only metric or where undefined.
struct StoredFigure {
  double value = 0;
  std::optional<double> numerator, denominator;
};
std::optional<StoredFigure> stored_figure(const CanonicalMetric& metric, const GroupStats& stats);

}  // namespace kefu::host::metrics
