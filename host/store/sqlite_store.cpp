// The SQLite store (Debian libsqlite3): one file, versioned schema, one transaction per ingest.
#include "store/store.h"

#include <kefu/json.hpp>

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <type_traits>

namespace kefu::host::store {
namespace {

// Each migration takes the schema from version i to i + 1; never edit one that has shipped.
// Schema 1: metric values, the ingests log, snapshots.
constexpr std::string_view kMigrationValues = R"sql(
CREATE TABLE metric_values (
  platform     TEXT NOT NULL,
  shop_id      TEXT NOT NULL,
  agent_id     TEXT NOT NULL,          -- '' = the whole shop
  day          TEXT NOT NULL,          -- YYYY-MM-DD, +08:00
  metric       TEXT NOT NULL,          -- canonical key, or the native name when it maps to none
  origin       TEXT NOT NULL,          -- native_export | recomputed | api
  native_name  TEXT NOT NULL,
  value        REAL,                   -- NULL while pending
  numerator    REAL,
  denominator  REAL,
  availability TEXT NOT NULL,          -- available | pending
  definition   TEXT NOT NULL,
  source       TEXT NOT NULL,
  ingest_id    INTEGER NOT NULL REFERENCES ingests(id),
  PRIMARY KEY (platform, shop_id, agent_id, day, metric, origin)
) WITHOUT ROWID;
CREATE INDEX metric_values_by_day ON metric_values(day);
CREATE TABLE ingests (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,              -- UTC, ISO-8601
  kind     TEXT NOT NULL,
  source   TEXT NOT NULL,
  written  INTEGER NOT NULL,
  unchanged INTEGER NOT NULL
);
CREATE TABLE snapshots (
  platform TEXT NOT NULL,
  kind     TEXT NOT NULL,              -- rules | words
  day      TEXT NOT NULL,
  body     TEXT NOT NULL,              -- the normalized model, JSON
  PRIMARY KEY (platform, kind, day)
);
)sql";

// What `kefu explain` reads once the chat logs are gone (docs/metrics.md, "Explaining a figure").
// Schema 2, as shipped: it creates only its own tables. The units a rate divides are the
// metric_values denominators, not repeated here; the definition is the day's (explain_days),
// not repeated per finding.
constexpr std::string_view kMigrationExplain = R"sql(
CREATE TABLE explain_days (
  shop_id    TEXT NOT NULL,
  platform   TEXT NOT NULL,
  day        TEXT NOT NULL,             -- YYYY-MM-DD, +08:00
  definition TEXT NOT NULL,             -- kefu/1 | kefu/2, of every finding of the day
  kept       INTEGER NOT NULL,          -- 1 findings and messages stored; 0 not kept (retention)
  messages   INTEGER NOT NULL,          -- last messages kept per session with a finding
  ingest_id  INTEGER NOT NULL REFERENCES ingests(id),
  PRIMARY KEY (shop_id, platform, day)
) WITHOUT ROWID;
CREATE INDEX explain_days_by_day ON explain_days(day);
CREATE TABLE explain_findings (
  shop_id    TEXT NOT NULL,
  platform   TEXT NOT NULL,
  day        TEXT NOT NULL,
  metric     TEXT NOT NULL,             -- reply_rate | within_30s_rate | within_3min_rate
  view       TEXT NOT NULL,             -- '' the shop's; else the agent whose own view it is
  ordinal    INTEGER NOT NULL,          -- the log's session order within the day
  session_id TEXT NOT NULL,
  agent      TEXT NOT NULL,             -- whose miss it is
  reason     TEXT NOT NULL,             -- closing_courtesy | open_at_transfer | ... | unanswered
  asked_ms   INTEGER NOT NULL,          -- the missed turn's first message, epoch ms
  delay_ms   INTEGER,                   -- late: how long the answer took; else NULL
  PRIMARY KEY (shop_id, platform, day, metric, view, ordinal)
) WITHOUT ROWID;
CREATE TABLE explain_messages (
  shop_id    TEXT NOT NULL,
  platform   TEXT NOT NULL,
  day        TEXT NOT NULL,             -- the session's day
  session_id TEXT NOT NULL,
  seq        INTEGER NOT NULL,          -- 0 = the oldest kept
  ts         INTEGER NOT NULL,          -- epoch ms
  sender     TEXT NOT NULL,
  agent_id   TEXT NOT NULL,
  event      TEXT NOT NULL,
  content    TEXT NOT NULL,             -- customer data: kept only under explain.keep_days
  PRIMARY KEY (shop_id, platform, day, session_id, seq)
) WITHOUT ROWID;
)sql";

