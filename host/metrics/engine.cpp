#include "metrics/engine.h"

#include "base/calendar.h"
#include "metrics/walk.h"

#include <algorithm>
#include <future>
#include <map>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace kefu::host::metrics {
namespace {

constexpr std::uint32_t kShopLevel = 0xFFFFFFFE;  // kefu/2: the group of a shop's distinct sessions

struct GroupKey {
  std::uint32_t shop, agent;
  std::int32_t day;
  bool operator==(const GroupKey&) const = default;
};
struct GroupKeyHash {
  std::size_t operator()(const GroupKey& k) const {
    return hash_bytes(std::string_view(reinterpret_cast<const char*>(&k), sizeof k));
  }
};
using Groups = std::unordered_map<GroupKey, GroupStats, GroupKeyHash>;

// One turn into a group: `from` is where its response is measured from (the customer's view for
// a session or segment, the agent's view for an agent under kefu/2, C4).
void add_turn(const Turn& t, std::int64_t from, GroupStats& g) {
  ++g.turns;
  if (t.answer < 0) return;
  const std::int64_t response = t.answer - from;
  ++g.answered_turns;
  g.response_ms_sum += response;  // cannot overflow: at most the session's span (timestamp_in_range)
  g.within_3min_turns += response <= kWithin3minMs;
}

// A session (kefu/2) or a segment (kefu/1) whose turns are `turns`, first first.
template <class Turns, class From>
void add_unit(const Turns& turns, From from, bool replied, GroupStats& g) {
  ++g.segments;
  for (const Turn* t : turns) add_turn(*t, from(*t), g);
  g.replied_segments += replied;
  const Turn& first = *turns.front();
  if (first.answer >= 0) {
    const std::int64_t response = first.answer - from(first);
    g.within_30s_segments += response <= kWithin30sMs;
    g.first_response_ms.push_back(response);
  }
}

std::int64_t customer_view(const Turn& t) { return t.start; }
std::int64_t agent_view(const Turn& t) { return t.agent_from; }

// kefu/1 (R6-R9): each segment with a customer message is a unit of its holder.
void add_v1(const Walk& w, std::uint32_t shop, Groups& groups, std::vector<const Turn*>& scratch) {
  for (const Segment& seg : w.segments) {
    if (seg.turns == 0) continue;  // R6: a segment without a customer message produces nothing
    scratch.clear();
    for (std::uint32_t i = seg.first_turn; i < seg.first_turn + seg.turns; ++i) scratch.push_back(&w.turns[i]);
    add_unit(scratch, customer_view, scratch.back()->answer >= 0, groups[{shop, seg.holder, w.day}]);
  }
}

// kefu/2 (C1, C4, C5): the session once for the shop; once for each agent with a turn of it.
void add_v2(const Walk& w, std::uint32_t shop, Groups& groups, std::vector<const Turn*>& scratch,
            std::vector<std::uint32_t>& agents) {
  if (w.turns.empty()) return;  // only closings: nothing was asked
  scratch.clear();
  for (const Turn& t : w.turns) scratch.push_back(&t);
  const bool replied = w.turns.back().answer >= 0;
  GroupStats& whole = groups[{shop, kShopLevel, w.day}];
  add_unit(scratch, customer_view, replied, whole);

  agents.clear();
  for (const Turn& t : w.turns)
    if (std::find(agents.begin(), agents.end(), t.agent) == agents.end()) agents.push_back(t.agent);
  for (const std::uint32_t agent : agents) {
    scratch.clear();
    for (const Turn& t : w.turns)
      if (t.agent == agent) scratch.push_back(&t);
    // C5: the session is unreplied only for the agent who holds its unanswered last turn.
    const bool left_unanswered = !replied && w.turns.back().agent == agent;
    add_unit(scratch, agent_view, !left_unanswered, groups[{shop, agent, w.day}]);
  }
  whole.additional_agent_sessions += static_cast<std::int64_t>(agents.size()) - 1;
}

// Runs `work(w)` for w in [0, n) on n threads.
template <class Work>
void run_parallel(unsigned n, Work&& work) {
  std::vector<std::future<void>> pending;
  for (unsigned w = 1; w < n; ++w) pending.push_back(std::async(std::launch::async, [&work, w] { work(w); }));
  work(0);
  for (auto& p : pending) p.get();
}

// The store's events grouped by session, stable (record order survives within a session):
// session s owns grouped[start[s] .. start[s+1]). A counting sort, on `workers` threads that
// each own a run of blocks.
struct Grouped {
  BigArray<SessionEvent> events;
  std::vector<std::size_t> start;
};

Grouped group_by_session(const ChatEvents& chat, unsigned workers) {
  const EventStore& store = chat.events;
  const std::size_t sessions = chat.sessions.size();
  workers = std::max(1u, std::min<unsigned>(workers, static_cast<unsigned>(store.block_count())));
  auto blocks_of = [&](unsigned w) {
    return std::pair(store.block_count() * w / workers, store.block_count() * (w + 1) / workers);
  };
  std::vector<std::vector<std::size_t>> cursor(workers);
  run_parallel(workers, [&](unsigned w) {
    cursor[w].assign(sessions, 0);
    const auto [from, to] = blocks_of(w);
    for (std::size_t b = from; b < to; ++b) {
      const Event* e = store.block(b);
      for (std::size_t i = 0, n = store.block_size(b); i < n; ++i) ++cursor[w][e[i].session];
    }
  });
  // Session by session, worker by worker: where each worker writes its first event of s.
  Grouped g{BigArray<SessionEvent>(store.size()), std::vector<std::size_t>(sessions + 1)};
  std::size_t at = 0;
  for (std::size_t s = 0; s < sessions; ++s) {
    g.start[s] = at;
    for (unsigned w = 0; w < workers; ++w) at += std::exchange(cursor[w][s], at);
  }
  g.start[sessions] = at;
  run_parallel(workers, [&](unsigned w) {
    std::vector<std::size_t>& next = cursor[w];
    const auto [from, to] = blocks_of(w);
    for (std::size_t b = from; b < to; ++b) {
      const Event* e = store.block(b);
      for (std::size_t i = 0, n = store.block_size(b); i < n; ++i)
        g.events[next[e[i].session]++] = SessionEvent{e[i].ts, e[i].agent(), e[i].kind()};
    }
  });
  return g;
}

// Sessions split into one contiguous range per worker, balanced by events: worker w owns
// sessions [bounds[w], bounds[w + 1]).
std::vector<std::size_t> balanced_ranges(const Grouped& grouped, unsigned workers) {
  const std::size_t sessions = grouped.start.size() - 1, events = grouped.start.back();
  std::vector<std::size_t> bounds{0};
  for (unsigned w = 1; w < workers; ++w) {
    const auto it = std::lower_bound(grouped.start.begin(), grouped.start.end() - 1, events * w / workers);
    bounds.push_back(std::max(bounds.back(), static_cast<std::size_t>(it - grouped.start.begin())));
  }
  bounds.push_back(sessions);
  return bounds;
}

// R2: by instant, ties in record order. Logs are mostly in order already.
void sort_session(SessionEvent* begin, SessionEvent* end) {
  auto by_ts = [](const SessionEvent& a, const SessionEvent& b) { return a.ts < b.ts; };
  if (!std::is_sorted(begin, end, by_ts)) std::stable_sort(begin, end, by_ts);
}

Groups compute_range(const ChatEvents& chat, Grouped& grouped, std::size_t first_session, std::size_t last_session,
                     Canonical version) {
  Groups groups;
  const WalkRules rules = walk_rules(version);
  Walk walk;
  std::vector<const Turn*> scratch;
  std::vector<std::uint32_t> agents;
  for (std::size_t s = first_session; s < last_session; ++s) {
    SessionEvent* begin = grouped.events.data() + grouped.start[s];
    SessionEvent* end = grouped.events.data() + grouped.start[s + 1];
    sort_session(begin, end);
    if (!walk_session(begin, static_cast<std::size_t>(end - begin), rules, walk)) continue;  // R4
    if (version == Canonical::v1)
      add_v1(walk, chat.session_shop[s], groups, scratch);
    else
      add_v2(walk, chat.session_shop[s], groups, scratch, agents);
  }
  return groups;
}

}  // namespace

