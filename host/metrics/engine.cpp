#include "metrics/engine.h"

#include "base/calendar.h"

#include <algorithm>
#include <future>
#include <map>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace kefu::host::metrics {
namespace {

constexpr std::int64_t k30sMs = 30'000;
constexpr std::int64_t k3minMs = 180'000;
constexpr std::uint32_t kNoAgent = 0xFFFFFFFF;  // R7: a session no agent ever held → agent_id ""

// An event of one session, gathered from the store so a session is one contiguous run.
struct SessionEvent {
  std::int64_t ts;
  std::uint32_t agent;
  EventKind kind;
};

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

// One segment's turns (R9): a turn opens at a customer message when none is open; the next
// agent message, whoever sends it, answers it (R8); agent messages with no open turn are ignored.
void add_segment(const SessionEvent* e, const SessionEvent* end, GroupStats& g) {
  // response_sum cannot overflow: events are in time order, so it is at most the session's span,
  // and timestamps are within 2000-2100 (timestamp_in_range).
  std::int64_t turns = 0, answered = 0, within_3min = 0, response_sum = 0, first_response = -1, open_ts = 0;
  bool open = false;
  for (; e != end; ++e) {
    if (e->kind == EventKind::customer) {
      if (!open) open = true, open_ts = e->ts, ++turns;
    } else if (e->kind == EventKind::agent && open) {
      const std::int64_t response = e->ts - open_ts;
      open = false;
      ++answered;
      response_sum += response;
      within_3min += response <= k3minMs;
      if (turns == 1) first_response = response;
    }
  }
  if (turns == 0) return;  // R6: a segment without a customer message produces nothing
  ++g.segments;
  g.turns += turns;
  g.answered_turns += answered;
  g.replied_segments += !open;  // a turn still open at the end (or at a transfer) is unanswered
  g.within_3min_turns += within_3min;
  g.response_ms_sum += response_sum;
  if (first_response >= 0) {
    g.within_30s_segments += first_response <= k30sMs;
    g.first_response_ms.push_back(first_response);
  }
}

// R4, R6, R7 for one session whose events are in R2 order.
void add_session(const SessionEvent* e, std::size_t n, std::uint32_t shop, Groups& groups) {
  const SessionEvent* end = e + n;
  const SessionEvent* first_customer =
      std::find_if(e, end, [](const SessionEvent& x) { return x.kind == EventKind::customer; });
  if (first_customer == end) return;  // R4: no customer message, no output
  const std::int32_t day = calendar::china_day(first_customer->ts);

  const SessionEvent* first_transfer =
      std::find_if(e, end, [](const SessionEvent& x) { return x.kind == EventKind::transfer; });
  const SessionEvent* first_agent =
      std::find_if(e, first_transfer, [](const SessionEvent& x) { return x.kind == EventKind::agent; });
  std::uint32_t holder = first_agent != first_transfer ? first_agent->agent
                         : first_transfer != end       ? first_transfer->agent
                                                       : kNoAgent;
  const SessionEvent* segment = e;
  for (const SessionEvent* t = first_transfer; t != end; ++t) {
    if (t->kind != EventKind::transfer) continue;
    add_segment(segment, t, groups[{shop, holder, day}]);
    segment = t + 1;
    holder = t->agent;
  }
  add_segment(segment, end, groups[{shop, holder, day}]);
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

Groups compute_range(const ChatEvents& chat, Grouped& grouped, std::size_t first_session, std::size_t last_session) {
  Groups groups;
  for (std::size_t s = first_session; s < last_session; ++s) {
    SessionEvent* begin = grouped.events.data() + grouped.start[s];
    SessionEvent* end = grouped.events.data() + grouped.start[s + 1];
    // R2: by instant, ties in record order. Logs are mostly in order already.
    auto by_ts = [](const SessionEvent& a, const SessionEvent& b) { return a.ts < b.ts; };
    if (!std::is_sorted(begin, end, by_ts)) std::stable_sort(begin, end, by_ts);
    add_session(begin, static_cast<std::size_t>(end - begin), chat.session_shop[s], groups);
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

std::vector<MetricRow> compute_metrics(const ChatEvents& chat, unsigned workers) {
  if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
  Grouped grouped = group_by_session(chat, workers);

  // Sessions split into one contiguous range per worker, balanced by events.
  const std::size_t sessions = chat.sessions.size(), events = grouped.start.back();
  std::vector<std::size_t> bounds{0};
  for (unsigned w = 1; w < workers; ++w) {
    const auto it = std::lower_bound(grouped.start.begin(), grouped.start.end() - 1, events * w / workers);
    bounds.push_back(std::max(bounds.back(), static_cast<std::size_t>(it - grouped.start.begin())));
  }
  bounds.push_back(sessions);
  std::vector<Groups> per_worker(workers);
  run_parallel(workers, [&](unsigned w) { per_worker[w] = compute_range(chat, grouped, bounds[w], bounds[w + 1]); });

  // Keys as text: the agent id "" of an agent row and of an unheld session are one agent.
  using AgentKey = std::tuple<std::string, std::string, std::string, std::int32_t>;
  std::map<AgentKey, GroupStats> by_agent;
  for (auto& groups : per_worker) {
    for (auto& [key, stats] : groups) {
      if (stats.segments == 0) continue;  // R15: only groups with a segment
      const auto [platform, shop] = split_shop_key(chat.shops.name(key.shop));
      const std::string_view agent = key.agent == kNoAgent ? std::string_view() : chat.agents.name(key.agent);
      by_agent[AgentKey{platform, shop, agent, key.day}].add(stats);
    }
  }
  std::map<std::tuple<std::string, std::string, std::int32_t>, GroupStats> by_shop;
  std::map<std::tuple<std::string, std::int32_t>, GroupStats> by_platform;
  for (const auto& [key, stats] : by_agent) {
    const auto& [platform, shop, agent, day] = key;
    by_shop[{platform, shop, day}].add(stats);
    by_platform[{platform, day}].add(stats);
  }

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
