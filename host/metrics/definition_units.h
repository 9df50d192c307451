// The units of a definition in one walked session: which turns each unit holds, whom it counts
// for, and whether the definition assesses it. One home for that choice, so that the figures
// (compute_definition) and the sessions behind them (explain_definition) can never disagree.
#pragma once

#include "metrics/definition_engine.h"
#include "metrics/walk.h"

#include <cstdint>
#include <vector>

namespace kefu::host::metrics {

// What the walk needs from a definition, and the parameters the counting reads, unpacked once.
struct Plan {
  Measure measure;
  CountUnit unit;
  std::optional<AssessedHours> hours;
  std::int64_t threshold_ms;
  WalkRules rules;
};

// Throws nothing: call only when not_computable(d) is empty.
Plan plan_of(const Definition& d);

// Whether an instant falls in the daily window (+08:00 minutes; a window may cross midnight).
bool in_window(const AssessedHours& h, std::int64_t epoch_ms);

// Calls visit(turns, agent, assessed) for each unit of the session `w`: `turns` are the unit's
// assessed turns, first first (all of them when the unit is not assessed), `agent` whom it
// counts for — a turn's own agent; a session's first assessed question's; a segment's holder.
// A unit is not assessed when assessed hours leave out the session's start (JD: 23:00-09:00)
// or every turn of it.
template <class Visit>
void for_each_unit(const Plan& p, const Walk& w, std::vector<const Turn*>& turns, Visit&& visit) {
  const bool session_out = p.hours && p.hours->applies_to == HoursApplyTo::session_start &&
                           !in_window(*p.hours, w.first_customer_ts);
  auto assessed = [&](const Turn& t) {
    if (!p.hours) return true;
    if (p.hours->applies_to == HoursApplyTo::session_start) return !session_out;
    return in_window(*p.hours, t.start);
  };
  // The unit's assessed turns into `turns`; when none is, all of them (for the unassessed call).
  auto gather = [&](std::uint32_t first, std::uint32_t n) {
    turns.clear();
    for (std::uint32_t i = first; i < first + n; ++i)
      if (assessed(w.turns[i])) turns.push_back(&w.turns[i]);
    if (!turns.empty()) return true;
    for (std::uint32_t i = first; i < first + n; ++i) turns.push_back(&w.turns[i]);
    return false;
  };
  switch (p.unit) {
    case CountUnit::turn:
    case CountUnit::message:  // the walk made each customer message its own turn
      for (const Turn& t : w.turns) {
        turns.assign(1, &t);
        visit(turns, t.agent, assessed(t));
      }
      break;
    case CountUnit::session:
      if (w.turns.empty()) break;
      {
        const bool in = gather(0, static_cast<std::uint32_t>(w.turns.size()));
        visit(turns, turns.front()->agent, in);
      }
      break;
    case CountUnit::segment:
      for (const Segment& seg : w.segments) {
        if (seg.turns == 0) continue;
        const bool in = gather(seg.first_turn, seg.turns);
        visit(turns, seg.holder, in);
      }
      break;
    case CountUnit::customer_day:
      break;  // refused by not_computable
  }
}

}  // namespace kefu::host::metrics
