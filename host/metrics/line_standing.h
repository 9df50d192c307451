// Where a figure stands against a platform's line (issue: "penalty lines ahead of time"): the
// margin, and how many more good units it takes to reach the line, or how many more misses the
// figure can take before it crosses. Only for rates (a share of units): a mean or a count has no
// unit to add.
#pragma once

#include "model/definition.h"

#include <cstdint>
#include <optional>

namespace kefu::host::metrics {

struct LineStanding {
  double value = 0;              // hits / units
  double margin = 0;             // value − line for ≥ and >, line − value for ≤ and <: ≥ 0 is on the good side
  bool meets = false;            // the figure satisfies the line
  // !meets: good units still needed to reach the line; nullopt: no number of them can (a
  // ≥ 100 % line after a miss).
  std::optional<std::int64_t> to_meet;
  // meets: misses the figure can still take and stay on the good side; nullopt: no limit.
  std::optional<std::int64_t> can_afford;
};

// `hits` of `units` are the units the rate counts (replied, within the threshold; for a line
// with ≤ or <, the rate counts what should stay rare, e.g. 留言率). nullopt when units is 0.
std::optional<LineStanding> standing(const Line& line, std::int64_t hits, std::int64_t units);

}  // namespace kefu::host::metrics
