#include "report/anomaly_rule.h"

#include "report/report.h"

#include <algorithm>
#include <cmath>

namespace kefu::host::report {
namespace {

using store::StoredValue;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Judged {
  double baseline;
  std::optional<double> z;
};

// A rate against the recent pooled rate, with the day's own sample size.
Judged rate_z(const StoredValue& day, const std::vector<const StoredValue*>& recent) {
  double num = 0, den = 0;
  for (const StoredValue* r : recent) num += r->numerator.value_or(0), den += r->denominator.value_or(0);
  const double p0 = (num + 1) / (den + 2);  // Laplace: a spotless record still has some spread
  const double sd = std::sqrt(p0 * (1 - p0) / *day.denominator);
  return {num / den, (day.value.value - p0) / sd};
}

// A mean time against the recent daily values: robust to one earlier bad day.
Judged time_z(const StoredValue& day, const std::vector<const StoredValue*>& recent) {
  std::vector<double> values;
  for (const StoredValue* r : recent) values.push_back(r->value.value);
  const double med = median(values);
  for (double& v : values) v = std::fabs(v - med);
  const double mad = median(values);
  return {med, mad > 0 ? std::optional<double>(0.6745 * (day.value.value - med) / mad) : std::nullopt};
}

}  // namespace

std::vector<UnusualDay> unusual_days(const MetricDef& def, const std::map<std::int32_t, StoredValue>& days,
                                     const Period& period) {
  std::vector<UnusualDay> found;
  if (def.unit == "count" || def.better == Better::neither) return found;
  const auto judged = [](const StoredValue& sv) {
    return sv.denominator.value_or(0) >= kAnomalyMinBase && sv.numerator;
  };
  const bool rate = def.unit == "ratio";
  const double floor = rate ? kAnomalyFloorRatio : kAnomalyFloorSeconds;
  for (const auto& [day, sv] : days) {
    if (day < period.first || day > period.last || !judged(sv)) continue;
    std::vector<const StoredValue*> recent;
    for (auto it = days.lower_bound(day - kAnomalyWindow); it != days.end() && it->first < day; ++it)
      if (judged(it->second)) recent.push_back(&it->second);
    if (static_cast<int>(recent.size()) < kAnomalyMinDays) continue;
    const Judged j = rate ? rate_z(sv, recent) : time_z(sv, recent);
    const double dev = sv.value.value - j.baseline;
    if (std::fabs(dev) < floor || (j.z && std::fabs(*j.z) < kAnomalyZ)) continue;
    const bool worse = def.better == Better::higher ? dev < 0 : dev > 0;
    found.push_back({day, &sv, j.baseline, j.z, worse});
  }
  return found;
}

}  // namespace kefu::host::report
