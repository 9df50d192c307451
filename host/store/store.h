// The store: metric values from every source (native exports, chat logs recomputed, APIs) on
// one schema, plus dated snapshots of each platform's normalized rules and word lists.
//
// Kept behind this narrow interface so that the engines never see which backend holds it: an
// SQLite file (the zero-setup default) or a PostgreSQL database a team shares (docs/scale.md).
// They only ingest a batch (all or nothing) and read values back by period.
#pragma once

#include <kefu/model.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kefu::host::store {

// The origin of a platform's own definition run on chat logs by the host (`kefu ingest --assume`,
// docs/metrics.md "Platform definitions computed"). Host only: no plugin can claim it (the SDK's
// origin::all does not hold it), and the report never puts it in the canonical grid.
inline constexpr std::string_view kPlatformRecomputed = "platform_recomputed";

struct StoredValue {
  // Natural key: platform, shop_id, agent_id, day, metric, origin, native_name. The native name
  // keeps two platform figures that map to one canonical key apart (schema version 3).
  MetricValue value;
  // A ratio or mean also keeps what it divides, so a week is sum(numerator) / sum(denominator)
  // and never an average of daily ratios. Absent for native figures the platform gives as is.
  std::optional<double> numerator, denominator;
  std::string definition;  // the definition the value was computed under
  std::string source;      // the file (or API call) it came from
};

// What `kefu explain` needs once the chat logs are gone (docs/metrics.md, "Explaining a figure"):
// the units that missed, and the last messages of their sessions. The units a rate divides are
// not repeated here: they are the denominators of the stored values.

// A shop's day whose explanations an ingest stores (or, under the retention, does not keep).
struct ExplainDay {
  std::string platform, shop_id, day;  // YYYY-MM-DD, +08:00
  std::string definition;              // kefu/1 | kefu/2: of every finding of the day
  bool kept = true;                    // false: the retention keeps no findings or messages for it
  std::int64_t messages = 0;           // the last messages kept per session with a finding
};

// One unit that kept a rate below 100 %, in one view.
struct StoredFinding {
  std::string platform, shop_id, day, metric;
  // "" the shop's view; else the agent whose own view it is (where that is not the shop's
  // findings of the agent: kefu/2's agent-view times, metrics::agent_view_is_shop_view).
  std::string view;
  std::int64_t ordinal = 0;               // order within (shop, day, metric, view): the log's session order
  std::string session_id, agent, reason;  // reason: metrics::shortfall_name
  std::int64_t asked_ms = 0;
  std::int64_t delay_ms = -1;  // late: how long the answer took; else -1
};

// One of the last messages of a session with a finding (every sender, transfers included).
struct StoredMessage {
  std::string platform, shop_id, day, session_id;  // day: the session's (R4)
  std::int64_t seq = 0;                            // 0 = the oldest kept, in R2 order
  std::int64_t ts = 0;                             // epoch ms
  std::string sender, agent_id, event, content;
};

struct ExplainBatch {
  // The days this batch explains: their findings and messages replace what was stored for them.
  std::vector<ExplainDay> days;
  std::vector<StoredFinding> findings;
  std::vector<StoredMessage> messages;
  // Retention: every day before this one (YYYY-MM-DD) loses its findings and messages; "" keeps
  // them all. "9999-12-31" keeps nothing.
  std::string keep_from;
};

// A conversation as a later run needs it to add its own rows to the same day (docs/report.md
// "Every run adds"): its rows without their content, encoded by chatlog/session_rows.h.
struct StoredSession {
  std::string platform, shop_id, session_id;
  std::string day;         // R4 (+08:00): of its first customer message, else of its first row
  std::int64_t order = 0;  // when it was first seen, across runs: a day's session order
  std::string rows;        // opaque to the store
};

// Sessions of one shop on any of `days`, or with any of `session_ids`.
struct SessionQuery {
  std::string platform, shop_id;
  std::vector<std::string> days, session_ids;
};

// Quality control (QC, docs/report.md "Compliance"): a chat-log ingest scans each agent message
// against the word list `kefu scan --platform P` uses for the shop's platform, and keeps the hits
// and how many agent messages were scanned, per shop, day (the session's, R4) and agent.

// How many agent messages of a shop's day an agent wrote (all of them scanned). agent_id "" is
// the whole shop: its row says the day was scanned at all, so a day with no hit reads 0 hits, not
// "not scanned".
struct QcDay {
  std::string platform, shop_id, day, agent_id;  // day: YYYY-MM-DD (+08:00), the session's (R4)
  std::int64_t messages = 0;
  // Some of the day's messages were stored by a kefu that did not scan (before schema 6), so
  // `messages` counts some that were never scanned.
  bool partial = false;
};

