#include "report/hours.h"

#include "base/calendar.h"
#include "metrics/stored_walk.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace kefu::host::report {
namespace {

using metrics::EventKind;

constexpr std::int64_t kHourMs = 3'600'000, kChinaOffsetMs = 8 * kHourMs;

int china_hour(std::int64_t ts) {
  const std::int64_t ms = ((ts + kChinaOffsetMs) % (24 * kHourMs) + 24 * kHourMs) % (24 * kHourMs);
  return static_cast<int>(ms / kHourMs);
}

// The shops with anything stored on `day`: the configured ones and those of the day's values.
std::set<std::pair<std::string, std::string>> shops_of_day(const store::Store& store, const config::Config& config,
                                                           const std::string& day) {
  std::set<std::pair<std::string, std::string>> shops;
  for (const config::Shop& s : config.shops) shops.emplace(s.platform, s.id);
  store::ValueQuery query{day, day, {}, {}, "9999-12-31"};  // the shops' own rows name every shop with data
  query.own_sources = false;
  for (const store::StoredValue& v : store.values(query)) shops.emplace(v.value.platform, v.value.shop_id);
  return shops;
}

struct Profiler {
  const config::Config& config;
  std::int32_t day;
  HourProfile profile;
  // hour, platform, shop, agent → messages, turns
  std::map<std::tuple<int, std::string, std::string, std::string>, std::pair<int, int>> on;

  Profiler(const config::Config& c, const std::string& d) : config(c), day(*calendar::parse_day(d)) {
    profile.day = d;
    for (int h = 0; h < 24; ++h) {
      HourRow row;
      row.hour = h;
      profile.hours.push_back(std::move(row));
    }
  }

  // Adds one session, walked as kefu/2 walks it (turns cross transfers: a turn is its answering
  // agent's, else the holder's at the end). `mine` says whether an agent account's turn or
  // message is the profile's ("": the customers' side, the shop's own). True when anything of
  // the session was the profile's.
  bool add(const store::StoredSession& s, const std::function<bool(const std::string&)>& mine) {
    const metrics::StoredWalk w = metrics::walk_stored_rows(s.rows, metrics::Canonical::v2);
    auto name = [&](std::uint32_t a) { return a == metrics::kNoAgent ? std::string() : w.agents[a]; };
    bool touched = false;
    for (const metrics::SessionEvent& e : w.events) {
      if (calendar::china_day(e.ts) != day) continue;
      const int hour = china_hour(e.ts);
      if (e.kind == EventKind::customer || e.kind == EventKind::closing) {
        if (mine("")) profile.hours[hour].customer_messages = profile.hours[hour].customer_messages.value_or(0) + 1;
      } else if ((e.kind == EventKind::agent || e.kind == EventKind::transfer) && mine(name(e.agent))) {
        touched = true;
        if (e.kind == EventKind::agent) ++profile.hours[hour].agent_messages;
        ++on[{hour, s.platform, s.shop_id, name(e.agent)}].first;
      }
    }
    if (!w.has_customer) return touched;
    if (mine("") && calendar::china_day(w.walk.first_customer_ts) == day) {
      auto& n = profile.hours[china_hour(w.walk.first_customer_ts)].sessions;
      n = n.value_or(0) + 1;
    }
    for (const metrics::Turn& t : w.walk.turns) {
      if (!mine(name(t.agent))) continue;
      touched = true;
      if (calendar::china_day(t.start) != day) {
        ++profile.turns_other_day;
        continue;
      }
      HourRow& h = profile.hours[china_hour(t.start)];
      ++h.turns;
      if (t.agent != metrics::kNoAgent) ++on[{china_hour(t.start), s.platform, s.shop_id, name(t.agent)}].second;
      if (t.answer < 0) continue;
      ++h.answered;
      const double secs = static_cast<double>(t.answer - t.start) / 1000;
      h.avg_response_s = h.avg_response_s ? *h.avg_response_s + (secs - *h.avg_response_s) / h.answered : secs;
      h.max_response_s = std::max(h.max_response_s.value_or(0), secs);
    }
    if (touched) ++profile.sessions;
    return touched;
  }

  HourProfile finish() {
    for (const auto& [k, n] : on) {
      const auto& [hour, platform, shop, agent] = k;
      const config::Person* p = config.roster.person_of(platform, shop, agent, day);
      profile.hours[hour].on.push_back({agent, platform, shop, p ? p->id : "", n.first, n.second});
    }
    for (HourRow& h : profile.hours)
      std::stable_sort(h.on.begin(), h.on.end(), [](const HourAgent& a, const HourAgent& b) {
        return std::tie(b.turns, b.messages) < std::tie(a.turns, a.messages);
      });
    return std::move(profile);
  }
};

}  // namespace

std::optional<HourProfile> shop_hours(const store::Store& store, const config::Config& config,
                                      const std::string& shop_id, const std::string& day) {
  std::string platform;
  for (const auto& [p, s] : shops_of_day(store, config, day))
    if (s == shop_id) platform = p;
  if (platform.empty()) return std::nullopt;
  const std::vector<store::StoredSession> sessions = store.sessions({platform, shop_id, {day}, {}});
  if (sessions.empty()) return std::nullopt;
  Profiler prof(config, day);
  prof.profile.scope = "shop";
  prof.profile.platform = platform;
  prof.profile.shop_id = shop_id;
  prof.profile.shops = {platform + "/" + shop_id};
  for (HourRow& h : prof.profile.hours) h.sessions = h.customer_messages = 0;  // counted, so known
  for (const store::StoredSession& s : sessions) prof.add(s, [](const std::string&) { return true; });
  // every session of the day is the shop's, one with no turn that day too
  prof.profile.sessions = static_cast<int>(sessions.size());
  return prof.finish();
}

std::optional<HourProfile> person_hours(const store::Store& store, const config::Config& config,
                                        const std::string& person, const std::string& day) {
  const std::int32_t d = *calendar::parse_day(day);
  const config::Person* p = config.roster.find(person);
  Profiler prof(config, day);
  prof.profile.scope = "person";
  prof.profile.person = person;
  prof.profile.person_name = p ? p->name : person;
  for (const auto& [platform, shop] : shops_of_day(store, config, day)) {
    // Their accounts here: a roster person's accounts in force that day, else the account itself.
    auto mine = [&](const std::string& agent) {
      if (agent.empty()) return false;
      if (!p) return agent == person;
      return config.roster.person_of(platform, shop, agent, d) == p;
    };
    bool any = false;
    for (const store::StoredSession& s : store.sessions({platform, shop, {day}, {}})) any = prof.add(s, mine) || any;
    if (any) prof.profile.shops.push_back(platform + "/" + shop);
  }
  if (prof.profile.shops.empty()) return std::nullopt;
  return prof.finish();
}

}  // namespace kefu::host::report