void GroupStats::add(const GroupStats& o) {
  segments += o.segments;
  turns += o.turns;
  answered_turns += o.answered_turns;
  replied_segments += o.replied_segments;
  within_30s_segments += o.within_30s_segments;
  within_3min_turns += o.within_3min_turns;
  additional_agent_sessions += o.additional_agent_sessions;
  response_ms_sum += o.response_ms_sum;
  first_response_ms.insert(first_response_ms.end(), o.first_response_ms.begin(), o.first_response_ms.end());
}

const char* level_name(Level level) {
  switch (level) {
    case Level::agent:
      return "agent";
    case Level::shop:
      return "shop";
    case Level::platform:
      return "platform";
  }
  return "?";
}

std::optional<Canonical> parse_canonical(std::string_view id) {
  if (id == kDefinitionsV1) return Canonical::v1;
  if (id == kDefinitionsV2) return Canonical::v2;
  return std::nullopt;
}

const char* canonical_id(Canonical version) { return version == Canonical::v1 ? kDefinitionsV1 : kDefinitionsV2; }

WalkRules walk_rules(Canonical version) {
  if (version == Canonical::v1) return {Transfers::split, Closings::count, false, false};
  return {Transfers::carry, Closings::ignore, false, false};
}

void for_each_session(const ChatEvents& chat,
                      const std::function<void(std::uint32_t, const SessionEvent*, std::size_t)>& visit) {
  visit_sessions(chat, 1, [&](unsigned, std::uint32_t s, const SessionEvent* e, std::size_t n) { visit(s, e, n); });
}

