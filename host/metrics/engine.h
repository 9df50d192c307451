// The chat-log metrics engine: one definition of response metrics for every platform
// (docs/metrics.md, rules R1-R15), recomputed from canonical chat logs.
#pragma once

#include "chatlog/reader.h"
#include "model/whole_shop.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kefu::host::metrics {

using chatlog::ChatEvents;
using chatlog::Event;
using chatlog::EventKind;
using chatlog::EventStore;
using chatlog::split_shop_key;

// Counts of one group (an agent, shop or platform on one day). Rollups add these up; the
// first-response samples are pooled, never averaged per agent (R12). What each canonical metric
// makes of them: metrics/canonical.cpp.
struct GroupStats {
  std::int64_t segments = 0;  // with a customer message (R6, R7); "sessions" in the output
  std::int64_t turns = 0;
  std::int64_t answered_turns = 0;
  std::int64_t replied_segments = 0;  // last turn answered
  std::int64_t within_30s_segments = 0;
  std::int64_t within_3min_turns = 0;
  __int128 response_ms_sum = 0;                 // over answered turns (128 bits: sums of many long waits fit)
  std::vector<std::int64_t> first_response_ms;  // per segment whose first turn was answered;
                                                // sorted in the rows compute_metrics returns

  void add(const GroupStats& other);
};

enum class Level { agent, shop, platform };
const char* level_name(Level level);

// One output row. A rollup leaves the columns it aggregates away empty: a shop row's agent_id is
// kWholeShop (model/whole_shop.h), a platform row has no shop_id either; `metrics compute`
// writes them as "*" (R15).
struct MetricRow {
  Level level = Level::agent;
  std::string platform, shop_id, agent_id;
  std::int32_t day = 0;  // days since 1970-01-01, +08:00 (R4)
  GroupStats stats;
};

// Rows for every agent, shop and platform day with at least one segment, sorted by level,
// platform, shop_id, agent_id, day (byte order). `workers` 0: one per core.
std::vector<MetricRow> compute_metrics(const ChatEvents& events, unsigned workers = 0);

}  // namespace kefu::host::metrics
