#include "pipeline/stored_sessions.h"

#include "base/calendar.h"
#include "chatlog/session_rows.h"
#include "metrics/engine.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace kefu::host::ingest {
namespace {

using chatlog::EventKind;
using chatlog::SessionRow;

struct Session {
  std::string platform, shop, id;
  std::vector<SessionRow> rows;  // R2 order
  std::int64_t order = 0;
  bool in_run = false;
};

calendar::Day day_of(const std::vector<SessionRow>& rows) { return session_day(rows.data(), rows.size()); }

// The run's rows join the stored ones: a run row equal to a stored row not yet matched is that
// row; any other is added. Ties in time keep the stored rows first, as one run over both files would.
void merge_rows(std::vector<SessionRow>& stored, const std::vector<SessionRow>& run) {
  std::map<std::tuple<std::int64_t, EventKind, std::string>, int> unmatched;
  for (const SessionRow& r : stored) ++unmatched[{r.ts, r.kind, r.agent}];
  for (const SessionRow& r : run) {
    auto it = unmatched.find({r.ts, r.kind, r.agent});
    if (it != unmatched.end() && it->second > 0)
      --it->second;
    else
      stored.push_back(r);
  }
  std::stable_sort(stored.begin(), stored.end(), [](const SessionRow& a, const SessionRow& b) { return a.ts < b.ts; });
}

// The run's sessions in first-seen order, each with its rows in R2 order.
std::vector<Session> run_sessions(const chatlog::ChatEvents& run) {
  std::vector<Session> out;
  metrics::for_each_session(run, [&](std::uint32_t s, const metrics::SessionEvent* e, std::size_t n) {
    const std::string_view key = run.sessions.name(s);
    const auto [platform, shop] = chatlog::split_shop_key(key);
    Session x{std::string(platform), std::string(shop), std::string(key.substr(1 + platform.size() + 2 + shop.size())),
              {}, 0, true};
    x.rows.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      x.rows.push_back({e[i].ts, e[i].kind,
                        chatlog::Event::has_agent(e[i].kind) ? std::string(run.agents.name(e[i].agent)) : std::string()});
    out.push_back(std::move(x));
  });
  return out;
}

// The stored sessions of one shop on the run's days or with the run's ids, and then of the days
// those stored sessions are on (a session the run continues may have started on another day).
std::vector<store::StoredSession> stored_for_shop(const store::Store& store, const std::string& platform,
                                                  const std::string& shop, const std::vector<const Session*>& run) {
  std::set<std::string> days;
  store::SessionQuery q{platform, shop, {}, {}};
  for (const Session* s : run) {
    days.insert(calendar::format_day(day_of(s->rows)));
    q.session_ids.push_back(s->id);
  }
  q.days.assign(days.begin(), days.end());
  std::vector<store::StoredSession> found = store.sessions(q);
  store::SessionQuery more{platform, shop, {}, {}};
  for (const auto& f : found)
    if (days.insert(f.day).second) more.days.push_back(f.day);
  if (!more.days.empty()) {
    std::set<std::string> have;
    for (const auto& f : found) have.insert(f.session_id);
    for (auto& f : store.sessions(more))
      if (have.insert(f.session_id).second) found.push_back(std::move(f));
  }
  return found;
}

// Days of the run that hold figures from chat logs but no stored session: ingested before the
// store kept sessions.
void note_days_without_sessions(const store::Store& store, const std::string& platform, const std::string& shop,
                                const std::vector<const Session*>& run, const std::vector<store::StoredSession>& found,
                                std::vector<std::string>& out) {
  std::set<std::string> run_days, with_sessions;
  for (const Session* s : run) run_days.insert(calendar::format_day(day_of(s->rows)));
  for (const auto& f : found) with_sessions.insert(f.day);
  std::set<std::string> noted;
  for (const auto& v : store.values({*run_days.begin(), *run_days.rbegin(), {platform}, {shop}}))
    if (v.value.origin == "recomputed" && run_days.contains(v.value.day) && !with_sessions.contains(v.value.day) &&
        noted.insert(v.value.day).second)
      out.push_back(platform + "/" + shop + " " + v.value.day);
}

}  // namespace