void visit_sessions(const ChatEvents& chat, unsigned workers,
                    const std::function<void(unsigned, std::uint32_t, const SessionEvent*, std::size_t)>& visit) {
  if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
  Grouped grouped = group_by_session(chat, workers);
  const std::vector<std::size_t> bounds = balanced_ranges(grouped, workers);
  run_parallel(workers, [&](unsigned w) {
    for (std::size_t s = bounds[w]; s < bounds[w + 1]; ++s) {
      SessionEvent* begin = grouped.events.data() + grouped.start[s];
      SessionEvent* end = grouped.events.data() + grouped.start[s + 1];
      sort_session(begin, end);
      visit(w, static_cast<std::uint32_t>(s), begin, static_cast<std::size_t>(end - begin));
    }
  });
}

std::vector<MetricRow> compute_metrics(const ChatEvents& chat, Canonical version, unsigned workers) {
  if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
  Grouped grouped = group_by_session(chat, workers);

  const std::vector<std::size_t> bounds = balanced_ranges(grouped, workers);
  std::vector<Groups> per_worker(workers);
  run_parallel(workers,
               [&](unsigned w) { per_worker[w] = compute_range(chat, grouped, bounds[w], bounds[w + 1], version); });

  // Keys as text. kefu/1: the agent id "" of an agent row and of an unheld segment are one
  // agent. kefu/2: both are kUnassigned, and shop groups come from the walk, not from agents.
  using AgentKey = std::tuple<std::string, std::string, std::string, std::int32_t>;
  using ShopKey = std::tuple<std::string, std::string, std::int32_t>;
  std::map<AgentKey, GroupStats> by_agent;
  std::map<ShopKey, GroupStats> by_shop;
  for (auto& groups : per_worker) {
    for (auto& [key, stats] : groups) {
      if (stats.segments == 0) continue;  // R15: only groups with a segment
      const auto [platform, shop] = split_shop_key(chat.shops.name(key.shop));
      if (key.agent == kShopLevel) {
        by_shop[ShopKey{platform, shop, key.day}].add(stats);
        continue;
      }
      std::string_view agent = key.agent == kNoAgent ? std::string_view() : chat.agents.name(key.agent);
      if (version == Canonical::v2 && agent.empty()) agent = kUnassigned;
      by_agent[AgentKey{platform, shop, agent, key.day}].add(stats);
    }
  }
  if (version == Canonical::v1)
    for (const auto& [key, stats] : by_agent)
      by_shop[{std::get<0>(key), std::get<1>(key), std::get<3>(key)}].add(stats);
  std::map<std::tuple<std::string, std::int32_t>, GroupStats> by_platform;
  for (const auto& [key, stats] : by_shop) by_platform[{std::get<0>(key), std::get<2>(key)}].add(stats);

  std::vector<MetricRow> rows;
  rows.reserve(by_agent.size() + by_shop.size() + by_platform.size());
  for (auto& [key, stats] : by_agent)
    rows.push_back(
        {Level::agent, std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key), std::move(stats)});
  for (auto& [key, stats] : by_shop)
    rows.push_back(
        {Level::shop, std::get<0>(key), std::get<1>(key), std::string(kWholeShop), std::get<2>(key), std::move(stats)});
  for (auto& [key, stats] : by_platform)
    rows.push_back(
        {Level::platform, std::get<0>(key), "", std::string(kWholeShop), std::get<1>(key), std::move(stats)});
  for (auto& row : rows) std::sort(row.stats.first_response_ms.begin(), row.stats.first_response_ms.end());
  return rows;
}

}  // namespace kefu::host::metrics
