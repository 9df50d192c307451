// Assumptions for a definition's unknown parameters (`kefu metrics compute --as P --assume ...`):
// where a platform is silent, a supervisor may still want its figure "if transfers carry". An
// assumption fills an unknown parameter only — a known one is the platform's and keeps its
// value, so one --assume can serve every metric of a platform — and is labelled as the user's (confidence none), so every figure computed
// with one says so.
#pragma once

#include "model/definition.h"

#include <string>
#include <vector>

namespace kefu::host {

// The source an assumed parameter carries.
inline constexpr const char* kAssumedTitle = "assumed by the user (--assume), not the platform's";

// Applies `assignments` in order: "NAME=VALUE" with NAME a metrics.json parameter name (unit,
// assessed_hours, bot_replies, transfers, closings, threshold_s, period_days, min_sample) and
// VALUE as metrics.json writes it (assessed_hours: all_day or HH:MM-HH:MM[@turn_start|
// session_start|message]); or "kefu/2": every parameter still unknown as Kefu's kefu/2 counts
// (docs/metrics.md). Returns the names filled, in declaration order. Throws
// std::invalid_argument naming the assignment for an unknown name or a bad value.
std::vector<std::string> assume(Definition& d, const std::vector<std::string>& assignments);

}  // namespace kefu::host