JoinedSessions join_stored_sessions(const chatlog::ChatEvents& run, const store::Store& store) {
  JoinedSessions out;
  std::vector<Session> sessions = run_sessions(run);
  std::map<std::pair<std::string, std::string>, std::vector<const Session*>> by_shop;
  for (const Session& s : sessions) by_shop[{s.platform, s.shop}].push_back(&s);

  std::int64_t next = store.last_session_order();
  std::vector<Session> stored_only;
  auto& stored_days = out.stored_days;
  std::map<std::tuple<std::string, std::string, std::string>, store::StoredSession> stored;  // platform, shop, id
  for (const auto& [shop, list] : by_shop) {
    std::vector<store::StoredSession> found = stored_for_shop(store, shop.first, shop.second, list);
    note_days_without_sessions(store, shop.first, shop.second, list, found, out.days_without_sessions);
    for (auto& f : found) {
      stored_days.insert({f.platform, f.shop_id, f.day});
      stored.emplace(std::tuple{f.platform, f.shop_id, f.session_id}, std::move(f));
    }
  }
  out.stored_sessions = static_cast<std::int64_t>(stored.size());

  // The run's sessions: continued ones keep their place and gain the run's rows; new ones come after.
  for (Session& s : sessions) {
    const auto it = stored.find({s.platform, s.shop, s.id});
    if (it == stored.end()) {
      s.order = ++next;
    } else {
      std::vector<SessionRow> rows = chatlog::decode_rows(it->second.rows);
      merge_rows(rows, s.rows);
      s.rows = std::move(rows);
      s.order = it->second.order;
      ++out.continued_sessions;
      stored.erase(it);
    }
    out.keep.push_back({s.platform, s.shop, s.id, calendar::format_day(day_of(s.rows)), s.order,
                        chatlog::encode_rows(s.rows)});
  }
  if (!out.joined()) return out;

  // Everything the days hold, in the order sessions were first seen, as one run would read it.
  for (auto& [key, f] : stored)
    stored_only.push_back({f.platform, f.shop_id, f.session_id, chatlog::decode_rows(f.rows), f.order, false});
  std::vector<Session*> all;
  for (Session& s : sessions) all.push_back(&s);
  for (Session& s : stored_only) all.push_back(&s);
  std::stable_sort(all.begin(), all.end(), [](const Session* a, const Session* b) { return a->order < b->order; });
  for (const Session* s : all)
    for (const SessionRow& r : s->rows) chatlog::add_row(out.events, s->platform, s->shop, s->id, r);
  for (const auto& [platform, shop, day] : stored_days)
    for (auto& m : store.day_messages(platform, shop, day)) out.stored_messages.push_back(std::move(m));
  return out;
}

void add_stored_tails(const std::vector<store::StoredMessage>& stored, std::size_t n, chatlog::SessionTails& tails,
                      const std::unordered_set<std::string>& wanted) {
  std::string key;
  std::set<std::string> touched;
  for (const store::StoredMessage& m : stored) {
    chatlog::session_key(key, m.platform, m.shop_id, m.session_id);
    if (!wanted.contains(key)) continue;
    auto& tail = tails[key];
    const chatlog::TailMessage t{m.ts, m.sender, m.agent_id, m.event, m.content};
    const bool seen = std::any_of(tail.begin(), tail.end(), [&](const chatlog::TailMessage& x) {
      return x.ts == t.ts && x.sender == t.sender && x.agent_id == t.agent_id && x.event == t.event &&
             x.content == t.content;
    });
    if (!seen) tail.push_back(t), touched.insert(key);
  }
  for (const std::string& k : touched) {
    auto& tail = tails[k];
    std::stable_sort(tail.begin(), tail.end(),
                     [](const chatlog::TailMessage& a, const chatlog::TailMessage& b) { return a.ts < b.ts; });
    if (tail.size() > n) tail.erase(tail.begin(), tail.end() - static_cast<std::ptrdiff_t>(n));
  }
}

}  // namespace kefu::host::ingest