// Schema 3: a native figure is known by its native name too. Douyin exports 3分钟人工回复率 and
// 3分钟人工回复率(会话), both mapped to within_3min_rate; keyed on the canonical key alone, the
// second replaced the first. SQLite cannot change a primary key in place, so the table is
// copied (every row of version 2 is kept: under the old key no two rows can collide now).
// Recomputed values spell native_name as their key, so for them nothing changes.
constexpr std::string_view kMigrationNativeName = R"sql(
CREATE TABLE metric_values_2 (
  platform     TEXT NOT NULL,
  shop_id      TEXT NOT NULL,
  agent_id     TEXT NOT NULL,          -- '' = the whole shop
  day          TEXT NOT NULL,          -- YYYY-MM-DD, +08:00
  metric       TEXT NOT NULL,          -- canonical key, or the native name when it maps to none
  origin       TEXT NOT NULL,          -- native_export | recomputed | api
  native_name  TEXT NOT NULL,          -- the platform's name; the key itself for recomputed values
  value        REAL,                   -- NULL while pending
  numerator    REAL,
  denominator  REAL,
  availability TEXT NOT NULL,          -- available | pending
  definition   TEXT NOT NULL,
  source       TEXT NOT NULL,
  ingest_id    INTEGER NOT NULL REFERENCES ingests(id),
  PRIMARY KEY (platform, shop_id, agent_id, day, metric, origin, native_name)
) WITHOUT ROWID;
INSERT INTO metric_values_2
  SELECT platform, shop_id, agent_id, day, metric, origin, native_name, value, numerator, denominator,
         availability, definition, source, ingest_id FROM metric_values;
DROP TABLE metric_values;
ALTER TABLE metric_values_2 RENAME TO metric_values;
CREATE INDEX metric_values_by_day ON metric_values(day);
)sql";

// Schema 4: every run adds, none erases. Each conversation's rows (instants, kinds, agents; no
// content) are kept so that a later run carrying more of the same day — the afternoon's export
// after the morning's — recomputes the day from all of them instead of replacing it. Stores of
// schema 3 keep their values; their days have no sessions, which ingest notes when it adds to one.
constexpr std::string_view kMigrationSessions = R"sql(
CREATE TABLE chat_sessions (
  platform   TEXT NOT NULL,
  shop_id    TEXT NOT NULL,
  session_id TEXT NOT NULL,
  day        TEXT NOT NULL,             -- R4, +08:00: of its first customer message, else of its first row
  ord        INTEGER NOT NULL,          -- when it was first seen, across runs (a day's session order)
  rows       BLOB NOT NULL,             -- chatlog/session_rows.h: instants, kinds, agent ids; no content
  ingest_id  INTEGER NOT NULL REFERENCES ingests(id),
  PRIMARY KEY (platform, shop_id, session_id)
) WITHOUT ROWID;
CREATE INDEX chat_sessions_by_day ON chat_sessions(platform, shop_id, day);
)sql";

constexpr std::array<std::string_view, 4> kMigrations = {kMigrationValues, kMigrationExplain, kMigrationNativeName,
                                                         kMigrationSessions};

// The primary key of metric_values as one string (fields joined by a byte no text holds).
std::string natural_key(const MetricValue& v) {
  std::string key;
  for (const std::string* f : {&v.platform, &v.shop_id, &v.agent_id, &v.day, &v.metric, &v.origin, &v.native_name})
    key.append(*f).push_back('\x1f');
  return key;
}

// The store's own name for errors (the connection knows it once open).
std::string db_path(sqlite3* db) {
  const char* f = sqlite3_db_filename(db, "main");
  return f && *f ? f : "(the store)";
}

