#include "rules/compare.h"

namespace kefu::host::rules {
namespace {

// +1 when `to` is on the stricter side of `from`, -1 on the looser side, 0 when equal.
Verdict by_direction(int sign) { return sign > 0 ? Verdict::stricter : sign < 0 ? Verdict::looser : Verdict::same; }

template <class T>
int order(const T& from, const T& to) {
  return from < to ? 1 : to < from ? -1 : 0;
}

Verdict compare_windows(const RuleValue& from, const RuleValue& to) {
  const int a0 = from.window_from_min, a1 = from.window_to_min, b0 = to.window_from_min, b1 = to.window_to_min;
  if (a0 == b0 && a1 == b1) return Verdict::same;
  if (b0 <= a0 && a1 <= b1) return Verdict::stricter;  // TO's window contains FROM's
  if (a0 <= b0 && b1 <= a1) return Verdict::looser;
  return Verdict::changed;
}

}  // namespace

Verdict compare_values(const RuleKeyDef& def, const RuleValue& from, const RuleValue& to) {
  if (!from.known || !to.known) return Verdict::unknown;
  switch (def.type) {
    case ValueType::duration:
    case ValueType::percentage:
    case ValueType::count: {
      const int up = order(from.number, to.number);
      if (def.strictness == Strictness::lower_is_stricter) return by_direction(-up);
      if (def.strictness == Strictness::higher_is_stricter) return by_direction(up);
      return up == 0 ? Verdict::same : Verdict::changed;
    }
    case ValueType::boolean:
      if (from.flag == to.flag) return Verdict::same;
      if (def.strictness == Strictness::true_is_stricter) return to.flag ? Verdict::stricter : Verdict::looser;
      return Verdict::changed;
    case ValueType::enumeration: {
      if (from.text == to.text) return Verdict::same;
      const int a = enum_level(def, from.text), b = enum_level(def, to.text);
      if (def.strictness == Strictness::higher_is_stricter && a >= 0 && b >= 0) return by_direction(order(a, b));
      return Verdict::changed;
    }
    case ValueType::time_window:
      return compare_windows(from, to);
    case ValueType::text:
      return from.text == to.text ? Verdict::same : Verdict::changed;
  }
  return Verdict::changed;
}

Verdict compare_rules(const RuleKeyDef& def, const Rule& from, const Rule& to) {
  const Verdict v = compare_values(def, from.value, to.value);
  if (v != Verdict::same) return v;
  const bool from_penalty = !from.penalty.system.empty(), to_penalty = !to.penalty.system.empty();
  if (to_penalty && !from_penalty) return Verdict::stricter;
  if (from_penalty && !to_penalty) return Verdict::looser;
  if (from.penalty.system != to.penalty.system || from.penalty.amount != to.penalty.amount) return Verdict::changed;
  return Verdict::same;
}

}  // namespace kefu::host::rules