// One hit in one agent message. Natural key: platform, shop_id, day, agent_id, session_id, ts,
// message, occurrence, begin. `message` and `occurrence` say which message: the content's hash,
// and the n-th message of one session, instant, agent and content (a row a log repeats), so a
// re-ingest finds the same hits under the same keys and a later run carrying the same message
// replaces its hits instead of adding them again.
struct QcHit {
  std::string platform, shop_id, day, agent_id, session_id;
  std::int64_t ts = 0;          // the message's instant, epoch ms
  std::int64_t message = 0;     // FNV-1a 64 of the content (as a signed 64-bit number)
  std::int64_t occurrence = 0;  // 0: the first such message
  std::int64_t begin = 0, length = 0;  // UTF-8 bytes within the content
  std::string category;
  std::string severity;  // block | warn | unknown (a category whose stance on the platform is not known)
  std::string stance;    // the platform's stance on the category: banned | allowed | unknown | listed
  std::string term, text, mode, sentence;  // mode: words::hit_mode_name; sentence: words::sentence_around
};

// The QC of an ingest: the shop days it holds whole (their stored counts and hits are replaced by
// these), with the hits earlier runs found in messages this run did not carry kept among `hits`.
struct QcBatch {
  struct ShopDay {
    std::string platform, shop_id, day;
    auto operator<=>(const ShopDay&) const = default;
  };
  std::vector<ShopDay> days;
  std::vector<QcDay> counts;
  std::vector<QcHit> hits;
};

struct QcQuery {
  std::string from, to;                       // days, inclusive
  std::vector<std::string> platforms, shops;  // empty: all
};

struct StoredQc {
  std::vector<QcDay> days;  // by platform, shop, day, agent
  std::vector<QcHit> hits;  // by platform, shop, day, ts, agent, session, begin
};

struct IngestBatch {
  std::string source;  // what was ingested, for the ingests log: file names or a fetch range
  std::string kind;    // chat_log | native_export | api
  std::vector<StoredValue> values;
  ExplainBatch explain;  // written in the same transaction as the values
  std::vector<StoredSession> sessions;  // upserted by (platform, shop_id, session_id), same transaction
  // Shop days whose canonical recomputed values (origin "recomputed") this batch holds whole: a
  // stored one of them that the batch does not hold (an agent row the day no longer has) is
  // removed, so that the day reads as the batch computed it.
  struct ShopDay {
    std::string platform, shop_id, day;
    auto operator<=>(const ShopDay&) const = default;
  };
  std::vector<ShopDay> recomputed_days;
  // The platform definitions (platform, native name) this batch computed over those days: their
  // stored figures (origin platform_recomputed) on those days that the batch does not hold are
  // removed too. A definition the batch did not compute (its plugin refused this run) keeps its.
  struct PlatformFigure {
    std::string platform, native_name;
    auto operator<=>(const PlatformFigure&) const = default;
  };
  std::vector<PlatformFigure> recomputed_figures;
  QcBatch qc;  // written in the same transaction as the values
};

struct IngestSummary {
  std::int64_t id = 0;         // the ingest's number in the store
  std::int64_t written = 0;    // values inserted or changed
  std::int64_t unchanged = 0;  // values already stored with the same content (a re-ingest)
  // Values of the batch whose natural key an earlier value of the same batch had (the last one
  // is kept): written + unchanged is how many values the store keeps of this batch.
  std::int64_t superseded = 0;
};

struct ExplainQuery {
  std::string from, to;  // days, inclusive
  std::string platform;  // "": any
  std::string shop_id;
  std::string metric;
  std::string view;  // StoredFinding::view
};

struct StoredExplanation {
  std::vector<ExplainDay> days;         // the shop's explained days in the period, kept or not
  std::vector<StoredFinding> findings;  // by day, platform, ordinal
  std::vector<StoredMessage> messages;  // of the findings' sessions, by session and seq
};

struct ValueQuery {
  std::string from, to;                       // days, inclusive
  std::vector<std::string> platforms, shops;  // empty: all
  // Kefu's own values (origin recomputed, platform_recomputed) of single agents are read only
  // from this day on ("": from `from`; "9999-12-31": none). A shop report shows none of them and
  // an agent report only its periods', so neither reads the lookback's agent days.
  std::string agents_from = {};
  // false: Kefu's own values (recomputed, platform_recomputed) come without their source, the
  // files of their ingest (a report names only the platforms' figures' sources; at 200 shops the
  // copies were a quarter of an agent report's memory).
  bool own_sources = true;
};

