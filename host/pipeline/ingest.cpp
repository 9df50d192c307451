#include "pipeline/ingest.h"

#include "base/calendar.h"
#include "base/output_file.h"
#include "chatlog/detect.h"
#include "chatlog/reader.h"
#include "metrics/canonical.h"
#include "metrics/definition_engine.h"
#include "metrics/engine.h"
#include "model/whole_shop.h"
#include "pipeline/stored_sessions.h"
#include "platforms/native_file.h"
#include "platforms/rule_sources.h"
#include "rules/rule_book.h"
#include "words/closings.h"

#include <kefu/catalog.hpp>
#include <kefu/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

namespace kefu::host::ingest {
namespace {

// Every recomputed canonical metric of a row (metrics/canonical.h), each with what it divides
// so periods add up exactly.
void add_row_values(const metrics::MetricRow& row, metrics::Canonical version, const std::string& source,
                    std::vector<store::StoredValue>& out) {
  const std::string day = calendar::format_day(row.day);
  for (const metrics::CanonicalMetric& metric : metrics::canonical_metrics()) {
    const auto figure = metrics::stored_figure(metric, row.stats);
    if (!figure) continue;
    const std::string key(metric.def.key);
    store::StoredValue v;
    v.value = {row.platform,
               row.shop_id,
               row.agent_id,
               day,
               key,
               key,
               figure->value,
               Availability::available,
               std::string(origin::recomputed)};
    v.numerator = figure->numerator;
    v.denominator = figure->denominator;
    v.definition = metrics::canonical_id(version);  // docs/metrics.md: kefu/1 = R1-R15, kefu/2 = C1-C6
    v.source = source;
    out.push_back(std::move(v));
  }
}

// The recomputed metrics of chat events, per agent and per shop and day (platform level is left
// to the report, which rolls shops up itself).
std::vector<store::StoredValue> recomputed_values(const chatlog::ChatEvents& events, const std::string& source,
                                                  const IngestOptions& options, std::set<std::string>& platforms) {
  std::vector<store::StoredValue> out;
  for (const metrics::MetricRow& row : metrics::compute_metrics(events, options.definitions, options.workers)) {
    if (row.level == metrics::Level::platform) continue;
    // kefu/1: R7's unheld segments (agent "") would read as the whole shop in the store: they
    // count in the shop's row only. (kefu/2 spells them kUnassigned and keeps them, C5.)
    if (row.level == metrics::Level::agent && row.agent_id == kWholeShop) continue;
    platforms.insert(row.platform);
    add_row_values(row, options.definitions, source, out);
  }
  return out;
}

// Each platform definition's figures on its own platform's sessions, per agent and per shop and
// day: the value is the definition's period figure (rolling when it says), numerator and
// denominator the day's own counts, so a report period adds up days exactly.
std::vector<store::StoredValue> platform_values(const chatlog::ChatEvents& events, const std::string& source,
                                                const IngestOptions& options) {
  std::vector<store::StoredValue> out;
  for (const PlatformDefinition& pd : options.platform_definitions) {
    const metrics::Measure measure = *metrics::measure_of(pd.definition.measure);
    std::string definition = pd.definition.id;
    if (!pd.assumed.empty()) {
      definition += " [assumed:";
      for (const auto& a : pd.assumed) definition += " " + a;
      definition += "]";
    }
    for (const metrics::DefinitionRow& row : metrics::compute_definition(events, pd.definition, options.workers)) {
      if (row.level == metrics::Level::platform || row.platform != pd.platform) continue;
      const auto value = metrics::figure_value(measure, row.period);
      if (!value) continue;
      store::StoredValue v;
      v.value = {row.platform,
                 row.shop_id,
                 row.level == metrics::Level::shop ? std::string(kWholeShop) : row.agent_id,
                 calendar::format_day(row.day),
                 pd.definition.measure,
                 pd.native_name,
                 *value,
                 Availability::available,
                 std::string(store::kPlatformRecomputed)};
      if (measure == metrics::Measure::replied || measure == metrics::Measure::within) {
        v.numerator = static_cast<double>(row.daily.hits);
        v.denominator = static_cast<double>(row.daily.units);
      } else if (measure != metrics::Measure::count) {
        v.numerator = static_cast<double>(row.daily.response_ms) / 1000.0;
        v.denominator = static_cast<double>(row.daily.answered);
      }
      v.definition = definition;
      v.source = source;
      out.push_back(std::move(v));
    }
  }
  return out;
}

// C2's closing list: the caller's (config-extended), else Kefu's own.
std::function<bool(std::string_view)> closing_rule(const IngestOptions& options) {
  if (options.closing_only) return options.closing_only;
  static const words::ClosingList defaults = words::ClosingList::defaults();
  return [](std::string_view content) { return defaults.closing_only(content); };
}

// The definition of each native figure, from the plugin's metric profile.
std::map<std::string, std::string> native_definitions(const LoadedPlugin& plugin) {
  std::map<std::string, std::string> definitions;
  if (const auto& profile = plugin.valid_profile())
    for (const NativeMetric& m : profile->metrics) definitions[m.native_name] = m.definition;
  return definitions;
}

store::StoredValue native_value(const MetricValue& v, const std::map<std::string, std::string>& definitions,
                                const std::string& source) {
  store::StoredValue s;
  s.value = v;
  const auto d = definitions.find(v.native_name);
  s.definition = d == definitions.end() ? "" : d->second;
  s.source = source;
  return s;
}

// The shop days of recomputed values: each computed from every session the store holds of it.
std::vector<store::IngestBatch::ShopDay> whole_days(const std::vector<store::StoredValue>& values) {
  std::set<store::IngestBatch::ShopDay> days;
  for (const auto& v : values) days.insert({v.value.platform, v.value.shop_id, v.value.day});
  return {days.begin(), days.end()};
}

Joined joined_outcome(const JoinedSessions& j) {
  return {j.stored_sessions, j.continued_sessions, j.days_without_sessions};
}

// How the chat logs of this ingest are read: the first reading and explain's second alike.
chatlog::ChatReadOptions chat_read_options(const IngestOptions& options) {
  chatlog::ChatReadOptions read;
  read.encoding = options.encoding;
  read.layouts = options.layouts;
  read.shop = options.shop;
  read.naive_offset_ms = options.utc_offset_ms;
  read.sheet = options.sheet;
  return read;
}

// The shops a run's chat events belong to: the ones it locks before reading what earlier runs kept.
std::vector<store::ShopKey> shops_of(const chatlog::ChatEvents& events) {
  std::vector<store::ShopKey> out;
  for (std::uint32_t i = 0; i < events.shops.size(); ++i) {
    const auto [platform, shop] = chatlog::split_shop_key(events.shops.name(i));
    out.push_back({std::string(platform), std::string(shop)});
  }
  return out;
}

// Every run adds: reads the sessions earlier runs kept of the run's shop days, under the write
// lock for those shops (`lock`, held until the batch is written: Store::lock_shops), so that a
// run on the same shop day elsewhere waits and then counts this one's sessions too.
JoinedSessions locked_join(const chatlog::ChatEvents& events, store::Store& store,
                           std::unique_ptr<store::WriteLock>& lock) {
  lock = store.lock_shops(shops_of(events));
  return join_stored_sessions(events, store);
}

std::vector<store::StoredValue> chat_values(const std::vector<std::string>& files, const IngestOptions& options,
                                            store::Store& store, std::unique_ptr<store::WriteLock>& lock,
                                            std::vector<FileOutcome>& outcomes, std::set<std::string>& platforms,
                                            store::IngestBatch& batch, Joined& joined_out, QcOutcome& qc) {
  if (files.empty()) return {};
  chatlog::ChatEvents events;
  // QC: each agent message matched as it is read; those with a hit kept whole.
  std::optional<QcScanner> scanner;
  std::vector<chatlog::KeptRow> kept;
  if (options.qc) scanner.emplace(options.qc);
  for (const std::string& path : files) {
    chatlog::ChatReadOptions read = chat_read_options(options);
    read.workers = options.workers;
    read.closing_only = closing_rule(options);
    if (scanner)
      read.keep_agent_message = [&](std::string_view platform, std::string_view content) {
        return scanner->keep(platform, content);
      };
    chatlog::ChatReadResult r = chatlog::read_chat_log(path, events, read);
    std::move(r.kept.begin(), r.kept.end(), std::back_inserter(kept));
    FileOutcome f{path,
                  "chat_log",
                  encoding_name(r.encoding),
                  r.rows,
                  0,
                  static_cast<std::int64_t>(r.rejects.size()),
                  write_rejects_file(path, r.rejects, options.rejects_dir),
                  {}};
    f.source = r.source;
    f.layout = r.layout;
    f.naive_times = r.naive_times;
    outcomes.push_back(std::move(f));
  }
  std::string source;
  for (const auto& f : files) source += (source.empty() ? "" : " ") + f;
  // Every run adds: the days these logs touch are recomputed with what earlier runs kept of them.
  JoinedSessions joined = locked_join(events, store, lock);
  const chatlog::ChatEvents& all = joined.joined() ? joined.events : events;
  joined_out = joined_outcome(joined);
  batch.sessions = std::move(joined.keep);
  std::vector<store::StoredValue> out = recomputed_values(all, source, options, platforms);
  outcomes.back().values = static_cast<std::int64_t>(out.size());  // the values of all the logs together
  batch.recomputed_days = whole_days(out);
  // The last messages of the sessions with a finding: a second, filtered reading of the logs,
  // joined with those earlier runs kept.
  batch.explain =
      explain_batch(all, options.definitions, out, options.explain, options.today,
                    [&](const std::unordered_set<std::string>& wanted, std::size_t n, chatlog::SessionTails& tails) {
                      for (const auto& f : files)
                        chatlog::read_session_tails(f, wanted, n, tails, chat_read_options(options));
                      add_stored_tails(joined.stored_messages, n, tails, wanted);
                    });
  auto platform = platform_values(all, source, options);
  for (const PlatformDefinition& pd : options.platform_definitions)
    batch.recomputed_figures.push_back({pd.platform, pd.native_name});
  outcomes.back().platform_values = static_cast<std::int64_t>(platform.size());
  out.insert(out.end(), std::make_move_iterator(platform.begin()), std::make_move_iterator(platform.end()));
  outcomes.back().values = static_cast<std::int64_t>(out.size());
  // QC (docs/report.md "Compliance"): the days' counts and hits, with those earlier runs kept.
  if (scanner) batch.qc = qc_batch(all, events, joined.stored_days, kept, *scanner, store, qc);
  return out;
}

std::vector<store::StoredValue> native_values(const std::string& path, const IngestOptions& options,
                                              const PluginRegistry& registry, std::vector<FileOutcome>& outcomes) {
  if (options.platform.empty())
    throw std::runtime_error(path +
                             ": not a canonical chat log, so it is read as a platform export: give --platform "
                             "(and --shop when the export does not name its shop)");
  const LoadedPlugin& plugin = registry.require(options.platform);
  const metrics::NativeFile native =
      metrics::import_native_file(plugin, path, options.shop, options.day, options.encoding, options.rejects_dir,
                                  options.sheet);
  const auto definitions = native_definitions(plugin);
  std::vector<store::StoredValue> out;
  for (const MetricValue& v : native.result.values) out.push_back(native_value(v, definitions, path));
  outcomes.push_back({path, "native_export", native.encoding, native.result.rows_read,
                      static_cast<std::int64_t>(out.size()), static_cast<std::int64_t>(native.result.rejects.size()),
                      native.rejects_file, native.result.notes});
  outcomes.back().source = native.source;
  return out;
}

// A dated copy of each touched platform's normalized rules and words, when they changed.
// A plugin whose data cannot be read costs its snapshot, not the ingest already committed.
void snapshot(const std::set<std::string>& platforms, const PluginRegistry& registry, store::Store& store,
              IngestOutcome& out) {
  std::vector<std::string>& stored = out.snapshots;
  const std::string today = calendar::today_in_china();
  for (const std::string& id : platforms) {
    const LoadedPlugin* plugin = registry.find(id);
    if (!plugin) continue;
    try {
      const RuleSet own = rules::plugin_rule_set(*plugin);
      if (store.snapshot(id, "rules", today, json::write(own))) stored.push_back(id + " rules");
      if (const auto& words = plugin->valid_words(); words && store.snapshot(id, "words", today, json::write(*words)))
        stored.push_back(id + " words");
    } catch (const std::exception& e) {
      out.warnings.push_back("no snapshot of " + id + ": " + e.what());
    }
  }
}

}  // namespace

bool is_chat_log(const std::string& path, const chatlog::Layouts* layouts, const std::string& sheet) {
  return chatlog::detect_file(path, layouts ? *layouts : chatlog::Layouts(), sheet).is_chat_log();
}

namespace {

IngestOutcome ingest_once(const std::vector<std::string>& files, const IngestOptions& options,
                          const PluginRegistry& registry, store::Store& store,
                          const std::function<void(std::size_t)>& after_each) {
  IngestOutcome out;
  std::vector<std::string> chats, exports;
  for (const std::string& f : files) (is_chat_log(f, options.layouts, options.sheet) ? chats : exports).push_back(f);

  // Read everything first: a file that cannot be used stops the ingest before anything is written.
  std::set<std::string> platforms;
  store::IngestBatch batch;
  std::unique_ptr<store::WriteLock> lock;  // from reading the stored sessions to the batch's commit
  batch.values = chat_values(chats, options, store, lock, out.files, platforms, batch, out.joined, out.qc);
  batch.explain.keep_from = retention_cutoff(options.explain, options.today);
  for (const std::string& path : exports) {
    auto values = native_values(path, options, registry, out.files);
    batch.values.insert(batch.values.end(), std::make_move_iterator(values.begin()),
                        std::make_move_iterator(values.end()));
    platforms.insert(options.platform);
  }
  batch.kind = exports.empty() ? "chat_log" : chats.empty() ? "native_export" : "mixed";
  for (const auto& f : files) batch.source += (batch.source.empty() ? "" : " ") + f;
  out.summary = store.ingest(batch, after_each);
  lock.reset();
  snapshot(platforms, registry, store, out);
  return out;
}

// A store may refuse a transaction that succeeds when run again (PostgreSQL: a deadlock or a
// serialization failure between two kefus writing at once). The run is read and written again,
// a few times, each retry said through on_retry; then it fails saying so.
template <class Run>
auto with_retries(const IngestOptions& options, Run run) {
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    try {
      return run();
    } catch (const store::RetryableError& e) {
      if (attempt == kAttempts)
        throw std::runtime_error(std::string(e.what()) + "; gave up after " + std::to_string(kAttempts) +
                                 " tries. Run it again when the other ingests have finished");
      if (options.on_retry) options.on_retry(attempt + 1, kAttempts, e.what());
    }
  }
}

FetchOutcome ingest_fetched_once(const FetchResult& fetched, const LoadedPlugin& plugin, const std::string& source,
                                 const PluginRegistry& registry, store::Store& store, const IngestOptions& options) {
  FetchOutcome out;
  std::set<std::string> platforms{plugin.info().id};
  store::IngestBatch batch;
  batch.source = source;
  batch.kind = "api";
  const auto definitions = native_definitions(plugin);
  for (const MetricValue& v : fetched.values) batch.values.push_back(native_value(v, definitions, source));
  chatlog::ChatEvents events;
  const chatlog::ChatReadResult read = chatlog::add_messages(fetched.messages, events, closing_rule(options));
  out.messages = read.rows;
  out.rejected = static_cast<std::int64_t>(read.rejects.size());
  for (const Reject& r : read.rejects)
    out.reject_reasons.push_back("message " + std::to_string(r.line) + ": " + r.reason);
  std::unique_ptr<store::WriteLock> lock;  // from reading the stored sessions to the batch's commit
  JoinedSessions joined = locked_join(events, store, lock);
  const chatlog::ChatEvents& all = joined.joined() ? joined.events : events;
  out.joined = joined_outcome(joined);
  batch.sessions = std::move(joined.keep);
  auto recomputed = recomputed_values(all, source, options, platforms);
  batch.recomputed_days = whole_days(recomputed);
  // The messages are at hand: the last ones of a session are taken from them, in R2 order.
  batch.explain = explain_batch(
      all, options.definitions, recomputed, options.explain, options.today,
      [&](const std::unordered_set<std::string>& wanted, std::size_t n, chatlog::SessionTails& tails) {
        std::string key;
        for (const ChatMessage& m : fetched.messages) {
          chatlog::session_key(key, m.platform, m.shop_id, m.session_id);
          if (wanted.contains(key)) tails[key].push_back({m.ts_ms, m.sender, m.agent_id, m.event, m.content});
        }
        for (auto& [k, messages] : tails) {
          std::stable_sort(messages.begin(), messages.end(),
                           [](const chatlog::TailMessage& a, const chatlog::TailMessage& b) { return a.ts < b.ts; });
          if (messages.size() > n) messages.erase(messages.begin(), messages.end() - static_cast<std::ptrdiff_t>(n));
        }
        add_stored_tails(joined.stored_messages, n, tails, wanted);
      });
  batch.values.insert(batch.values.end(), std::make_move_iterator(recomputed.begin()),
                      std::make_move_iterator(recomputed.end()));
  out.values = static_cast<std::int64_t>(batch.values.size());
  if (options.qc) {
    QcScanner scanner(options.qc);
    std::vector<chatlog::KeptRow> kept;
    for (const ChatMessage& m : fetched.messages)
      if (m.ts_ms > 0 && m.sender == "agent" && (m.event == "msg" || m.event.empty()) &&
          scanner.keep(m.platform, m.content))
        kept.push_back({m.platform, m.shop_id, m.session_id, m.agent_id, m.content, m.ts_ms});
    batch.qc = qc_batch(all, events, joined.stored_days, kept, scanner, store, out.qc);
  }
  out.summary = store.ingest(batch);
  lock.reset();
  IngestOutcome snap;
  snapshot(platforms, registry, store, snap);
  out.snapshots = std::move(snap.snapshots);
  out.warnings = std::move(snap.warnings);
  return out;
}

}  // namespace

IngestOutcome ingest_files(const std::vector<std::string>& files, const IngestOptions& options,
                           const PluginRegistry& registry, store::Store& store,
                           const std::function<void(std::size_t)>& after_each) {
  return with_retries(options, [&] { return ingest_once(files, options, registry, store, after_each); });
}

FetchOutcome ingest_fetched(const FetchResult& fetched, const LoadedPlugin& plugin, const std::string& source,
                            const PluginRegistry& registry, store::Store& store, const IngestOptions& options) {
  return with_retries(options, [&] { return ingest_fetched_once(fetched, plugin, source, registry, store, options); });
}

}  // namespace kefu::host::ingest
