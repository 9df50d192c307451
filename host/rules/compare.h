// Which of two values of one rule key is stricter for the agent, by the key's value type and
// the stricter side the catalog gives it (docs/rules.md has the table).
#pragma once

#include "model/catalog.h"

#include <kefu/model.hpp>

#include <array>
#include <string_view>

namespace kefu::host::rules {

// Seen from the platform the agent moves TO.
enum class Verdict { stricter, looser, changed, same, unknown };
constexpr std::array<std::string_view, 5> enum_names(Verdict) {
  return {"stricter", "looser", "changed", "same", "unknown"};
}

//  - numbers (duration, percentage, count): by the key's direction; equal is same;
//  - bool: true is stricter where the key says so;
//  - enum: by position in the catalog's levels when ordered, otherwise any change is `changed`;
//  - time window: a window that contains the other covers more of the day and is stricter;
//    overlapping windows where neither contains the other are `changed`;
//  - text: equal or `changed`;
//  - either value unknown: `unknown` (never guessed).
Verdict compare_values(const RuleKeyDef& def, const RuleValue& from, const RuleValue& to);

// compare_values, then the penalty: with equal values, a penalty only TO has makes TO
// stricter (and the other way looser); two different penalties are `changed`.
Verdict compare_rules(const RuleKeyDef& def, const Rule& from, const Rule& to);

}  // namespace kefu::host::rules
