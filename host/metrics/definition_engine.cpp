#include "metrics/definition_engine.h"

#include "base/interner.h"
#include "metrics/definition_units.h"
#include "metrics/walk.h"
#include "model/whole_shop.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <unordered_map>

namespace kefu::host::metrics {
namespace {

struct Key {
  std::uint32_t shop, agent;
  std::int32_t day;
  bool operator==(const Key&) const = default;
};
struct KeyHash {
  std::size_t operator()(const Key& k) const {
    return hash_bytes(std::string_view(reinterpret_cast<const char*>(&k), sizeof k));
  }
};
using Groups = std::unordered_map<Key, DefinitionCounts, KeyHash>;

// One unit whose questions are `turns` (assessed ones only, first first) into its group.
void add_unit(const Plan& p, const std::vector<const Turn*>& turns, DefinitionCounts& g) {
  ++g.units;
  const Turn& first = *turns.front();
  const Turn& last = *turns.back();
  switch (p.measure) {
    case Measure::replied:
      g.hits += last.answer >= 0;
      break;
    case Measure::within:
      g.hits += first.answer >= 0 && first.answer - first.start <= p.threshold_ms;
      break;
    case Measure::first_response:
      if (first.answer >= 0) {
        ++g.answered;
        g.response_ms += first.answer - first.start;
      }
      break;
    case Measure::mean_response: {
      std::int64_t n = 0;
      __int128 sum = 0;
      for (const Turn* t : turns)
        if (t->answer >= 0) {
          ++n;
          sum += t->answer - t->start;
        }
      if (n == 0) break;
      ++g.answered;
      g.response_ms += (sum + n / 2) / n;  // a unit of one turn: its response exactly
      break;
    }
    case Measure::count:
      break;
  }
}

class Counter {
 public:
  explicit Counter(const Plan& p) : plan_(p) {}

  void session(std::uint32_t shop, const SessionEvent* events, std::size_t n, Groups& groups) {
    if (!walk_session(events, n, plan_.rules, walk_)) return;  // R4: nothing was asked
    for_each_unit(plan_, walk_, turns_, [&](const std::vector<const Turn*>& turns, std::uint32_t agent, bool assessed) {
      if (assessed) add_unit(plan_, turns, groups[{shop, agent, walk_.day}]);
    });
  }

 private:
  const Plan& plan_;
  Walk walk_;
  std::vector<const Turn*> turns_;
};

using AgentKey = std::tuple<std::string, std::string, std::string>;  // platform, shop, agent
using Daily = std::map<std::int32_t, DefinitionCounts>;

// The rows of one group: each day with units, its period summed over the days within
// [day - period + 1, day] (a rolling window of calendar days, days without units add nothing).
void emit(Level level, const AgentKey& key, const Daily& days, int period, std::int64_t min_sample,
          std::vector<DefinitionRow>& rows) {
  DefinitionCounts window;
  auto oldest = days.begin();
  for (auto it = days.begin(); it != days.end(); ++it) {
    window.add(it->second);
    while (oldest->first <= it->first - period) window.subtract((oldest++)->second);
    DefinitionRow r{level, std::get<0>(key), std::get<1>(key), std::get<2>(key), it->first, it->second, window, true};
    r.assessed = window.units >= min_sample;
    rows.push_back(std::move(r));
  }
}

}  // namespace

Plan plan_of(const Definition& d) {
  Plan p{*measure_of(d.measure), *d.unit.value, *d.hours.value, *d.threshold_ms.value, {}};
  p.rules.transfers = *d.transfers.value;
  p.rules.closings = *d.closings.value;
  p.rules.bots_answer = *d.bots.value == BotReplies::all;
  p.rules.per_message = p.unit == CountUnit::message;
  return p;
}

bool in_window(const AssessedHours& h, std::int64_t epoch_ms) {
  // +08:00 minutes since midnight: assessed hours are written in China time.
  const std::int64_t minutes = epoch_ms / 60'000 - (epoch_ms % 60'000 < 0) + 8 * 60;
  const int m = static_cast<int>(((minutes % 1440) + 1440) % 1440);
  if (h.from_min <= h.to_min) return m >= h.from_min && m < h.to_min;
  return m >= h.from_min || m < h.to_min;  // a window across midnight, e.g. 23:00-09:00
}

std::optional<Measure> measure_of(std::string_view key) {
  if (key == "reply_rate") return Measure::replied;
  if (key == "within_30s_rate" || key == "within_3min_rate") return Measure::within;
  if (key == "avg_response_s") return Measure::mean_response;
  if (key == "first_response_s") return Measure::first_response;
  if (key == "sessions") return Measure::count;
  return std::nullopt;
}

