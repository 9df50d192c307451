// One session walked into turns: the step every definition shares (docs/metrics.md). The
// canonical versions (kefu/1, kefu/2), platform definitions and `kefu explain` all read a
// session through walk_session(); they differ only in the WalkRules they pass and in how they
// count the turns it returns.
#pragma once

#include "chatlog/reader.h"
#include "model/definition.h"

#include <cstdint>
#include <vector>

namespace kefu::host::metrics {

using chatlog::EventKind;

// An event of one session, gathered from the store so a session is one contiguous run.
struct SessionEvent {
  std::int64_t ts;
  std::uint32_t agent;
  EventKind kind;
};

inline constexpr std::uint32_t kNoAgent = 0xFFFFFFFF;  // no agent held or answered

struct WalkRules {
  Transfers transfers = Transfers::carry;
  Closings closings = Closings::ignore;
  bool bots_answer = false;  // BotReplies::all; assist_only is never walked (not computable from a log)
  bool per_message = false;  // unit message: each customer message waits for its own answer
};

struct Turn {
  std::int64_t start = 0;       // its first customer message (the customer's view starts here)
  std::int64_t answer = -1;     // the answering message; -1: unanswered
  std::int64_t agent_from = 0;  // C4: the later of start and when the answering agent received the session
  std::uint32_t agent = kNoAgent;  // transfers=carry: the answering agent, else the holder at the end (C4);
                                   // transfers=split: the segment's holder (R8)
  std::uint32_t segment = 0;       // index into Walk::segments
  bool by_bot = false;             // answered by a bot message (bots_answer)
  bool bot_wrote = false;          // a bot wrote while it was open (whether or not that answers)
  bool closings_only = false;      // all its customer messages were closings (closings=count)
  bool cut_by_transfer = false;    // transfers=split: still open when the segment ended at a transfer
  std::uint32_t transfers_open = 0;  // transfers=carry: transfers while it was open
};

// One holder's stretch of the session: from the start or a transfer to the next transfer or the end.
struct Segment {
  std::uint32_t holder = kNoAgent;
  std::uint32_t first_turn = 0, turns = 0;
};

struct Walk {
  std::int64_t first_customer_ts = 0;
  std::int32_t day = 0;  // R4: +08:00 day of the first customer message
  std::vector<Turn> turns;
  std::vector<Segment> segments;
  std::uint32_t holder_at_end = kNoAgent;
};

// Walks one session whose events are in R2 order (R6-R10 or C2-C4, as `rules` say). False when
// the session has no customer message (R4: it produces nothing); `out` is then unspecified.
bool walk_session(const SessionEvent* events, std::size_t n, const WalkRules& rules, Walk& out);

}  // namespace kefu::host::metrics