// The schema version this kefu writes and reads. Each backend has one migration per version
// (SQLite: sqlite_store.cpp, PostgreSQL: postgres_migrations.cpp) and checks at compile time that
// its list is this long: a migration added to one backend does not build without its twin.
inline constexpr int kSchemaVersion = 6;

// A store refused a transaction that may well succeed when run again: PostgreSQL's
// serialization failure (SQLSTATE 40001) or deadlock (40P01), which abort the transaction. The
// caller runs the whole read-then-write again (ingest::ingest_files does, a few times).
struct RetryableError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Held from before an ingest reads what earlier runs stored of its shops until Store::ingest
// commits (or this is dropped: then nothing is written). See Store::lock_shops.
class WriteLock {
 public:
  virtual ~WriteLock() = default;
};

struct ShopKey {
  std::string platform, shop_id;
  auto operator<=>(const ShopKey&) const = default;
};

class Store {
 public:
  virtual ~Store() = default;

  // Every run adds (docs/report.md): an ingest of chat logs reads the sessions earlier runs kept
  // of its shops' days, recomputes the days with them, then writes. Two runs on one shop day (a
  // morning's and an afternoon's export, on two machines) must not both read before either
  // writes, or the later write drops the earlier run's sessions from the day's figures. So the
  // run takes the write lock for its shops before it reads, and the next ingest() on this store
  // writes inside that same transaction and commits it. SQLite: BEGIN IMMEDIATE (one writer at a
  // time; readers go on). PostgreSQL: a transaction-level advisory lock per shop, in sorted
  // order (runs on other shops go on; none can deadlock on them).
  virtual std::unique_ptr<WriteLock> lock_shops(std::vector<ShopKey> shops) = 0;

  // Upserts the batch in one transaction: on any failure (or a kill) the store is as it was.
  // `after_each` (tests) runs after each value is written, inside the transaction.
  virtual IngestSummary ingest(const IngestBatch& batch, const std::function<void(std::size_t)>& after_each = {}) = 0;

  virtual std::vector<StoredValue> values(const ValueQuery& query) const = 0;

  // What explains `query.metric` for one shop and period, as ingests stored it.
  virtual StoredExplanation explanation(const ExplainQuery& query) const = 0;

  // The QC counts and hits of a period (schema 6), of the shops and platforms asked.
  virtual StoredQc qc(const QcQuery& query) const = 0;

  // The conversations earlier runs kept (schema 4), ordered by `order`; and the highest order
  // given so far (0: none), from which a run numbers the sessions it sees first.
  virtual std::vector<StoredSession> sessions(const SessionQuery& query) const = 0;
  virtual std::int64_t last_session_order() const = 0;
  // Every message kept for explain of one shop's day (all its sessions), by session and seq.
  virtual std::vector<StoredMessage> day_messages(const std::string& platform, const std::string& shop_id,
                                                  const std::string& day) const = 0;

  // Keeps `body` as the platform's latest `kind` (rules | words) snapshot, dated `day`, unless
  // it equals the latest one. True when a new snapshot was stored.
  virtual bool snapshot(const std::string& platform, const std::string& kind, const std::string& day,
                        const std::string& body) = 0;
  virtual std::vector<std::string> snapshot_days(const std::string& platform, const std::string& kind) const = 0;

  virtual int schema_version() const = 0;
};

struct OpenOptions {
  // read_only (kefu report): the store must exist and hold a kefu schema; nothing is written,
  // not even a schema into an empty file.
  bool read_only = false;
  // How long to wait for another kefu that is writing before giving up with a clear message.
  // Readers never wait for a writer (the store is in WAL mode): they read the last committed
  // ingest. A writer waits for the other writer's whole ingest, so the default is long.
  int busy_timeout_ms = 600000;
  // Called once when this kefu starts waiting for another one's write (to say so: a second
  // `kefu ingest` on one store waits, it does not fail).
  std::function<void()> on_wait = {};
};

// Opens (creating when missing, migrating when older) the SQLite store at `path`. Callers outside
// host/store use open_store (store/open_store.h), which also takes a PostgreSQL URL. The store is
// opened by its own name only: a symbolic link, a pipe or a device there is refused, and so is
// another program's SQLite database. Throws std::runtime_error naming the file, what is wrong
// and what to do — also for a store that is locked by another kefu, damaged or on a full disk.
std::unique_ptr<Store> open_sqlite_store(const std::string& path, const OpenOptions& options = {});

// The message for an SQLite error on the store `path` (code: the SQLite result code): the file,
// what happened, and what to do.
std::string store_error(const std::string& path, int code, const std::string& sqlite_message);

}  // namespace kefu::host::store
