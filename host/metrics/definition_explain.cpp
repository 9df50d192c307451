#include "metrics/definition_explain.h"

#include "metrics/definition_units.h"
#include "model/whole_shop.h"

#include <stdexcept>

namespace kefu::host::metrics {
namespace {

// The session id: what follows the shop in its key (chatlog::session_key).
std::string_view session_id_of(std::string_view key) {
  const auto [platform, shop] = chatlog::split_shop_key(key);
  return key.substr(1 + platform.size() + 2 + shop.size());
}

struct Miss {
  Shortfall reason;
  std::int64_t asked_ms, delay_ms;
};

// Whether a unit missed under `p`, and why; nullopt when it met the definition.
std::optional<Miss> missed(const Plan& p, Closings closings, const std::vector<const Turn*>& turns) {
  // As add_unit counts: replied looks at the unit's last question, within at its first.
  const Turn& t = p.measure == Measure::replied ? *turns.back() : *turns.front();
  if (t.answer < 0) return Miss{unanswered_reason(t, closings), t.start, -1};
  if (p.measure == Measure::within && t.answer - t.start > p.threshold_ms)
    return Miss{Shortfall::late, t.start, t.answer - t.start};
  return std::nullopt;
}

}  // namespace

bool explainable(const Definition& d) {
  const auto m = measure_of(d.measure);
  return m == Measure::replied || m == Measure::within;
}

DefinitionExplanation explain_definition(const ChatEvents& events, const Definition& d, const ExplainQuery& q) {
  if (const auto why = not_computable(d); !why.empty())
    throw std::invalid_argument(d.id + " cannot be computed from a chat log: " + why.front().parameter + ": " +
                                why.front().reason);
  if (!explainable(d))
    throw std::invalid_argument(d.id + ": explain lists the units behind a rate; " + d.measure + " is not one");
  const Plan plan = plan_of(d);
  DefinitionExplanation out;
  Walk walk;
  std::vector<const Turn*> scratch;
  for_each_session(events, [&](std::uint32_t s, const SessionEvent* e, std::size_t n) {
    const std::string_view key = events.sessions.name(s);
    const auto [platform, shop] = chatlog::split_shop_key(key);
    if (!q.platform.empty() && platform != q.platform) return;
    if (!q.shop_id.empty() && shop != q.shop_id) return;
    if (!walk_session(e, n, plan.rules, walk)) return;
    if (walk.day < q.from_day || walk.day > q.to_day) return;
    for_each_unit(plan, walk, scratch, [&](const std::vector<const Turn*>& turns, std::uint32_t who, bool assessed) {
      std::string agent = who == kNoAgent ? "" : std::string(events.agents.name(who));
      if (agent.empty()) agent = kUnassigned;
      if (!q.agent.empty() && agent != q.agent) return;
      if (!assessed) {
        ++out.not_assessed;
        return;
      }
      ++out.explanation.units;
      if (const auto miss = missed(plan, *d.closings.value, turns))
        out.explanation.findings.push_back({s, std::string(platform), std::string(shop),
                                            std::string(session_id_of(key)), std::move(agent), walk.day, miss->reason, miss->asked_ms,
                                            miss->delay_ms});
    });
  });
  return out;
}

}  // namespace kefu::host::metrics
