// The chat-log metrics engine: response metrics recomputed from canonical chat logs, for every
// platform, under Kefu's canonical definitions (docs/metrics.md: kefu/1 = R1-R15, kefu/2 = C1-C6)
// and under any definition given as data (model/definition.h; metrics/definition_engine.h).
// One session walk (metrics/walk.h) serves them all.
#pragma once

#include "chatlog/reader.h"
#include "metrics/walk.h"
#include "model/definition.h"
#include "model/whole_shop.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
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
  // kefu/2 shop and platform rows (C5): how many more times the sessions count in the agent
  // rows than here (a session held by two agents counts under both): Σ agent sessions =
  // sessions + additional_agent_sessions. 0 elsewhere.
  std::int64_t additional_agent_sessions = 0;
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

// The canonical versions' time limits (R11/C6): within_30s_rate's first reply, within_3min_rate's
// every turn. Inclusive: a reply at exactly the limit is within it. One home for the engine and
// `kefu explain`, so an explanation never disagrees with the figure it explains.
inline constexpr std::int64_t kWithin30sMs = 30'000;
inline constexpr std::int64_t kWithin3minMs = 180'000;

// Kefu's canonical definition versions (docs/metrics.md).
enum class Canonical {
  v1,  // kefu/1: R1-R15, segments, transfers split, closings count — kept byte for byte
  v2   // kefu/2: C1-C6, whole sessions, turns cross transfers, closings open no turn
};
// "kefu/1" | "kefu/2" → the version; nullopt for anything else.
std::optional<Canonical> parse_canonical(std::string_view id);
const char* canonical_id(Canonical version);
// How a canonical version walks a session.
WalkRules walk_rules(Canonical version);

// Rows for every agent, shop and platform day with at least one session (v1: segment), sorted
// by level, platform, shop_id, agent_id, day (byte order). `workers` 0: one per core.
// v1: a shop row is the sum of its agent rows (agent "" holds segments no agent held).
// v2: a shop row counts distinct sessions; its agent rows (kUnassigned for turns no agent held)
// reconcile with it by C5 (sessions via additional_agent_sessions; turns and answered turns add up).
std::vector<MetricRow> compute_metrics(const ChatEvents& events, Canonical version, unsigned workers = 0);

// Each session's events in R2 order, one session at a time, on the calling thread (explain).
void for_each_session(const ChatEvents& events,
                      const std::function<void(std::uint32_t session, const SessionEvent*, std::size_t)>& visit);

// Each session's events in R2 order on `workers` threads (0: one per core), each owning one
// contiguous run of sessions balanced by events: visit(worker, session, events, n). A visitor
// keeps per-worker state indexed by `worker` (definition_engine.cpp).
void visit_sessions(const ChatEvents& events, unsigned workers,
                    const std::function<void(unsigned worker, std::uint32_t session, const SessionEvent*, std::size_t)>& visit);

}  // namespace kefu::host::metrics
