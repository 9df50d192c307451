#include "metrics/explain.h"

#include "model/whole_shop.h"

#include <kefu/catalog.hpp>

#include <algorithm>
#include <array>

namespace kefu::host::metrics {
namespace {

// The session id: what follows the shop in its key (chatlog::session_key).
std::string_view session_id_of(std::string_view key) {
  const auto [platform, shop] = chatlog::split_shop_key(key);
  return key.substr(1 + platform.size() + 2 + shop.size());
}

Shortfall why_unanswered(const Turn& t, Canonical version) {
  return unanswered_reason(t, version == Canonical::v1 ? Closings::count : Closings::ignore);
}

class Explainer {
 public:
  Explainer(const ChatEvents& events, Canonical version, const ExplainQuery& q, Explanation& out)
      : events_(events), version_(version), q_(&q), out_(&out.findings), units_(&out.units) {}

  // The agents who have a turn in the session just walked (kefu/2: by C4, kUnassigned for none).
  std::vector<std::string> agents(const Walk& w) const {
    std::vector<std::string> out;
    for (const Turn& t : w.turns) {
      std::string a = agent_of(t, version_ == Canonical::v1 ? w.segments[t.segment].holder : kNoAgent);
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(std::move(a));
    }
    return out;
  }

  void session(std::uint32_t s, const Walk& w) {
    session_ = s;
    day_ = w.day;
    if (version_ == Canonical::v1) {
      for (const Segment& seg : w.segments)
        if (seg.turns > 0) unit(&w.turns[seg.first_turn], seg.turns, seg.holder);
    } else if (!w.turns.empty()) {
      unit(w.turns.data(), static_cast<std::uint32_t>(w.turns.size()), kNoAgent);
    }
  }

 private:
  // A session (kefu/2) or segment (kefu/1) with its turns; `holder` is the segment's (kefu/1).
  void unit(const Turn* turns, std::uint32_t n, std::uint32_t holder) {
    if (!counts_for_agent(turns, n, holder)) return;
    *units_ += q_->metric == metric::within_3min_rate ? turns_in_view(turns, n, holder) : 1;
    if (q_->metric == metric::reply_rate) {
      const Turn& last = turns[n - 1];
      if (last.answer < 0) miss(last, holder, why_unanswered(last, version_), -1);
    } else if (q_->metric == metric::within_30s_rate) {
      std::uint32_t first = 0;  // the view's first turn: an agent's own first, under kefu/2
      while (!mine(turns[first], holder)) ++first;
      check(turns[first], holder, kWithin30sMs);
    } else {
      for (std::uint32_t i = 0; i < n; ++i) check(turns[i], holder, kWithin3minMs);
    }
  }

  // Whose the turn is: kefu/1 the segment holder's (R8), kefu/2 its own agent's (C4).
  std::string agent_of(const Turn& t, std::uint32_t holder) const {
    const std::uint32_t who = version_ == Canonical::v1 ? holder : t.agent;
    std::string agent = who == kNoAgent ? "" : std::string(events_.agents.name(who));
    if (version_ == Canonical::v2 && agent.empty()) agent = kUnassigned;
    return agent;
  }
  bool mine(const Turn& t, std::uint32_t holder) const { return q_->agent.empty() || agent_of(t, holder) == q_->agent; }
  bool counts_for_agent(const Turn* turns, std::uint32_t n, std::uint32_t holder) const {
    for (std::uint32_t i = 0; i < n; ++i)
      if (mine(turns[i], holder)) return true;
    return false;
  }
  std::int64_t turns_in_view(const Turn* turns, std::uint32_t n, std::uint32_t holder) const {
    std::int64_t k = 0;
    for (std::uint32_t i = 0; i < n; ++i) k += mine(turns[i], holder);
    return k;
  }

  void check(const Turn& t, std::uint32_t holder, std::int64_t threshold) {
    if (t.answer < 0) return miss(t, holder, why_unanswered(t, version_), -1);
    // The shop's view times from the question; an agent's (kefu/2, C4) from when they got the session.
    const std::int64_t from = !q_->agent.empty() && version_ == Canonical::v2 ? t.agent_from : t.start;
    if (t.answer - from > threshold) miss(t, holder, Shortfall::late, t.answer - from);
  }

