#include "pipeline/qc.h"

#include "base/calendar.h"
#include "metrics/engine.h"
#include "pipeline/stored_sessions.h"
#include "pipeline/update.h"
#include "words/context.h"
#include "words/scan_file.h"

#include <algorithm>
#include <future>
#include <map>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace kefu::host::ingest {
namespace {

using ShopDay = store::QcBatch::ShopDay;

// A message's identity without its occurrence: session key, instant, agent and content hash.
std::string message_key(std::string_view session_key, std::int64_t ts, std::string_view agent, std::int64_t hash) {
  std::string key(session_key);
  key += '\x1f';
  key += std::to_string(ts);
  key += '\x1f';
  key += agent;
  key += '\x1f';
  key += std::to_string(hash);
  return key;
}

}  // namespace

QcLexicon team_qc_lexicon(const PluginRegistry& registry, const config::Config& config) {
  return [&registry, &config](const std::string& platform) {
    return std::shared_ptr<const words::Lexicon>(new words::Lexicon(update::scan_lexicon(registry, config, {platform})));
  };
}

std::int64_t message_hash(std::string_view content) {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : content) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return static_cast<std::int64_t>(h);
}

namespace {

// What one source's messages gave: how many were scanned, how often it carried each stored hit's
// message, and its messages with hits, in record order (their occurrences are numbered when the
// sources are joined, in the run's order).
struct SourceScan {
  struct Found {
    std::string message;  // message_key
    std::vector<store::QcHit> hits;
  };
  std::int64_t messages = 0;
  std::unordered_map<std::string, std::int64_t> carried;
  std::vector<Found> found;
};

}  // namespace