[[noreturn]] void fail(sqlite3* db) {
  throw std::runtime_error(store_error(db_path(db), sqlite3_extended_errcode(db), sqlite3_errmsg(db)));
}

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) fail(db);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, std::string_view text) {
    check(sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind(int i, std::optional<double> v) {
    check(v ? sqlite3_bind_double(stmt_, i, *v) : sqlite3_bind_null(stmt_, i));
    return *this;
  }
  Statement& bind_blob(int i, std::string_view bytes) {
    check(sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT));
    return *this;
  }
  std::string blob(int col) const {
    const void* p = sqlite3_column_blob(stmt_, col);
    return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : "";
  }
  Statement& bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
  }
  bool step() {  // true: a row is ready
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_);
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : "";
  }
  std::optional<double> real(int col) const {
    if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_double(stmt_, col);
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) fail(db_);
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, const OpenOptions& options) : path_(path), read_only_(options.read_only) {
    check_store_file(path, options.read_only);
    // NOFOLLOW: were a link put at the name after the check, SQLite refuses it too.
    const int flags =
        SQLITE_OPEN_NOFOLLOW | (read_only_ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string why = db_ ? store_error(path, sqlite3_extended_errcode(db_), sqlite3_errmsg(db_))
                                  : "cannot open the store " + path + ": out of memory";
      sqlite3_close(db_);
      throw std::runtime_error(why);
    }
    sqlite3_busy_timeout(db_, options.busy_timeout_ms);  // another kefu writing: wait for it rather than fail
    try {
      exec("PRAGMA foreign_keys = ON");
      if (read_only_)
        check_schema();
      else
        migrate();
    } catch (...) {
      sqlite3_close(db_);
      throw;
    }
  }
  ~SqliteStore() override { sqlite3_close(db_); }

  IngestSummary ingest(const IngestBatch& batch, const std::function<void(std::size_t)>& after_each) override {
    Transaction tx(*this);
    IngestSummary summary;
    Statement log(db_,
                  "INSERT INTO ingests(at, kind, source, written, unchanged) "
                  "VALUES (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?, 0, 0)");
    log.bind(1, batch.kind).bind(2, batch.source).step();
    summary.id = sqlite3_last_insert_rowid(db_);
    // The WHERE makes an identical re-ingest a no-op (changes() == 0), so it is counted as such.
    Statement upsert(db_, R"sql(
      INSERT INTO metric_values(platform, shop_id, agent_id, day, metric, origin, native_name, value, numerator,
                                denominator, availability, definition, source, ingest_id)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
      ON CONFLICT(platform, shop_id, agent_id, day, metric, origin, native_name) DO UPDATE SET
        value = excluded.value, numerator = excluded.numerator,
        denominator = excluded.denominator, availability = excluded.availability,
        definition = excluded.definition, source = excluded.source, ingest_id = excluded.ingest_id
      WHERE value IS NOT excluded.value
         OR numerator IS NOT excluded.numerator OR denominator IS NOT excluded.denominator
         OR availability IS NOT excluded.availability OR definition IS NOT excluded.definition)sql");
    // A key met twice in one batch keeps its last value; it is counted once, as superseded, so
    // that written + unchanged is what the store keeps of this batch.
    std::set<std::string> keys;
    for (std::size_t i = 0; i < batch.values.size(); ++i) {
      const StoredValue& s = batch.values[i];
      const MetricValue& v = s.value;
      const bool again = !keys.insert(natural_key(v)).second;
      const bool pending = v.availability == Availability::pending;
      upsert.bind(1, v.platform)
          .bind(2, v.shop_id)
          .bind(3, v.agent_id)
          .bind(4, v.day)
          .bind(5, v.metric)
          .bind(6, v.origin)
          .bind(7, v.native_name)
          .bind(8, pending ? std::nullopt : std::optional<double>(v.value))
          .bind(9, s.numerator)
          .bind(10, s.denominator)
          .bind(11, json::detail::enum_name(v.availability))
          .bind(12, s.definition)
          .bind(13, s.source)
          .bind(14, summary.id);
      upsert.step();
      if (again)
        ++summary.superseded;
      else
        (sqlite3_changes(db_) ? summary.written : summary.unchanged)++;
      upsert.reset();
      if (after_each) after_each(i + 1);
    }
    drop_stale_recomputed(batch, keys);
    write_explain(batch.explain, summary.id);
    write_sessions(batch.sessions, summary.id);
    Statement done(db_, "UPDATE ingests SET written = ?, unchanged = ? WHERE id = ?");
    done.bind(1, summary.written).bind(2, summary.unchanged).bind(3, summary.id).step();
    tx.commit();
    return summary;
  }

  std::vector<StoredValue> values(const ValueQuery& query) const override {
    // Shops without platforms: every stored platform, so the primary key (platform, shop_id, ...)
    // finds the shops' rows instead of the day index walking every shop's days.
    ValueQuery with_platforms;
    if (query.platforms.empty() && !query.shops.empty()) {
      with_platforms = query;
      with_platforms.platforms = stored_platforms();
      if (with_platforms.platforms.empty()) return {};
    }
    const ValueQuery& q = with_platforms.platforms.empty() ? query : with_platforms;
    std::string sql =
        "SELECT platform, shop_id, agent_id, day, metric, origin, native_name, value, numerator, denominator, "
        "availability, definition, source FROM metric_values WHERE day >= ?1 AND day <= ?2";
    auto in_list = [&](const char* column, const std::vector<std::string>& items, int first) {
      if (items.empty()) return;
      sql += std::string(" AND ") + column + " IN (";
      for (std::size_t i = 0; i < items.size(); ++i) sql += (i ? ",?" : "?") + std::to_string(first + i);
      sql += ")";
    };
    in_list("platform", q.platforms, 3);
    in_list("shop_id", q.shops, 3 + static_cast<int>(q.platforms.size()));
    sql += " ORDER BY platform, shop_id, agent_id, day, metric, origin, native_name";
    Statement s(db_, sql);
    s.bind(1, q.from).bind(2, q.to);
    int i = 3;
    for (const auto& p : q.platforms) s.bind(i++, p);
    for (const auto& p : q.shops) s.bind(i++, p);
    std::vector<StoredValue> out;
    while (s.step()) {
      StoredValue v;
      v.value.platform = s.text(0);
      v.value.shop_id = s.text(1);
      v.value.agent_id = s.text(2);
      v.value.day = s.text(3);
      v.value.metric = s.text(4);
      v.value.origin = s.text(5);
      v.value.native_name = s.text(6);
      v.value.value = s.real(7).value_or(0);
      v.numerator = s.real(8);
      v.denominator = s.real(9);
      json::detail::enum_from_name(s.text(10), v.value.availability);
      v.definition = s.text(11);
      v.source = s.text(12);
      out.push_back(std::move(v));
    }
    return out;
  }

  // The distinct platforms of metric_values, one primary-key seek each.
  std::vector<std::string> stored_platforms() const {
    std::vector<std::string> out;
    Statement next(db_, "SELECT platform FROM metric_values WHERE platform > ?1 ORDER BY platform LIMIT 1");
    std::string after;
    for (;;) {
      next.bind(1, after);
      if (!next.step()) break;
      after = next.text(0);
      out.push_back(after);
      next.reset();
    }
    return out;
  }

  StoredExplanation explanation(const ExplainQuery& q) const override {
    StoredExplanation out;
    // ?1 shop, ?2 from, ?3 to, ?4 platform ('' any), ?5 metric, ?6 view
    auto bind = [&](Statement& s) {
      s.bind(1, q.shop_id).bind(2, q.from).bind(3, q.to).bind(4, q.platform);
      return &s;
    };
    Statement days(db_, R"sql(
      SELECT platform, day, definition, kept, messages FROM explain_days
      WHERE shop_id = ?1 AND day >= ?2 AND day <= ?3 AND (?4 = '' OR platform = ?4)
      ORDER BY day, platform)sql");
    bind(days);
    while (days.step()) {
      ExplainDay d{days.text(0), q.shop_id, days.text(1), days.text(2), days.integer(3) != 0, days.integer(4)};
      out.days.push_back(std::move(d));
    }
    Statement findings(db_, R"sql(
      SELECT platform, day, ordinal, session_id, agent, reason, asked_ms, delay_ms FROM explain_findings
      WHERE shop_id = ?1 AND day >= ?2 AND day <= ?3 AND (?4 = '' OR platform = ?4) AND metric = ?5 AND view = ?6
      ORDER BY day, platform, ordinal)sql");
    bind(findings)->bind(5, q.metric).bind(6, q.view);
    while (findings.step()) {
      StoredFinding f;
      f.platform = findings.text(0);
      f.shop_id = q.shop_id;
      f.day = findings.text(1);
      f.metric = q.metric;
      f.view = q.view;
      f.ordinal = findings.integer(2);
      f.session_id = findings.text(3);
      f.agent = findings.text(4);
      f.reason = findings.text(5);
      f.asked_ms = findings.integer(6);
      f.delay_ms = findings.real(7) ? findings.integer(7) : -1;
      out.findings.push_back(std::move(f));
    }
    Statement messages(db_, R"sql(
      SELECT m.platform, m.day, m.session_id, m.seq, m.ts, m.sender, m.agent_id, m.event, m.content
      FROM explain_messages m
      WHERE m.shop_id = ?1 AND m.day >= ?2 AND m.day <= ?3 AND (?4 = '' OR m.platform = ?4)
        AND EXISTS (SELECT 1 FROM explain_findings f
                    WHERE f.shop_id = m.shop_id AND f.platform = m.platform AND f.day = m.day
                      AND f.metric = ?5 AND f.view = ?6 AND f.session_id = m.session_id)
      ORDER BY m.platform, m.day, m.session_id, m.seq)sql");
    bind(messages)->bind(5, q.metric).bind(6, q.view);
    while (messages.step()) {
      StoredMessage m;
      m.platform = messages.text(0);
      m.shop_id = q.shop_id;
      m.day = messages.text(1);
      m.session_id = messages.text(2);
      m.seq = messages.integer(3);
      m.ts = messages.integer(4);
      m.sender = messages.text(5);
      m.agent_id = messages.text(6);
      m.event = messages.text(7);
      m.content = messages.text(8);
      out.messages.push_back(std::move(m));
    }
    return out;
  }

  std::vector<StoredSession> sessions(const SessionQuery& q) const override {
    std::map<std::string, StoredSession> found;  // by session id: a day and an id may name one twice
    auto collect = [&](Statement& s) {
      while (s.step()) {
        StoredSession x{q.platform, q.shop_id, s.text(0), s.text(1), s.integer(2), s.blob(3)};
        found.emplace(x.session_id, std::move(x));
      }
      s.reset();
    };
    Statement by_day(db_, "SELECT session_id, day, ord, rows FROM chat_sessions "
                          "WHERE platform = ?1 AND shop_id = ?2 AND day = ?3");
    for (const std::string& day : q.days) {
      by_day.bind(1, q.platform).bind(2, q.shop_id).bind(3, day);
      collect(by_day);
    }
    Statement by_id(db_, "SELECT session_id, day, ord, rows FROM chat_sessions "
                         "WHERE platform = ?1 AND shop_id = ?2 AND session_id = ?3");
    for (const std::string& id : q.session_ids) {
      by_id.bind(1, q.platform).bind(2, q.shop_id).bind(3, id);
      collect(by_id);
    }
    std::vector<StoredSession> out;
    for (auto& [id, x] : found) out.push_back(std::move(x));
    std::sort(out.begin(), out.end(), [](const StoredSession& a, const StoredSession& b) { return a.order < b.order; });
    return out;
  }

  std::int64_t last_session_order() const override {
    Statement s(db_, "SELECT COALESCE(MAX(ord), 0) FROM chat_sessions");
    s.step();
    return s.integer(0);
  }

  std::vector<StoredMessage> day_messages(const std::string& platform, const std::string& shop_id,
                                          const std::string& day) const override {
    Statement s(db_, R"sql(
      SELECT session_id, seq, ts, sender, agent_id, event, content FROM explain_messages
      WHERE shop_id = ?1 AND platform = ?2 AND day = ?3 ORDER BY session_id, seq)sql");
    s.bind(1, shop_id).bind(2, platform).bind(3, day);
    std::vector<StoredMessage> out;
    while (s.step())
      out.push_back({platform, shop_id, day, s.text(0), s.integer(1), s.integer(2), s.text(3), s.text(4), s.text(5),
                     s.text(6)});
    return out;
  }

  bool snapshot(const std::string& platform, const std::string& kind, const std::string& day,
                const std::string& body) override {
    Transaction tx(*this);
    Statement latest(db_, "SELECT body FROM snapshots WHERE platform = ? AND kind = ? ORDER BY day DESC LIMIT 1");
    latest.bind(1, platform).bind(2, kind);
    if (latest.step() && latest.text(0) == body) return false;
    Statement put(db_,
                  "INSERT INTO snapshots(platform, kind, day, body) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT(platform, kind, day) DO UPDATE SET body = excluded.body");
    put.bind(1, platform).bind(2, kind).bind(3, day).bind(4, body).step();
    tx.commit();
    return true;
  }

  std::vector<std::string> snapshot_days(const std::string& platform, const std::string& kind) const override {
    Statement s(db_, "SELECT day FROM snapshots WHERE platform = ? AND kind = ? ORDER BY day");
    s.bind(1, platform).bind(2, kind);
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
  }

  int schema_version() const override {
    Statement s(db_, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.integer(0));
  }

 private:
  // Rolls back unless committed: an exception anywhere in an ingest leaves the store unchanged.
  class Transaction {
   public:
    explicit Transaction(SqliteStore& store) : store_(store) { store_.exec("BEGIN IMMEDIATE"); }
    ~Transaction() {
      if (!done_) sqlite3_exec(store_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void commit() {
      store_.exec("COMMIT");
      done_ = true;
    }

   private:
    SqliteStore& store_;
    bool done_ = false;
  };

  // Inside the ingest's transaction: the recomputed values of each day the batch holds whole
  // that the batch did not write (`written`: its natural keys) — Kefu's own, and the figures of
  // the platform definitions the batch computed.
  void drop_stale_recomputed(const IngestBatch& batch, const std::set<std::string>& written) {
    if (batch.recomputed_days.empty()) return;
    std::set<std::pair<std::string, std::string>> figures;
    for (const auto& f : batch.recomputed_figures) figures.emplace(f.platform, f.native_name);
    Statement stored(db_, R"sql(
      SELECT agent_id, metric, native_name, origin FROM metric_values
      WHERE platform = ?1 AND shop_id = ?2 AND day = ?3 AND origin IN ('recomputed', 'platform_recomputed'))sql");
    Statement drop(db_, R"sql(
      DELETE FROM metric_values WHERE platform = ?1 AND shop_id = ?2 AND agent_id = ?3 AND day = ?4 AND metric = ?5
        AND origin = ?7 AND native_name = ?6)sql");
    for (const IngestBatch::ShopDay& d : batch.recomputed_days) {
      std::vector<MetricValue> stale;
      stored.bind(1, d.platform).bind(2, d.shop_id).bind(3, d.day);
      while (stored.step()) {
        MetricValue v{d.platform, d.shop_id, stored.text(0), d.day, stored.text(1), stored.text(2), 0,
                      Availability::available, stored.text(3)};
        const bool computed = v.origin == "recomputed" || figures.contains({v.platform, v.native_name});
        if (computed && !written.contains(natural_key(v))) stale.push_back(std::move(v));
      }
      stored.reset();
      for (const MetricValue& v : stale) {
        drop.bind(1, v.platform).bind(2, v.shop_id).bind(3, v.agent_id).bind(4, v.day).bind(5, v.metric);
        drop.bind(6, v.native_name).bind(7, v.origin).step();
        drop.reset();
      }
    }
  }

  // Inside the ingest's transaction: each session's rows replace what was kept of it.
  void write_sessions(const std::vector<StoredSession>& sessions, std::int64_t ingest_id) {
    if (sessions.empty()) return;
    Statement put(db_, R"sql(
      INSERT INTO chat_sessions(platform, shop_id, session_id, day, ord, rows, ingest_id)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
      ON CONFLICT(platform, shop_id, session_id) DO UPDATE SET
        day = excluded.day, ord = excluded.ord, rows = excluded.rows, ingest_id = excluded.ingest_id
      WHERE day IS NOT excluded.day OR ord IS NOT excluded.ord OR rows IS NOT excluded.rows)sql");
    for (const StoredSession& x : sessions) {
      put.bind(1, x.platform).bind(2, x.shop_id).bind(3, x.session_id).bind(4, x.day).bind(5, x.order);
      put.bind_blob(6, x.rows).bind(7, ingest_id).step();
      put.reset();
    }
  }

  // Inside the ingest's transaction: each explained day's findings and messages replace the
  // day's old ones; then the retention drops every day before `keep_from`.
  void write_explain(const ExplainBatch& e, std::int64_t ingest_id) {
    if (e.days.empty() && e.keep_from.empty()) return;
    Statement drop_findings(db_, "DELETE FROM explain_findings WHERE shop_id = ?1 AND platform = ?2 AND day = ?3");
    Statement drop_messages(db_, "DELETE FROM explain_messages WHERE shop_id = ?1 AND platform = ?2 AND day = ?3");
    auto drop = [&](const std::string& shop, const std::string& platform, const std::string& day) {
      for (Statement* s : {&drop_findings, &drop_messages}) {
        s->bind(1, shop).bind(2, platform).bind(3, day).step();
        s->reset();
      }
    };
    Statement day(db_, R"sql(
      INSERT INTO explain_days(shop_id, platform, day, definition, kept, messages, ingest_id)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
      ON CONFLICT(shop_id, platform, day) DO UPDATE SET definition = excluded.definition, kept = excluded.kept,
        messages = excluded.messages, ingest_id = excluded.ingest_id)sql");
    // Each table in its primary key's order: appending to the B-trees rather than writing all over
    // them keeps the pages an ingest touches few (a third of the ingest's time at 200 shops).
    auto in_order = [](const auto& rows, auto key) {
      std::vector<const std::remove_cvref_t<decltype(rows[0])>*> out;
      out.reserve(rows.size());
      for (const auto& r : rows) out.push_back(&r);
      std::sort(out.begin(), out.end(), [&](const auto* a, const auto* b) { return key(*a) < key(*b); });
      return out;
    };
    for (const ExplainDay* p :
         in_order(e.days, [](const ExplainDay& d) { return std::tie(d.shop_id, d.platform, d.day); })) {
      const ExplainDay& d = *p;
      drop(d.shop_id, d.platform, d.day);
      day.bind(1, d.shop_id)
          .bind(2, d.platform)
          .bind(3, d.day)
          .bind(4, d.definition)
          .bind(5, std::int64_t{d.kept})
          .bind(6, d.messages)
          .bind(7, ingest_id)
          .step();
      day.reset();
    }
    Statement finding(db_, R"sql(
      INSERT INTO explain_findings(shop_id, platform, day, metric, view, ordinal, session_id, agent, reason, asked_ms,
                                   delay_ms)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))sql");
    for (const StoredFinding* p : in_order(e.findings, [](const StoredFinding& f) {
           return std::tie(f.shop_id, f.platform, f.day, f.metric, f.view, f.ordinal);
         })) {
      const StoredFinding& f = *p;
      finding.bind(1, f.shop_id)
          .bind(2, f.platform)
          .bind(3, f.day)
          .bind(4, f.metric)
          .bind(5, f.view)
          .bind(6, f.ordinal)
          .bind(7, f.session_id)
          .bind(8, f.agent)
          .bind(9, f.reason)
          .bind(10, f.asked_ms);
      if (f.delay_ms >= 0)
        finding.bind(11, f.delay_ms);
      else
        finding.bind(11, std::optional<double>());
      finding.step();
      finding.reset();
    }
    Statement message(db_, R"sql(
      INSERT INTO explain_messages(shop_id, platform, day, session_id, seq, ts, sender, agent_id, event, content)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql");
    for (const StoredMessage* p : in_order(e.messages, [](const StoredMessage& m) {
           return std::tie(m.shop_id, m.platform, m.day, m.session_id, m.seq);
         })) {
      const StoredMessage& m = *p;
      message.bind(1, m.shop_id)
          .bind(2, m.platform)
          .bind(3, m.day)
          .bind(4, m.session_id)
          .bind(5, m.seq)
          .bind(6, m.ts)
          .bind(7, m.sender)
          .bind(8, m.agent_id)
          .bind(9, m.event)
          .bind(10, m.content)
          .step();
      message.reset();
    }
    if (e.keep_from.empty()) return;
    // The retention: old days keep their row (so explain can say why there is nothing), not their data.
    std::vector<std::array<std::string, 3>> old;
    Statement expired(db_, "SELECT shop_id, platform, day FROM explain_days WHERE day < ?1 AND kept = 1");
    expired.bind(1, e.keep_from);
    while (expired.step()) old.push_back({expired.text(0), expired.text(1), expired.text(2)});
    for (const auto& [shop, platform, d] : old) drop(shop, platform, d);
    Statement forget(db_, "UPDATE explain_days SET kept = 0 WHERE day < ?1 AND kept = 1");
    forget.bind(1, e.keep_from).step();
  }

  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string why = error ? error : sqlite3_errmsg(db_);
      sqlite3_free(error);
      throw std::runtime_error(store_error(path_, sqlite3_extended_errcode(db_), why));
    }
  }

  // Read-only: a store with the schema this kefu reads, or a clear refusal (nothing is created).
  void check_schema() {
    const int version = schema_version();
    const int latest = static_cast<int>(kMigrations.size());
    if (version == 0)
      throw std::runtime_error("the store " + path_ +
                               " holds no kefu data (no kefu schema): run `kefu ingest` to fill a store, "
                               "and point --store (or the config's \"store\") at it");
    if (version > latest)
      throw std::runtime_error("the store " + path_ + " has schema version " + std::to_string(version) +
                               ", newer than this kefu knows (" + std::to_string(latest) + "): upgrade kefu");
    if (version < latest)
      throw std::runtime_error("the store " + path_ + " has an older schema (version " + std::to_string(version) +
                               "): run `kefu ingest` once with this kefu to upgrade it, then report");
  }

  // A database another program made (tables, but not ours) is not turned into a kefu store.
  bool foreign_tables() {
    Statement s(db_, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
    s.step();
    return s.integer(0) > 0;
  }

  void migrate() {
    const int version = schema_version();
    if (version == 0 && foreign_tables())
      throw std::runtime_error(
          "the store " + path_ +
          " is an SQLite database kefu did not create (it has tables but no kefu "
          "schema); kefu will not add its tables to it. Point --store (or the config's \"store\") at "
          "a new file, e.g. kefu.db");
    const int latest = static_cast<int>(kMigrations.size());
    if (version < 0)  // SQLite never writes one: the file was edited or is corrupt
      throw std::runtime_error("the store " + path_ + " is damaged: its schema version (PRAGMA user_version) is " +
                               std::to_string(version) +
                               ", below 0; restore it from a backup, or move it away and "
                               "ingest again into a new store");
    if (version > latest)
      throw std::runtime_error("the store " + path_ + " has schema version " + std::to_string(version) +
                               ", newer than this kefu knows (" + std::to_string(latest) + "): upgrade kefu");
    for (int v = version; v < latest; ++v) {
      Transaction tx(*this);
      exec(std::string(kMigrations[static_cast<std::size_t>(v)]));
      exec("PRAGMA user_version = " + std::to_string(v + 1));
      tx.commit();
    }
  }

  // The name must be the store itself: a link would put kefu's tables into a file someone else
  // chose. A missing or empty store cannot be read.
  static void check_store_file(const std::string& path, bool read_only) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
      if (errno == ENOENT && !read_only) return;  // created on open
      if (errno == ENOENT)
        throw std::runtime_error("store " + path +
                                 " does not exist: run `kefu ingest` first, or point --store (or the "
                                 "config's \"store\") at an existing one");
      throw std::runtime_error("cannot open the store " + path + ": " + std::strerror(errno));
    }
    if (S_ISLNK(st.st_mode)) {
      std::error_code ec;
      const std::string target = std::filesystem::read_symlink(path, ec).string();
      throw std::runtime_error(
          "the store " + path + " is a symbolic link" + (target.empty() ? "" : " to " + target) +
          "; kefu opens its store only by its own name, so a link cannot send its tables into another "
          "file. Give the real file with --store" +
          (target.empty() ? "" : " (" + target + ")") + ", or remove the link");
    }
    if (!S_ISREG(st.st_mode))
      throw std::runtime_error("the store " + path + " is not a regular file (" +
                               std::string(S_ISDIR(st.st_mode)    ? "a directory"
                                           : S_ISFIFO(st.st_mode) ? "a named pipe"
                                                                  : "a device or special file") +
                               "): point --store at a file, e.g. kefu.db");
    if (read_only && st.st_size == 0)
      throw std::runtime_error("the store " + path +
                               " is empty (0 bytes): it holds no data yet. Run `kefu ingest` to fill it; "
                               "kefu report only reads a store and writes nothing into it");
  }

  std::string path_;
  bool read_only_ = false;
  sqlite3* db_ = nullptr;
};

}  // namespace

