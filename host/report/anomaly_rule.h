// The unusual-day rule (report.h kAnomaly*) on one series of daily values — a shop's, or a
// person's own (report/person_days.h) — so both are judged by the same rule, in one place.
#pragma once

#include "model/catalog.h"
#include "report/period.h"
#include "store/store.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace kefu::host::report {

struct UnusualDay {
  std::int32_t day = 0;
  const store::StoredValue* value = nullptr;  // the day's, in the series passed
  double baseline = 0;                         // the recent pooled rate, or the recent median time
  std::optional<double> score;                 // none when the recent days do not vary (MAD 0)
  bool worse = false;                          // in the catalog's bad direction
};

// The days of `period` in `days` (one metric's daily values, numerator and denominator kept)
// that the rule finds unusual against their own previous kAnomalyWindow days. Metrics without
// a direction, and counts, have none.
std::vector<UnusualDay> unusual_days(const MetricDef& def, const std::map<std::int32_t, store::StoredValue>& days,
                                     const Period& period);

}  // namespace kefu::host::report
