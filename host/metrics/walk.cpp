#include "metrics/walk.h"

#include "base/calendar.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace kefu::host::metrics {
namespace {

bool is_customer(EventKind k) { return k == EventKind::customer || k == EventKind::closing; }

// R7: the first segment's holder is the first agent who writes before the first transfer; else
// (split) the first transfer's agent, else nobody. With transfers carried (C4) nobody holds the
// session before its first transfer unless an agent wrote.
std::uint32_t first_holder(const SessionEvent* e, const SessionEvent* end, Transfers transfers) {
  for (; e != end; ++e) {
    if (e->kind == EventKind::agent) return e->agent;
    if (e->kind == EventKind::transfer) return transfers == Transfers::split ? e->agent : kNoAgent;
  }
  return kNoAgent;
}

class Walker {
 public:
  Walker(const WalkRules& rules, Walk& out) : rules_(rules), out_(out) {}

  void run(const SessionEvent* e, const SessionEvent* end) {
    holder_ = first_holder(e, end, rules_.transfers);
    received_.clear();
    out_.segments.push_back({holder_, 0, 0});
    for (; e != end; ++e) {
      switch (e->kind) {
        case EventKind::customer:
        case EventKind::closing:
          customer(*e);
          break;
        case EventKind::agent:
          answer(*e, e->agent, false);
          break;
        case EventKind::bot:
          for (std::size_t t = open_from_; t < out_.turns.size(); ++t) out_.turns[t].bot_wrote = true;
          if (rules_.bots_answer) answer(*e, holder_, true);
          break;
        case EventKind::transfer:
          transfer(*e);
          break;
      }
    }
    close_open(false);
    out_.holder_at_end = holder_;
  }

 private:
  bool open() const { return open_from_ < out_.turns.size(); }

  // R9/C2: a customer message opens a turn when none is open (each message its own, per
  // message); a closing joins an open turn and, with closings ignored, opens none.
  void customer(const SessionEvent& e) {
    const bool closing = e.kind == EventKind::closing;
    if (closing && rules_.closings == Closings::ignore) return;
    if (open() && !rules_.per_message) {
      out_.turns.back().closings_only &= closing;
      return;
    }
    Turn t;
    t.start = e.ts;
    t.segment = static_cast<std::uint32_t>(out_.segments.size() - 1);
    t.agent = rules_.transfers == Transfers::split ? holder_ : kNoAgent;
    t.closings_only = closing;
    out_.turns.push_back(t);
    ++out_.segments.back().turns;
  }

  // R8/C3: any agent message (or a counted bot's) answers what is open.
  void answer(const SessionEvent& e, std::uint32_t agent, bool by_bot) {
    for (std::size_t i = open_from_; i < out_.turns.size(); ++i) {
      Turn& t = out_.turns[i];
      t.answer = e.ts;
      t.by_bot = by_bot;
      if (rules_.transfers == Transfers::carry) {
        t.agent = agent;
        t.agent_from = std::max(t.start, received(agent));
      } else {
        t.agent_from = t.start;
      }
    }
    open_from_ = out_.turns.size();
  }

  void transfer(const SessionEvent& e) {
    if (rules_.transfers == Transfers::split) {
      close_open(true);  // R6/R9: what is open at a transfer stays unanswered in its segment
    } else {
      for (std::size_t i = open_from_; i < out_.turns.size(); ++i) ++out_.turns[i].transfers_open;
    }
    holder_ = e.agent;
    received_.emplace_back(e.agent, e.ts);
    out_.segments.push_back({holder_, static_cast<std::uint32_t>(out_.turns.size()), 0});
  }

  // Turns still open at a transfer (split) or at the end: unanswered, the holder's (C4).
  void close_open(bool at_transfer) {
    for (std::size_t i = open_from_; i < out_.turns.size(); ++i) {
      Turn& t = out_.turns[i];
      t.cut_by_transfer = at_transfer;
      if (rules_.transfers == Transfers::carry) t.agent = holder_;
    }
    open_from_ = out_.turns.size();
  }

  // When `agent` last received the session by a transfer; the start of time when never.
  std::int64_t received(std::uint32_t agent) const {
    for (auto it = received_.rbegin(); it != received_.rend(); ++it)
      if (it->first == agent) return it->second;
    return std::numeric_limits<std::int64_t>::min();
  }

  const WalkRules& rules_;
  Walk& out_;
  std::uint32_t holder_ = kNoAgent;
  std::size_t open_from_ = 0;  // turns [open_from_, end) are open
  std::vector<std::pair<std::uint32_t, std::int64_t>> received_;
};

}  // namespace

bool walk_session(const SessionEvent* e, std::size_t n, const WalkRules& rules, Walk& out) {
  const SessionEvent* end = e + n;
  const SessionEvent* first_customer = std::find_if(e, end, [](const SessionEvent& x) { return is_customer(x.kind); });
  if (first_customer == end) return false;
  out.turns.clear();
  out.segments.clear();
  out.first_customer_ts = first_customer->ts;
  out.day = calendar::china_day(first_customer->ts);
  Walker(rules, out).run(e, end);
  return true;
}

}  // namespace kefu::host::metrics