store::QcBatch qc_batch(const chatlog::ChatEvents& all,
                        const std::set<std::tuple<std::string, std::string, std::string>>& stored_days,
                        const std::vector<MessageSource>& sources, const QcLexicon& lexicon_of,
                        const store::Store& store, QcOutcome& outcome) {
  store::QcBatch batch;
  if (!lexicon_of) return batch;

  // Each session's day (R4) and each day's agent messages per agent, from all of the day's
  // sessions, counted on numbers (shop, day, agent ids) and named once at the end.
  constexpr std::uint32_t kShopRow = 0xFFFFFFFF;
  std::vector<calendar::Day> session_days(all.sessions.size(), 0);
  std::map<std::tuple<std::uint32_t, calendar::Day, std::uint32_t>, std::int64_t> counts;  // shop, day, agent
  metrics::for_each_session(all, [&](std::uint32_t s, const metrics::SessionEvent* e, std::size_t n) {
    const calendar::Day day = session_day(e, n);
    session_days[s] = day;
    const std::uint32_t shop = all.session_shop[s];
    std::int64_t& shop_row = counts[{shop, day, kShopRow}];  // the day was scanned, even without agents
    for (std::size_t i = 0; i < n; ++i)
      if (e[i].kind == chatlog::EventKind::agent) {
        ++counts[{shop, day, e[i].agent}];
        ++shop_row;
      }
  });
  std::set<ShopDay> days;
  std::map<std::pair<std::uint32_t, calendar::Day>, ShopDay> day_names;
  for (const auto& [k, n] : counts) {
    const auto& [shop, day, agent] = k;
    if (agent != kShopRow) continue;
    const auto [platform, shop_id] = chatlog::split_shop_key(all.shops.name(shop));
    ShopDay d{std::string(platform), std::string(shop_id), calendar::format_day(day)};
    days.insert(d);
    day_names.emplace(std::pair(shop, day), std::move(d));
  }

  // The platforms' lexicons; a platform without one is not scanned and its days are left alone.
  std::map<std::string, std::shared_ptr<const words::Lexicon>, std::less<>> lexicons;
  for (const ShopDay& d : days) {
    if (lexicons.contains(d.platform)) continue;
    std::shared_ptr<const words::Lexicon> lexicon;
    try {
      lexicon = lexicon_of(d.platform);
      if (lexicon && lexicon->platforms().empty()) lexicon = nullptr;
      if (!lexicon) outcome.not_scanned.push_back(d.platform + ": no word list");
    } catch (const std::exception& e) {  // a plugin without a list, a bad team list: QC unknown, values stored
      outcome.not_scanned.push_back(d.platform + ": " + e.what());
    }
    lexicons.emplace(d.platform, std::move(lexicon));
  }
  for (auto it = days.begin(); it != days.end();) it = lexicons.at(it->platform) ? std::next(it) : days.erase(it);
  if (days.empty()) return batch;

  // What earlier runs kept of these days: their shop rows (was the day scanned?) and their hits.
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> shops;  // → first, last day
  for (const ShopDay& d : days) {
    auto [it, fresh] = shops.try_emplace({d.platform, d.shop_id}, d.day, d.day);
    it->second.first = std::min(it->second.first, d.day);
    it->second.second = std::max(it->second.second, d.day);
  }
  std::set<ShopDay> scanned_before, partial_before;
  std::vector<store::QcHit> stored_hits;
  for (const auto& [shop, span] : shops) {
    store::StoredQc stored = store.qc({span.first, span.second, {shop.first}, {shop.second}});
    for (const store::QcDay& d : stored.days)
      if (d.agent_id.empty()) {
        scanned_before.insert({d.platform, d.shop_id, d.day});
        if (d.partial) partial_before.insert({d.platform, d.shop_id, d.day});
      }
    for (store::QcHit& h : stored.hits)
      if (days.contains({h.platform, h.shop_id, h.day})) stored_hits.push_back(std::move(h));
  }
  std::string key;
  std::unordered_map<std::string, std::int64_t> carried;  // stored hits' messages: how often this run has them
  for (const store::QcHit& h : stored_hits) {
    chatlog::session_key(key, h.platform, h.shop_id, h.session_id);
    carried.emplace(message_key(key, h.ts, h.agent_id, h.message), 0);
  }

  // This run's agent messages, each scanned once; the sources side by side.
  auto scan_source = [&](const MessageSource& source) {
    SourceScan out;
    std::string session;
    std::vector<words::Hit> hits;
    source([&](const chatlog::MessageRow& m) {
      if (m.sender != "agent" || !(m.event == "msg" || m.event.empty())) return;
      const auto lexicon = lexicons.find(m.platform);
      if (lexicon == lexicons.end() || !lexicon->second) return;
      chatlog::session_key(session, m.platform, m.shop_id, m.session_id);
      const std::optional<std::uint32_t> s = all.sessions.find(session);
      if (!s) return;  // a row the first reading rejected
      ++out.messages;
      const words::Lexicon& lex = *lexicon->second;
      hits.clear();
      words::find_hits(lex, {}, m.content, hits);
      if (hits.empty() && carried.empty()) return;
      const std::int64_t hash = message_hash(m.content);
      std::string message = message_key(session, m.ts, m.agent_id, hash);
      if (carried.contains(message)) ++out.carried[message];
      if (hits.empty()) return;
      SourceScan::Found found{std::move(message), {}};
      for (const words::Hit& h : hits) {
        const words::HitVerdicts v = words::hit_verdicts(lex, h);
        if (!v.decisive) continue;
        store::QcHit q;
        q.platform = std::string(m.platform);
        q.shop_id = std::string(m.shop_id);
        q.day = calendar::format_day(session_days[*s]);
        q.agent_id = std::string(m.agent_id);
        q.session_id = std::string(m.session_id);
        q.ts = m.ts;
        q.message = hash;
        q.begin = h.begin;
        q.length = h.end - h.begin;
        q.category = v.decisive->term.category;
        q.severity = words::verdict_name(v.strictest);
        q.stance = words::stance_name(lex.stance(0, q.category).stance);
        q.term = v.decisive->term.text;
        q.text = std::string(m.content.substr(h.begin, h.end - h.begin));
        q.mode = words::hit_mode_name(h.mode);
        q.sentence = words::sentence_around(m.content, h.begin, h.end);
        found.hits.push_back(std::move(q));
      }
      out.found.push_back(std::move(found));
    });
    return out;
  };
  std::vector<SourceScan> scans(sources.size());
  const std::size_t workers = std::max(1u, std::thread::hardware_concurrency());
  for (std::size_t first = 0; first < sources.size(); first += workers) {
    std::vector<std::future<SourceScan>> running;
    for (std::size_t i = first; i < sources.size() && i < first + workers; ++i)
      running.push_back(std::async(std::launch::async, scan_source, std::cref(sources[i])));
    for (std::size_t i = 0; i < running.size(); ++i) scans[first + i] = running[i].get();
  }

  // Joined in the run's order: the n-th identical message is occurrence n.
  std::unordered_map<std::string, std::int64_t> occurrences;
  for (SourceScan& scan : scans) {
    outcome.messages += scan.messages;
    for (const auto& [message, n] : scan.carried) carried[message] += n;
    for (SourceScan::Found& f : scan.found) {
      const std::int64_t occurrence = occurrences[f.message]++;
      for (store::QcHit& q : f.hits) {
        q.occurrence = occurrence;
        (q.severity == "block" ? outcome.block : q.severity == "warn" ? outcome.warn : outcome.unknown)++;
        batch.hits.push_back(std::move(q));
      }
    }
  }

  // Earlier runs' hits in messages this run did not carry (as often as it did not) stay, on their
  // session's day as it is now.
  for (store::QcHit& h : stored_hits) {
    chatlog::session_key(key, h.platform, h.shop_id, h.session_id);
    if (carried.at(message_key(key, h.ts, h.agent_id, h.message)) > h.occurrence) continue;
    if (const auto s = all.sessions.find(key)) h.day = calendar::format_day(session_days[*s]);
    ++outcome.kept;
    batch.hits.push_back(std::move(h));
  }

  batch.days.assign(days.begin(), days.end());
  for (const auto& [k, n] : counts) {
    const auto& [shop, day, agent] = k;
    const ShopDay& d = day_names.at({shop, day});
    if (!days.contains(d)) continue;
    // Stored sessions of a day no QC row covers came from a kefu that did not scan.
    const bool partial =
        partial_before.contains(d) || (stored_days.contains({d.platform, d.shop_id, d.day}) && !scanned_before.contains(d));
    batch.counts.push_back(
        {d.platform, d.shop_id, d.day, agent == kShopRow ? std::string() : std::string(all.agents.name(agent)), n, partial});
  }
  return batch;
}

}  // namespace kefu::host::ingest
