#include "pipeline/explain_store.h"

#include "base/calendar.h"
#include "model/whole_shop.h"

#include <kefu/catalog.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace kefu::host::ingest {
namespace {

constexpr const char* kKeepNothing = "9999-12-31";  // a keep_from before which every day falls

std::string key_of(std::string_view platform, std::string_view shop, std::string_view session) {
  std::string key;
  chatlog::session_key(key, platform, shop, session);
  return key;
}

}  // namespace

std::string retention_cutoff(const ExplainRetention& retention, const std::string& today) {
  if (retention.keep_days <= 0) return kKeepNothing;
  const calendar::Day now = calendar::parse_day(today).value_or(calendar::today());
  return calendar::format_day(static_cast<calendar::Day>(now - retention.keep_days));
}

store::ExplainBatch explain_batch(const chatlog::ChatEvents& events, metrics::Canonical version,
                                  const std::vector<store::StoredValue>& values, const ExplainRetention& retention,
                                  const std::string& today, const TailReader& read_tails) {
  store::ExplainBatch out;
  out.keep_from = retention_cutoff(retention, today);
  const std::string definition = metrics::canonical_id(version);

  // The shop days these values cover: each is explained (or marked not kept), even with no finding.
  using DayKey = std::tuple<std::string, std::string, std::string>;  // platform, shop, day
  std::set<DayKey> days;
  for (const store::StoredValue& v : values)
    if (v.value.origin == origin::recomputed && v.value.agent_id == kWholeShop)
      days.emplace(v.value.platform, v.value.shop_id, v.value.day);
  for (const auto& [platform, shop, day] : days) {
    const bool kept = day >= out.keep_from;
    out.days.push_back({platform, shop, day, definition, kept, kept ? retention.messages : 0});
  }
  if (out.keep_from == kKeepNothing) return out;

  struct SessionOf {
    std::string platform, shop, session, day;
  };
  std::unordered_map<std::string, SessionOf> sessions;  // session_key → where its messages go
  std::int64_t ordinal = 0;
  for (metrics::ViewFinding& vf : metrics::explain_all_views(events, version)) {
    metrics::Finding& f = vf.finding;
    std::string day = calendar::format_day(f.day);
    if (day < out.keep_from || !days.contains({f.platform, f.shop_id, day})) continue;
    std::string key = key_of(f.platform, f.shop_id, f.session_id);
    if (!sessions.contains(key)) sessions.emplace(std::move(key), SessionOf{f.platform, f.shop_id, f.session_id, day});
    out.findings.push_back({std::move(f.platform), std::move(f.shop_id), std::move(day), std::move(vf.metric),
                            std::move(vf.view), ordinal++, std::move(f.session_id), std::move(f.agent),
                            metrics::shortfall_name(f.reason), f.asked_ms, f.delay_ms});
  }
  if (retention.messages <= 0 || sessions.empty() || !read_tails) return out;
  std::unordered_set<std::string> wanted;
  for (const auto& [key, where] : sessions) wanted.insert(key);
  chatlog::SessionTails tails;
  read_tails(wanted, static_cast<std::size_t>(retention.messages), tails);
  // In session key order, so the same logs write the same rows.
  std::map<std::string_view, const std::vector<chatlog::TailMessage>*> ordered;
  for (const auto& [key, messages] : tails) ordered.emplace(key, &messages);
  for (const auto& [key, messages] : ordered) {
    const auto where = sessions.find(std::string(key));
    if (where == sessions.end()) continue;
    const SessionOf& s = where->second;
    std::int64_t seq = 0;
    for (const chatlog::TailMessage& m : *messages)
      out.messages.push_back(
          {s.platform, s.shop, s.day, s.session, seq++, m.ts, m.sender, m.agent_id, m.event, m.content});
  }
  return out;
}

StoredExplain explain_from_store(const store::Store& store, const StoredExplainQuery& q) {
  StoredExplain out;
  const std::string version = metrics::canonical_id(q.version);

  // The figure's units: the stored denominators of the view's rows (the shop's, or the agent's).
  store::ValueQuery values{q.from, q.to, {}, {q.shop_id}};
  if (!q.platform.empty()) values.platforms.push_back(q.platform);
  std::set<std::pair<std::string, std::string>> value_days;  // platform, day
  std::set<std::string> other_definition;
  std::int64_t units = 0;
  for (const store::StoredValue& v : store.values(values)) {
    if (v.value.origin != origin::recomputed) continue;
    if (v.value.agent_id == kWholeShop) {
      value_days.emplace(v.value.platform, v.value.day);
      if (v.definition != version) {
        other_definition.insert(v.value.day);
        out.stored_definition = v.definition;
      }
    }
    if (v.value.agent_id == q.agent && v.value.metric == q.metric && v.denominator)
      units += std::llround(*v.denominator);
  }

  // The findings: the shop's view serves an agent's where the two agree (kefu/1; reply_rate).
  const bool shop_view = q.agent.empty() || metrics::agent_view_is_shop_view(q.version, q.metric);
  const store::StoredExplanation stored =
      store.explanation({q.from, q.to, q.platform, q.shop_id, q.metric, shop_view ? "" : q.agent});

  std::set<std::pair<std::string, std::string>> explained;  // platform, day
  std::set<std::string> never, not_kept;
  for (const store::ExplainDay& d : stored.days) {
    explained.emplace(d.platform, d.day);
    if (!d.kept) {
      not_kept.insert(d.day);
    } else {
      out.messages_kept = out.messages_kept < 0 ? d.messages : std::min(out.messages_kept, d.messages);
      if (d.definition != version) {
        other_definition.insert(d.day);
        out.stored_definition = d.definition;
      }
    }
  }
  for (const auto& pd : value_days)
    if (!explained.contains(pd)) never.insert(pd.second);
  std::set<std::string> with_data;
  for (const auto& [platform, day] : value_days) with_data.insert(day);
  for (const auto& [platform, day] : explained) with_data.insert(day);
  const auto first = calendar::parse_day(q.from), last = calendar::parse_day(q.to);
  if (first && last)
    for (calendar::Day d = *first; d <= *last; ++d)
      if (!with_data.contains(calendar::format_day(d)))
        (with_data.empty() ? out.nothing_stored : out.days_without_data).push_back(calendar::format_day(d));
  out.never_explained.assign(never.begin(), never.end());
  out.not_kept.assign(not_kept.begin(), not_kept.end());
  out.other_definition.assign(other_definition.begin(), other_definition.end());

  metrics::Explanation& e = out.explanation;
  e.units = units;
  for (const store::StoredFinding& f : stored.findings) {
    if (shop_view && !q.agent.empty() && f.agent != q.agent) continue;
    metrics::Finding finding;
    finding.platform = f.platform;
    finding.shop_id = f.shop_id;
    finding.session_id = f.session_id;
    finding.agent = f.agent;
    finding.day = calendar::parse_day(f.day).value_or(0);
    finding.reason = metrics::shortfall_from_name(f.reason).value_or(metrics::Shortfall::unanswered);
    finding.asked_ms = f.asked_ms;
    finding.delay_ms = f.delay_ms;
    e.findings.push_back(std::move(finding));
  }
  for (const store::StoredMessage& m : stored.messages)
    out.tails[key_of(m.platform, m.shop_id, m.session_id)].push_back({m.ts, m.sender, m.agent_id, m.event, m.content});
  for (auto& [key, messages] : out.tails)
    if (messages.size() > q.last)
      messages.erase(messages.begin(), messages.end() - static_cast<std::ptrdiff_t>(q.last));
  return out;
}

}  // namespace kefu::host::ingest