  void miss(const Turn& t, std::uint32_t holder, Shortfall reason, std::int64_t delay) {
    std::string agent = agent_of(t, holder);
    if (!q_->agent.empty() && agent != q_->agent) return;
    const std::string_view key = events_.sessions.name(session_);
    const auto [platform, shop] = chatlog::split_shop_key(key);
    out_->push_back({session_, std::string(platform), std::string(shop), std::string(session_id_of(key)), agent, day_,
                     reason, t.start, delay});
  }

  const ChatEvents& events_;
  Canonical version_;
  const ExplainQuery* q_;
  std::vector<Finding>* out_;
  std::int64_t* units_;
  std::uint32_t session_ = 0;
  std::int32_t day_ = 0;
};

}  // namespace

Shortfall unanswered_reason(const Turn& t, Closings closings) {
  if (closings == Closings::count && t.closings_only) return Shortfall::closing_courtesy;
  if (t.cut_by_transfer || t.transfers_open > 0) return Shortfall::open_at_transfer;
  if (t.agent == kNoAgent) return Shortfall::never_assigned;
  if (t.bot_wrote) return Shortfall::bot_only;
  return Shortfall::unanswered;
}

std::optional<Shortfall> shortfall_from_name(std::string_view name) {
  for (auto s : {Shortfall::closing_courtesy, Shortfall::open_at_transfer, Shortfall::never_assigned, Shortfall::bot_only,
                 Shortfall::late, Shortfall::unanswered})
    if (name == shortfall_name(s)) return s;
  return std::nullopt;
}

const char* shortfall_name(Shortfall s) {
  switch (s) {
    case Shortfall::closing_courtesy:
      return "closing_courtesy";
    case Shortfall::open_at_transfer:
      return "open_at_transfer";
    case Shortfall::never_assigned:
      return "never_assigned";
    case Shortfall::bot_only:
      return "bot_only";
    case Shortfall::late:
      return "late";
    case Shortfall::unanswered:
      return "unanswered";
  }
  return "?";
}

bool agent_view_is_shop_view(Canonical version, std::string_view m) {
  return version == Canonical::v1 || m == metric::reply_rate;
}

std::vector<ViewFinding> explain_all_views(const ChatEvents& events, Canonical version) {
  const std::array<std::string, 3> metrics{std::string(metric::reply_rate), std::string(metric::within_30s_rate),
                                           std::string(metric::within_3min_rate)};
  std::vector<ViewFinding> out;
  const WalkRules rules = walk_rules(version);
  Walk walk;
  ExplainQuery q;
  Explanation found;
  Explainer explainer(events, version, q, found);
  auto keep = [&](const std::string& metric, const std::string& view) {
    for (Finding& f : found.findings) out.push_back({metric, view, std::move(f)});
    found.findings.clear();
  };
  for_each_session(events, [&](std::uint32_t s, const SessionEvent* e, std::size_t n) {
    if (!walk_session(e, n, rules, walk)) return;
    const std::vector<std::string> agents = explainer.agents(walk);
    for (const std::string& metric : metrics) {
      q.metric = metric;
      q.agent.clear();
      explainer.session(s, walk);
      keep(metric, "");
      if (agent_view_is_shop_view(version, metric)) continue;
      for (const std::string& agent : agents) {
        q.agent = agent;
        explainer.session(s, walk);
        keep(metric, agent);
      }
    }
  });
  return out;
}

bool explainable(std::string_view m) {
  return m == metric::reply_rate || m == metric::within_30s_rate || m == metric::within_3min_rate;
}

Explanation explain(const ChatEvents& events, Canonical version, const ExplainQuery& query) {
  Explanation out;
  const WalkRules rules = walk_rules(version);
  Walk walk;
  Explainer explainer(events, version, query, out);
  for_each_session(events, [&](std::uint32_t s, const SessionEvent* e, std::size_t n) {
    const auto [platform, shop] = chatlog::split_shop_key(events.sessions.name(s));
    if (!query.platform.empty() && platform != query.platform) return;
    if (!query.shop_id.empty() && shop != query.shop_id) return;
    if (!walk_session(e, n, rules, walk)) return;
    if (walk.day < query.from_day || walk.day > query.to_day) return;
    explainer.session(s, walk);
  });
  return out;
}

}  // namespace kefu::host::metrics
