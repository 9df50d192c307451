// What is behind a figure's shortfall (`kefu explain`, docs/metrics.md "Explaining a figure"):
// the sessions (kefu/1: segments) or turns that kept a rate below 100 %, each with one reason.
#pragma once

#include "metrics/engine.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::metrics {

// Why a unit missed, most specific first (the first that applies is the reason).
enum class Shortfall {
  closing_courtesy,  // kefu/1: the open turn was only the customer's courtesy (谢谢, 好的 …)
  open_at_transfer,  // a question was open at a transfer (kefu/1: cut there; kefu/2: never answered after it)
  never_assigned,    // no agent ever held the session (kefu/2: the unassigned row)
  bot_only,          // only a bot wrote after the question
  late,              // answered, beyond the metric's threshold
  unanswered         // no one answered
};
const char* shortfall_name(Shortfall s);  // the stable key: closing_courtesy, open_at_transfer, ...
std::optional<Shortfall> shortfall_from_name(std::string_view name);  // the key back; nullopt if none

// Why an unanswered turn stayed so, the first cause that applies (a courtesy only when the
// definition counts closings as questions).
Shortfall unanswered_reason(const Turn& t, Closings closings);

// The metrics explain covers: the rates whose shortfall is made of units.
bool explainable(std::string_view metric);  // reply_rate, within_30s_rate, within_3min_rate

struct Finding {
  std::uint32_t session = 0;  // ChatEvents::sessions id
  std::string platform, shop_id, session_id;
  std::string agent;     // who the miss counts for (kefu/2: kUnassigned when nobody)
  std::int32_t day = 0;  // R4
  Shortfall reason = Shortfall::unanswered;
  std::int64_t asked_ms = 0;   // the missed turn's first message
  std::int64_t delay_ms = -1;  // late: how long the answer took (the view the row is counted in); else -1
};

struct ExplainQuery {
  std::string metric;                     // an explainable() key
  std::string platform, shop_id;          // empty: any
  std::string agent;                      // empty: the shop's view; else only misses that count for this agent
  std::int32_t from_day = 0, to_day = 0;  // inclusive, days since 1970-01-01 (+08:00)
};

struct Explanation {
  std::vector<Finding> findings;  // in session order
  std::int64_t units = 0;         // what the rate divides (sessions, segments or turns) in the same view
};

// The units that keep `query.metric` below 100 % under `version`: the figure is
// (units − findings) / units, as metrics compute gives it for the same rows.
Explanation explain(const ChatEvents& events, Canonical version, const ExplainQuery& query);

// Whether an agent's view of `metric` is the shop's findings whose agent is that agent (same
// units missed, same delays). Not so under kefu/2 for within_30s_rate and within_3min_rate: an
// agent's view times from when they got the session (C4) and, for within_30s_rate, looks at
// their own first turn.
bool agent_view_is_shop_view(Canonical version, std::string_view metric);

// A finding and the view it belongs to: "" the shop's; else the agent whose own view it is.
struct ViewFinding {
  std::string metric, view;
  Finding finding;
};

// Every finding of every explainable metric, in the shop's view and, where an agent's view is
// not the shop's (agent_view_is_shop_view), in each agent's own: what `kefu ingest` stores so
// that explain can answer from the store. One walk per session; findings in session order.
std::vector<ViewFinding> explain_all_views(const ChatEvents& events, Canonical version);

}  // namespace kefu::host::metrics