std::string store_error(const std::string& path, int code, const std::string& sqlite_message) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "the store " + path + " is locked: another kefu is writing to it (" + sqlite_message +
             "). Wait for it to finish and run this again; the store keeps what it held";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return "the store " + path + " is damaged or not a kefu store (" + sqlite_message +
             "). Restore it from a backup, or move it away and run `kefu ingest` (and `kefu fetch`) again to rebuild "
             "it "
             "from the logs and exports";
    case SQLITE_FULL:
      return "the store " + path + " cannot grow: the disk is full (" + sqlite_message +
             "). Free space on its filesystem "
             "(df -h " +
             std::filesystem::path(path).parent_path().string() + ") and run this again; the store keeps what it held";
    case SQLITE_READONLY:
      return "the store " + path + " cannot be written (" + sqlite_message +
             "): check the permissions of the file and of "
             "its directory (kefu writes a journal beside it)";
    case SQLITE_CANTOPEN:
      return "cannot open the store " + path + " (" + sqlite_message +
             "): check that its directory exists and that you "
             "may read and write there";
    case SQLITE_IOERR:
      return "the store " + path + ": the disk reported an error (" + sqlite_message +
             "). Check the disk and its free "
             "space (df -h), then run this again";
    default:
      return "store " + path + ": " + sqlite_message;
  }
}

std::unique_ptr<Store> open_sqlite_store(const std::string& path, const OpenOptions& options) {
  return std::make_unique<SqliteStore>(path, options);
}

}  // namespace kefu::host::store
