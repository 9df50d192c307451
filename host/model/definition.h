// A metric definition as data: the parameter set one engine (metrics/engine.h) executes for every
// platform and for Kefu's own canonical versions (docs/metrics.md, "Definitions as data").
//
// A platform's definition comes from its plugin's metrics.json (`computation`, SDK 1.5); a team's
// own KPI from a definition file; Kefu's canonical kefu/1 (R1-R15) and kefu/2 (C1-C6) are built in.
// Any parameter may be unknown: a definition with an unknown parameter is not computed, and says
// which one and why (never guessed).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kefu::host {

// What one counted item is.
enum class CountUnit {
  turn,         // a customer question and the reply to it
  session,      // a whole conversation (platform, shop_id, session_id), across transfers
  segment,      // one agent's part of a conversation (kefu/1)
  message,      // each customer message
  customer_day  // one buyer per shop per +08:00 day
};

// Which instant the assessed-hours window is applied to.
enum class HoursApplyTo { turn_start, session_start, message };

// A daily window [from, to) in +08:00 minutes since midnight; to may be 1440.
struct AssessedHours {
  int from_min = 0;
  int to_min = 1440;
  HoursApplyTo applies_to = HoursApplyTo::turn_start;
};

enum class BotReplies {
  none,        // bot messages answer nothing
  all,         // a bot message answers like an agent's
  assist_only  // only agent-assisted bot messages answer: needs a log that marks them
};

enum class Transfers {
  carry,  // a question open at a transfer is answered by the receiving agent (kefu/2, C3)
  split   // it counts as unanswered for the agent who transferred (kefu/1, R6/R9)
};

enum class Closings {
  ignore,  // closing-only customer messages (谢谢, 好的…) open no turn (kefu/2, C2)
  count    // they open turns like any message (kefu/1)
};

enum class Comparator { ge, gt, le, lt };

// The platform's target or penalty line: the figure must stay `op value` (a ratio in 0..1,
// seconds, or a count, in the metric's unit).
struct Line {
  Comparator op = Comparator::ge;
  double value = 0;
  std::string penalty;  // what happens below the line, as the source states it ("" if unstated)
};

// Where a parameter's value comes from; `unknown` holds why it is not known.
struct ParamSource {
  std::string title, url, seen, confidence;  // confidence: official | law | third_party | merchant | kefu | none
  std::string quoted_in = {};                // kefu::Source::quoted_in: read there, not at url
};

template <class T>
struct Param {
  std::optional<T> value;  // nullopt: unknown
  std::string unknown_reason;
  ParamSource source;
  bool known() const { return value.has_value(); }
};

struct Definition {
  std::string id;       // "kefu/1", "kefu/2", "tmall/3分钟人工响应率", or a team's own
  std::string measure;  // the canonical figure it computes: a kefu::metric key (reply_rate,
                        // within_3min_rate, avg_response_s, first_response_s, ...)
  Param<CountUnit> unit;
  Param<std::optional<AssessedHours>> hours;  // known nullopt: all day
  Param<BotReplies> bots;
  Param<Transfers> transfers;
  Param<Closings> closings;
  Param<std::int64_t> threshold_ms;  // 0: none
  Param<int> period_days;            // 1: each day alone; N: rolling N days ending on the day
  Param<std::int64_t> min_sample;    // below it the platform does not assess; 0: none
  Param<std::optional<Line>> line;   // known nullopt: the platform states no line

  // Names of the parameters that are unknown and needed to compute the figure (the line is not
  // needed), in declaration order, by their metrics.json names: "unit", "assessed_hours", ...
  std::vector<std::string> unknown_parameters() const;
};

// Kefu's canonical definition versions. kefu/1 is R1-R15 exactly; kefu/2 (the default) is C1-C6.
inline constexpr const char* kDefinitionsV1 = "kefu/1";
inline constexpr const char* kDefinitionsV2 = "kefu/2";
inline constexpr const char* kDefaultDefinitions = kDefinitionsV2;

}  // namespace kefu::host