std::vector<NotComputable> not_computable(const Definition& d) {
  std::vector<NotComputable> out;
  auto unknown = [&](const char* name, const std::string& reason) {
    out.push_back({name, "unknown: " + reason, Uncomputable::unknown, reason});
  };
  if (!d.unit.known()) unknown("unit", d.unit.unknown_reason);
  if (!d.hours.known()) unknown("assessed_hours", d.hours.unknown_reason);
  if (!d.bots.known()) unknown("bot_replies", d.bots.unknown_reason);
  if (!d.transfers.known()) unknown("transfers", d.transfers.unknown_reason);
  if (!d.closings.known()) unknown("closings", d.closings.unknown_reason);
  if (!d.threshold_ms.known()) unknown("threshold_s", d.threshold_ms.unknown_reason);
  if (!d.period_days.known()) unknown("period_days", d.period_days.unknown_reason);
  if (!d.min_sample.known()) unknown("min_sample", d.min_sample.unknown_reason);

  const auto measure = measure_of(d.measure);
  if (!measure && d.measure.empty())
    out.push_back({"measure", "the metric maps to no canonical figure", Uncomputable::no_measure, ""});
  else if (!measure)
    out.push_back({"measure",
                   "a chat log holds no " + d.measure +
                       " (only reply_rate, within_30s_rate, within_3min_rate, avg_response_s, first_response_s and "
                       "sessions are counted from messages)",
                   Uncomputable::not_in_chat_log, d.measure});
  if (d.unit.known() && *d.unit.value == CountUnit::customer_day)
    out.push_back({"unit",
                   "customer_day (one buyer per shop and day) is not counted from chat logs yet: the engine keeps "
                   "sessions, not buyers",
                   Uncomputable::customer_day, ""});
  if (d.bots.known() && *d.bots.value == BotReplies::assist_only)
    out.push_back({"bot_replies", "assist_only needs bot messages marked as agent-assisted, which a chat log does not mark",
                   Uncomputable::assist_only, ""});
  if (measure == Measure::within && d.threshold_ms.known() && *d.threshold_ms.value <= 0)
    out.push_back({"threshold_s", "a within-threshold rate needs a threshold above 0", Uncomputable::zero_threshold, ""});
  if (measure == Measure::first_response && d.unit.known() && *d.unit.value != CountUnit::session)
    out.push_back({"unit", "a first response is a session's: the unit must be session", Uncomputable::first_response_unit,
                   ""});
  return out;
}

void DefinitionCounts::add(const DefinitionCounts& o) {
  units += o.units;
  hits += o.hits;
  answered += o.answered;
  response_ms += o.response_ms;
}

void DefinitionCounts::subtract(const DefinitionCounts& o) {
  units -= o.units;
  hits -= o.hits;
  answered -= o.answered;
  response_ms -= o.response_ms;
}

std::optional<double> figure_value(Measure measure, const DefinitionCounts& c) {
  switch (measure) {
    case Measure::replied:
    case Measure::within:
      if (c.units == 0) return std::nullopt;
      return static_cast<double>(c.hits) / static_cast<double>(c.units);
    case Measure::mean_response:
    case Measure::first_response:
      if (c.answered == 0) return std::nullopt;
      return static_cast<double>(c.response_ms) / static_cast<double>(c.answered) / 1000.0;
    case Measure::count:
      return static_cast<double>(c.units);
  }
  return std::nullopt;
}

std::vector<DefinitionRow> compute_definition(const ChatEvents& chat, const Definition& d, unsigned workers) {
  if (const auto why = not_computable(d); !why.empty())
    throw std::invalid_argument(d.id + " cannot be computed from a chat log: " + why.front().parameter + ": " +
                                why.front().reason);
  if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
  const Plan plan = plan_of(d);
  std::vector<Groups> per_worker(workers);
  std::vector<Counter> counters(workers, Counter(plan));
  visit_sessions(chat, workers, [&](unsigned w, std::uint32_t s, const SessionEvent* e, std::size_t n) {
    counters[w].session(chat.session_shop[s], e, n, per_worker[w]);
  });

  // Agent rows by name; shops and platforms are their sums (every unit has one agent).
  std::map<AgentKey, Daily> by_agent, by_shop, by_platform;
  for (const Groups& groups : per_worker)
    for (const auto& [key, counts] : groups) {
      const auto [platform, shop] = split_shop_key(chat.shops.name(key.shop));
      std::string_view agent = key.agent == kNoAgent ? std::string_view() : chat.agents.name(key.agent);
      if (agent.empty()) agent = kUnassigned;
      by_agent[{std::string(platform), std::string(shop), std::string(agent)}][key.day].add(counts);
      by_shop[{std::string(platform), std::string(shop), std::string(kWholeShop)}][key.day].add(counts);
      by_platform[{std::string(platform), "", std::string(kWholeShop)}][key.day].add(counts);
    }
  const int period = *d.period_days.value;
  const std::int64_t min_sample = *d.min_sample.value;
  std::vector<DefinitionRow> rows;
  for (const auto& [key, days] : by_agent) emit(Level::agent, key, days, period, min_sample, rows);
  for (const auto& [key, days] : by_shop) emit(Level::shop, key, days, period, min_sample, rows);
  for (const auto& [key, days] : by_platform) emit(Level::platform, key, days, period, min_sample, rows);
  return rows;
}

}  // namespace kefu::host::metrics
