// The sessions behind a platform's (or a team's) own figure: `kefu explain --as PLATFORM`. The
// same units as compute_definition (metrics/definition_units.h), each missed one with its reason
// (metrics/explain.h), and the units the definition leaves out because of its assessed hours —
// the usual reason a platform's figure and Kefu's count different sessions.
#pragma once

#include "metrics/definition_engine.h"
#include "metrics/explain.h"

#include <cstdint>
#include <string>

namespace kefu::host::metrics {

// Rates only (replied, within a threshold): a mean or a count has no missed unit.
bool explainable(const Definition& d);

struct DefinitionExplanation {
  // The query's days, each on its own (the figure of every day, not the rolling window):
  // units = what the daily figure divides; findings = the units that missed, in session order.
  Explanation explanation;
  std::int64_t not_assessed = 0;  // units of those days the assessed hours leave out
};

// Throws std::invalid_argument when !explainable(d) or not_computable(d) is not empty.
// `query.metric` is not read: the definition's measure decides.
DefinitionExplanation explain_definition(const ChatEvents& events, const Definition& d, const ExplainQuery& query);

}  // namespace kefu::host::metrics
