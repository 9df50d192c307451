#include "pipeline/qc.h"

#include "base/calendar.h"
#include "metrics/engine.h"
#include "pipeline/stored_sessions.h"
#include "pipeline/update.h"
#include "words/context.h"
#include "words/scan_file.h"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
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

bool QcScanner::keep(std::string_view platform, std::string_view content) {
  struct Last {
    std::uint64_t scanner = 0;
    std::string platform;
    const words::Lexicon* lexicon = nullptr;
  };
  thread_local Last last;
  if (last.scanner != id_ || last.platform != platform) last = {id_, std::string(platform), lexicon(platform)};
  const words::Lexicon* lex = last.lexicon;
  if (!lex) return false;
  thread_local std::vector<words::Hit> hits;
  hits.clear();
  words::find_hits(*lex, {}, content, hits);
  return !hits.empty();
}

const words::Lexicon* QcScanner::lexicon(std::string_view platform) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (const auto it = built_.find(platform); it != built_.end()) return it->second.get();
  std::shared_ptr<const words::Lexicon> lexicon;
  try {
    lexicon = lexicon_of_(std::string(platform));
    if (lexicon && lexicon->platforms().empty()) lexicon = nullptr;
    if (!lexicon) not_scanned_.push_back(std::string(platform) + ": no word list");
  } catch (const std::exception& e) {  // a plugin without a list, a bad team list: QC unknown, values stored
    not_scanned_.push_back(std::string(platform) + ": " + e.what());
  }
  return built_.emplace(std::string(platform), std::move(lexicon)).first->second.get();
}

std::vector<std::string> QcScanner::not_scanned() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return not_scanned_;
}

