// A definition given as data (model/definition.h) executed on chat logs: a platform's own
// metric recomputed the platform's way ("平台口径重算"), or a team's own KPI. The same session walk
// as the canonical versions (metrics/walk.h); docs/metrics.md "Platform definitions computed"
// states how each unit and measure is counted.
#pragma once

#include "metrics/engine.h"
#include "model/definition.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kefu::host::metrics {

// What a definition's figure is, from its `measure` (a canonical metric key).
enum class Measure {
  replied,         // reply_rate: units whose (last) question was answered / units
  within,          // within_30s_rate, within_3min_rate: units answered within the threshold / units
  mean_response,   // avg_response_s: mean response of the answered units, seconds
  first_response,  // first_response_s: mean first response per session, seconds
  count            // sessions: how many units
};
std::optional<Measure> measure_of(std::string_view key);

// Why a definition cannot be computed from a chat log.
enum class Uncomputable {
  unknown,              // the parameter is unknown (detail: the plugin's reason)
  no_measure,           // the metric maps to no canonical figure
  not_in_chat_log,      // its measure is not counted from messages (detail: the measure)
  customer_day,         // customer_day units need buyers
  assist_only,          // assist_only bot replies need marked bot messages
  zero_threshold,       // a within-threshold rate with a threshold of 0
  first_response_unit,  // a first response with a unit other than session
};

// The parameter (metrics.json name, or "measure") and why; `reason` is the stable English text
// that JSON and CSV carry ("unknown: …"), present/parameter_labels.h words it for people.
struct NotComputable {
  std::string parameter, reason;
  Uncomputable why = Uncomputable::unknown;
  std::string detail;
};
// Every reason, unknown parameters first; empty when the definition can be computed.
std::vector<NotComputable> not_computable(const Definition& d);

// One group's counts over a stretch of days. Exact integers; the figure is figure_value().
struct DefinitionCounts {
  std::int64_t units = 0;     // counted items (turns, sessions, segments or messages)
  std::int64_t hits = 0;      // replied / within: units that met it
  std::int64_t answered = 0;  // mean measures: units with a response
  __int128 response_ms = 0;   // their responses summed (a session unit: its mean turn response, to the ms)

  void add(const DefinitionCounts& o);
  void subtract(const DefinitionCounts& o);
};

struct DefinitionRow {
  Level level = Level::agent;
  std::string platform, shop_id, agent_id;  // as compute_metrics: kWholeShop, kUnassigned
  std::int32_t day = 0;                     // R4 day (+08:00) the period ends on
  DefinitionCounts daily;                   // this day alone
  DefinitionCounts period;                  // the definition's period ending on the day (daily when 1)
  bool assessed = true;                     // period.units >= min_sample
};

// Rows for every agent, shop and platform day with a unit, sorted as compute_metrics sorts.
// Agent rows add up to their shop row and shop rows to the platform row (each unit belongs to
// one agent, kUnassigned when none held it). Throws std::invalid_argument when
// not_computable(d) is not empty.
std::vector<DefinitionRow> compute_definition(const ChatEvents& events, const Definition& d, unsigned workers = 0);

// The figure of `c` under `d`: a ratio (0..1), seconds, or a count; nullopt when it divides by 0.
std::optional<double> figure_value(Measure measure, const DefinitionCounts& c);

}  // namespace kefu::host::metrics
