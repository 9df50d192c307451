#include "metrics/line_standing.h"

#include <cmath>
#include <limits>

namespace kefu::host::metrics {
namespace {

// a/b against the line, with a/b == value judged equal within rounding of `value` (0.9 is not
// exactly representable: 9 of 10 must still meet "≥ 90 %").
bool satisfies(const Line& line, long double a, long double b) {
  const long double diff = a - static_cast<long double>(line.value) * b;
  const long double eps = 1e-9L * std::max<long double>(1, b);
  switch (line.op) {
    case Comparator::ge:
      return diff >= -eps;
    case Comparator::gt:
      return diff > eps;
    case Comparator::le:
      return diff <= eps;
    case Comparator::lt:
      return diff < -eps;
  }
  return false;
}

// The least k >= 0 with ok(k), from an estimate; nullopt when none is reachable (the estimate
// is not finite).
template <class Ok>
std::optional<std::int64_t> least(long double estimate, Ok ok) {
  if (!std::isfinite(estimate) || estimate > 1e15L) return std::nullopt;
  auto k = static_cast<std::int64_t>(std::max<long double>(0, std::ceil(estimate)));
  while (!ok(k)) ++k;
  while (k > 0 && ok(k - 1)) --k;
  return k;
}

// The greatest k >= 0 with ok(k) (ok(0) holds); nullopt: no limit.
template <class Ok>
std::optional<std::int64_t> greatest(long double estimate, Ok ok) {
  if (!std::isfinite(estimate) || estimate > 1e15L) return std::nullopt;
  auto k = static_cast<std::int64_t>(std::max<long double>(0, std::floor(estimate)));
  while (k > 0 && !ok(k)) --k;
  while (ok(k + 1)) ++k;
  return k;
}

}  // namespace

std::optional<LineStanding> standing(const Line& line, std::int64_t hits, std::int64_t units) {
  if (units <= 0) return std::nullopt;
  const long double h = hits, u = units, v = line.value;
  const bool higher_is_better = line.op == Comparator::ge || line.op == Comparator::gt;
  LineStanding s;
  s.value = static_cast<double>(h / u);
  s.margin = higher_is_better ? s.value - line.value : line.value - s.value;
  s.meets = satisfies(line, h, u);
  if (higher_is_better) {
    // Good units raise hits and units together; a miss raises units alone.
    if (s.meets)
      s.can_afford = greatest(h / v - u, [&](std::int64_t k) { return satisfies(line, h, u + k); });
    else
      s.to_meet = least((v * u - h) / (1 - v), [&](std::int64_t k) { return satisfies(line, h + k, u + k); });
  } else {
    // The rate counts misses: a miss raises both, a good unit raises units alone.
    if (s.meets)
      s.can_afford = greatest((v * u - h) / (1 - v), [&](std::int64_t k) { return satisfies(line, h + k, u + k); });
    else
      s.to_meet = least(h / v - u, [&](std::int64_t k) { return satisfies(line, h, u + k); });
  }
  return s;
}

}  // namespace kefu::host::metrics