store::QcBatch qc_batch(const chatlog::ChatEvents& all, const chatlog::ChatEvents& run,
                        const std::set<std::tuple<std::string, std::string, std::string>>& stored_days,
                        const std::vector<chatlog::KeptRow>& kept, QcScanner& scanner, const store::Store& store,
                        QcOutcome& outcome) {
  store::QcBatch batch;

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
  // The days of platforms with a list (a platform without one is not scanned: its days are left alone).
  std::set<ShopDay> days;
  std::map<std::pair<std::uint32_t, calendar::Day>, ShopDay> day_names;
  for (const auto& [k, n] : counts) {
    const auto& [shop, day, agent] = k;
    if (agent != kShopRow) continue;
    const auto [platform, shop_id] = chatlog::split_shop_key(all.shops.name(shop));
    if (!scanner.lexicon(platform)) continue;
    ShopDay d{std::string(platform), std::string(shop_id), calendar::format_day(day)};
    days.insert(d);
    day_names.emplace(std::pair(shop, day), std::move(d));
  }
  // The run's agent messages scanned (from its events: a range the reading read twice asked twice).
  std::vector<char> shop_scanned(run.shops.size());
  for (std::uint32_t shop = 0; shop < run.shops.size(); ++shop)
    shop_scanned[shop] = scanner.lexicon(chatlog::split_shop_key(run.shops.name(shop)).first) != nullptr;
  for (std::size_t b = 0; b < run.events.block_count(); ++b) {
    const chatlog::Event* e = run.events.block(b);
    for (std::size_t i = 0, n = run.events.block_size(b); i < n; ++i)
      outcome.messages += e[i].kind() == chatlog::EventKind::agent && shop_scanned[run.session_shop[e[i].session]];
  }
  outcome.not_scanned = scanner.not_scanned();
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

  // How often the run carries each stored hit's message: its agent rows of the same session,
  // instant and agent (on the run's own numbers).
  using RunRow = std::tuple<std::uint32_t, std::int64_t, std::uint32_t>;  // session, ts, agent
  std::map<RunRow, std::int64_t> carried;
  std::string key;
  auto run_row = [&](const store::QcHit& h) -> std::optional<RunRow> {
    chatlog::session_key(key, h.platform, h.shop_id, h.session_id);
    const auto s = run.sessions.find(key);
    const auto a = run.agents.find(h.agent_id);
    if (!s || !a) return std::nullopt;
    return RunRow{*s, h.ts, *a};
  };
  for (const store::QcHit& h : stored_hits)
    if (const auto r = run_row(h)) carried.emplace(*r, 0);
  if (!carried.empty())
    for (std::size_t b = 0; b < run.events.block_count(); ++b) {
      const chatlog::Event* e = run.events.block(b);
      for (std::size_t i = 0, n = run.events.block_size(b); i < n; ++i)
        if (e[i].kind() == chatlog::EventKind::agent)
          if (const auto it = carried.find({e[i].session, e[i].ts, e[i].agent()}); it != carried.end()) ++it->second;
    }

  // This run's hits, from the messages the reading kept; the n-th identical message is occurrence n.
  std::unordered_map<std::string, std::int64_t> occurrences;
  std::vector<words::Hit> hits;
  for (const chatlog::KeptRow& m : kept) {
    const words::Lexicon* lex = scanner.lexicon(m.platform);
    chatlog::session_key(key, m.platform, m.shop_id, m.session_id);
    const std::optional<std::uint32_t> s = all.sessions.find(key);
    if (!lex || !s) continue;
    const std::string day = calendar::format_day(session_days[*s]);
    if (!days.contains({m.platform, m.shop_id, day})) continue;
    hits.clear();
    words::find_hits(*lex, {}, m.content, hits);
    const std::int64_t hash = message_hash(m.content);
    const std::int64_t occurrence = occurrences[message_key(key, m.ts, m.agent_id, hash)]++;
    for (const words::Hit& h : hits) {
      const words::HitVerdicts v = words::hit_verdicts(*lex, h);
      if (!v.decisive) continue;
      store::QcHit q;
      q.platform = m.platform;
      q.shop_id = m.shop_id;
      q.day = day;
      q.agent_id = m.agent_id;
      q.session_id = m.session_id;
      q.ts = m.ts;
      q.message = hash;
      q.occurrence = occurrence;
      q.begin = h.begin;
      q.length = h.end - h.begin;
      q.category = v.decisive->term.category;
      q.severity = words::verdict_name(v.strictest);
      q.stance = words::stance_name(lex->stance(0, q.category).stance);
      q.term = v.decisive->term.text;
      q.text = m.content.substr(h.begin, h.end - h.begin);
      q.mode = words::hit_mode_name(h.mode);
      q.sentence = words::sentence_around(m.content, h.begin, h.end);
      (v.strictest == words::Verdict::block ? outcome.block
       : v.strictest == words::Verdict::warn ? outcome.warn
                                             : outcome.unknown)++;
      batch.hits.push_back(std::move(q));
    }
  }

  // Earlier runs' hits in messages this run did not carry (as often as it did not) stay, on their
  // session's day as it is now.
  for (store::QcHit& h : stored_hits) {
    if (const auto r = run_row(h); r && carried.at(*r) > h.occurrence) continue;
    chatlog::session_key(key, h.platform, h.shop_id, h.session_id);
    if (const auto s = all.sessions.find(key)) h.day = calendar::format_day(session_days[*s]);
    ++outcome.kept;
    batch.hits.push_back(std::move(h));
  }

  batch.days.assign(days.begin(), days.end());
  for (const auto& [k, n] : counts) {
    const auto& [shop, day, agent] = k;
    const auto name = day_names.find({shop, day});
    if (name == day_names.end()) continue;
    const ShopDay& d = name->second;
    // Stored sessions of a day no QC row covers came from a kefu that did not scan.
    const bool partial =
        partial_before.contains(d) || (stored_days.contains({d.platform, d.shop_id, d.day}) && !scanned_before.contains(d));
    batch.counts.push_back(
        {d.platform, d.shop_id, d.day, agent == kShopRow ? std::string() : std::string(all.agents.name(agent)), n, partial});
  }
  return batch;
}

}  // namespace kefu::host::ingest
