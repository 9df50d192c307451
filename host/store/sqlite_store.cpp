// The SQLite store (Debian libsqlite3): one file, versioned schema, one transaction per ingest.
#include "store/store.h"
#include "store/value_key.h"

#include "base/calendar.h"

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

// Schema 5: the values at team scale (issue 18). Schema 4 repeated in every value its texts: the
// definition, the ingest's whole source string (every file path), the platform, shop, agent,
// metric, origin and native name — about 344 bytes a value at 200 shops. Now what repeats is
// stored once and referenced by number, the day is a day number, and the key is in the order the
// report reads: a shop's agent's figure over a run of days (shop first, so that a server that
// distributes tables by shop, Citus, keeps each shop's values together). The small tables are
// read whole; a report seeks each (agent, figure) series of its shops to its days.
// Every value of schema 4 is kept (tests/host/store/store_test.cpp migrates one).
constexpr std::string_view kMigrationTeamScale = R"sql(
CREATE TABLE shops (
  id       INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  shop_id  TEXT NOT NULL,
  UNIQUE (platform, shop_id)
);
CREATE TABLE agents (
  id       INTEGER PRIMARY KEY,
  shop     INTEGER NOT NULL REFERENCES shops(id),
  agent_id TEXT NOT NULL,                -- '' = the whole shop
  UNIQUE (shop, agent_id)
);
CREATE TABLE figures (
  id          INTEGER PRIMARY KEY,
  metric      TEXT NOT NULL,             -- canonical key, or the native name when it maps to none
  origin      TEXT NOT NULL,             -- native_export | recomputed | platform_recomputed | api
  native_name TEXT NOT NULL,             -- the platform's name; the key itself for recomputed values
  UNIQUE (metric, origin, native_name)
);
CREATE TABLE definitions (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
CREATE TABLE sources (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);  -- files or API calls
CREATE TABLE figure_values (
  shop        INTEGER NOT NULL REFERENCES shops(id),
  agent       INTEGER NOT NULL REFERENCES agents(id),
  figure      INTEGER NOT NULL REFERENCES figures(id),
  day         INTEGER NOT NULL,          -- days since 1970-01-01, a China (+08:00) calendar day
  value       REAL,                      -- NULL while pending
  numerator   REAL,
  denominator REAL,
  pending     INTEGER NOT NULL,          -- 1 pending (the platform fills it in later); 0 available
  definition  INTEGER NOT NULL REFERENCES definitions(id),
  source      INTEGER NOT NULL REFERENCES sources(id),
  ingest_id   INTEGER NOT NULL REFERENCES ingests(id),
  PRIMARY KEY (shop, agent, figure, day)
) WITHOUT ROWID;
INSERT INTO shops(platform, shop_id) SELECT DISTINCT platform, shop_id FROM metric_values ORDER BY 1, 2;
INSERT INTO agents(shop, agent_id)
  SELECT DISTINCT s.id, v.agent_id FROM metric_values v JOIN shops s USING (platform, shop_id) ORDER BY 1, 2;
INSERT INTO figures(metric, origin, native_name)
  SELECT DISTINCT metric, origin, native_name FROM metric_values ORDER BY 1, 2, 3;
INSERT INTO definitions(text) SELECT DISTINCT definition FROM metric_values ORDER BY 1;
INSERT INTO sources(text) SELECT DISTINCT source FROM metric_values ORDER BY 1;
INSERT INTO figure_values
  SELECT s.id, a.id, f.id, CAST(julianday(v.day) - 2440587.5 AS INTEGER), v.value, v.numerator, v.denominator,
         v.availability = 'pending', d.id, src.id, v.ingest_id
  FROM metric_values v
  JOIN shops s ON s.platform = v.platform AND s.shop_id = v.shop_id
  JOIN agents a ON a.shop = s.id AND a.agent_id = v.agent_id
  JOIN figures f ON f.metric = v.metric AND f.origin = v.origin AND f.native_name = v.native_name
  JOIN definitions d ON d.text = v.definition
  JOIN sources src ON src.text = v.source
  ORDER BY 1, 2, 3, 4;
DROP TABLE metric_values;
)sql";

// Schema 6: quality control (issue 21). A chat-log ingest scans every agent message against the
// shop's platform's word list and keeps, per shop day (the session's, R4) and agent, how many
// agent messages were scanned (qc_days; agent '' = the whole shop: the day was scanned at all)
// and each hit (qc_hits) with the sentence it sits in. Keyed shop first, as schema 5. A message
// is told by its session, instant, agent, content hash and occurrence, so that a later run
// carrying the same message replaces its hits rather than adding them again. Days stored before
// have no QC rows: the report says "not scanned", never 0.
constexpr std::string_view kMigrationQc = R"sql(
CREATE TABLE qc_days (
  shop      INTEGER NOT NULL REFERENCES shops(id),
  day       INTEGER NOT NULL,            -- days since 1970-01-01, the session's China day (R4)
  agent     INTEGER NOT NULL REFERENCES agents(id),  -- '' = the whole shop
  messages  INTEGER NOT NULL,            -- agent messages of the day's sessions
  partial   INTEGER NOT NULL,            -- 1: some were stored before kefu scanned (schema < 6)
  ingest_id INTEGER NOT NULL REFERENCES ingests(id),
  PRIMARY KEY (shop, day, agent)
) WITHOUT ROWID;
CREATE TABLE qc_hits (
  shop       INTEGER NOT NULL REFERENCES shops(id),
  day        INTEGER NOT NULL,           -- as qc_days
  agent      INTEGER NOT NULL REFERENCES agents(id),
  session_id TEXT NOT NULL,
  ts         INTEGER NOT NULL,           -- the message's instant, epoch ms
  message    INTEGER NOT NULL,           -- FNV-1a 64 of the message's content
  occurrence INTEGER NOT NULL,           -- n-th message of this session, ts, agent and content
  begin      INTEGER NOT NULL,           -- the hit's UTF-8 byte offset in the content
  length     INTEGER NOT NULL,
  category   TEXT NOT NULL,
  severity   TEXT NOT NULL,              -- block | warn | unknown (stance not known: never a violation)
  stance     TEXT NOT NULL,              -- banned | allowed | unknown | listed (the platform's, on the category)
  term       TEXT NOT NULL,              -- the list's term
  text       TEXT NOT NULL,              -- the matched text, as written
  mode       TEXT NOT NULL,              -- literal | pinyin | initials | lookalike
  sentence   TEXT NOT NULL,              -- the sentence around it, at most 120 characters (+ "…")
  ingest_id  INTEGER NOT NULL REFERENCES ingests(id),
  PRIMARY KEY (shop, day, agent, session_id, ts, message, occurrence, begin)
) WITHOUT ROWID;
)sql";

constexpr std::array<std::string_view, 6> kMigrations = {kMigrationValues,   kMigrationExplain,   kMigrationNativeName,
                                                         kMigrationSessions, kMigrationTeamScale, kMigrationQc};
// A migration here needs its PostgreSQL twin (postgres_migrations.cpp) and kSchemaVersion raised.
static_assert(kMigrations.size() == kSchemaVersion, "one SQLite migration per schema version (store.h)");

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
  // The text of a column until the next step (no copy).
  std::string_view view(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string_view();
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

// The small tables a value refers to by number (schema 5): read whole once per ingest or read,
// and added to inside an ingest's transaction when a batch brings a new name.
class Names {
 public:
  struct Shop {
    std::string platform, shop_id;
  };
  struct Agent {
    std::int64_t shop;
    std::string agent_id;
  };
  struct Figure {
    std::string metric, origin, native_name;
    bool recomputed() const { return origin == "recomputed" || origin == kPlatformRecomputed; }
  };

  explicit Names(sqlite3* db) : db_(db) {
    Statement shops(db, "SELECT id, platform, shop_id FROM shops");
    while (shops.step()) add_shop(shops.integer(0), {shops.text(1), shops.text(2)});
    Statement agents(db, "SELECT id, shop, agent_id FROM agents");
    while (agents.step()) add_agent(agents.integer(0), {agents.integer(1), agents.text(2)});
    Statement figures(db, "SELECT id, metric, origin, native_name FROM figures");
    while (figures.step()) add_figure(figures.integer(0), {figures.text(1), figures.text(2), figures.text(3)});
    for (auto [table, texts] : {std::pair{"definitions", &definitions_}, std::pair{"sources", &sources_}}) {
      Statement all(db, std::string("SELECT id, text FROM ") + table);
      while (all.step()) texts->add(all.integer(0), all.text(1));
    }
  }

  // Finding a name, or (in an ingest) adding it: its number.
  std::optional<std::int64_t> find_shop(const std::string& platform, const std::string& shop_id) const {
    const auto it = shop_ids_.find({platform, shop_id});
    return it == shop_ids_.end() ? std::nullopt : std::optional(it->second);
  }
  std::int64_t shop(const std::string& platform, const std::string& shop_id) {
    if (const auto id = find_shop(platform, shop_id)) return *id;
    Statement put(db_, "INSERT INTO shops(platform, shop_id) VALUES (?1, ?2)");
    put.bind(1, platform).bind(2, shop_id).step();
    add_shop(sqlite3_last_insert_rowid(db_), {platform, shop_id});
    return shop_ids_.at({platform, shop_id});
  }
  std::int64_t agent(std::int64_t shop, const std::string& agent_id) {
    if (const auto it = agent_ids_.find({shop, agent_id}); it != agent_ids_.end()) return it->second;
    Statement put(db_, "INSERT INTO agents(shop, agent_id) VALUES (?1, ?2)");
    put.bind(1, shop).bind(2, agent_id).step();
    add_agent(sqlite3_last_insert_rowid(db_), {shop, agent_id});
    return agent_ids_.at({shop, agent_id});
  }
  std::int64_t figure(const MetricValue& v) {
    const auto key = std::tie(v.metric, v.origin, v.native_name);
    if (const auto it = figure_ids_.find(key); it != figure_ids_.end()) return it->second;
    Statement put(db_, "INSERT INTO figures(metric, origin, native_name) VALUES (?1, ?2, ?3)");
    put.bind(1, v.metric).bind(2, v.origin).bind(3, v.native_name).step();
    add_figure(sqlite3_last_insert_rowid(db_), {v.metric, v.origin, v.native_name});
    return figure_ids_.find(key)->second;
  }
  std::int64_t definition(const std::string& text) { return definitions_.id(db_, "definitions", text); }
  std::int64_t source(const std::string& text) { return sources_.id(db_, "sources", text); }

  const Shop& shop_of(std::int64_t id) const { return shops_.at(id); }
  const std::map<std::int64_t, Shop>& shops() const { return shops_; }
  const Agent& agent_of(std::int64_t id) const { return agents_.at(id); }
  const Figure& figure_of(std::int64_t id) const { return figures_.at(id); }
  const std::string& definition_of(std::int64_t id) const { return definitions_.texts.at(id); }
  const std::string& source_of(std::int64_t id) const { return sources_.texts.at(id); }

  // Each number's place in the text order of what it names: the order values() returns rows in
  // (platform, shop, agent, day, metric, origin, native name) without sorting on text.
  std::map<std::int64_t, std::int64_t> shop_ranks() const { return ranks(shop_ids_); }
  std::map<std::int64_t, std::int64_t> agent_ranks() const {
    std::map<std::pair<std::string, std::int64_t>, std::int64_t> by_text;
    for (const auto& [id, a] : agents_) by_text.emplace(std::pair(a.agent_id, id), id);
    return ranks(by_text);
  }
  std::map<std::int64_t, std::int64_t> figure_ranks() const { return ranks(figure_ids_); }

 private:
  struct Texts {
    std::map<std::string, std::int64_t, std::less<>> ids;
    std::map<std::int64_t, std::string> texts;
    void add(std::int64_t id, const std::string& text) {
      ids.emplace(text, id);
      texts.emplace(id, text);
    }
    const std::string* last = nullptr;  // values come in runs of one source and definition
    std::int64_t last_id = 0;
    std::int64_t id(sqlite3* db, const char* table, const std::string& text) {
      if (last && *last == text) return last_id;
      if (const auto it = ids.find(text); it != ids.end()) {
        last = &it->first, last_id = it->second;
        return it->second;
      }
      Statement put(db, std::string("INSERT INTO ") + table + "(text) VALUES (?1)");
      put.bind(1, text).step();
      add(sqlite3_last_insert_rowid(db), text);
      return ids.at(text);
    }
  };
  template <class Map>
  static std::map<std::int64_t, std::int64_t> ranks(const Map& by_key) {
    std::map<std::int64_t, std::int64_t> out;
    for (const auto& [key, id] : by_key) out.emplace(id, static_cast<std::int64_t>(out.size()));
    return out;
  }
  void add_shop(std::int64_t id, Shop s) {
    shop_ids_.emplace(std::pair(s.platform, s.shop_id), id);
    shops_.emplace(id, std::move(s));
  }
  void add_agent(std::int64_t id, Agent a) {
    agent_ids_.emplace(std::pair(a.shop, a.agent_id), id);
    agents_.emplace(id, std::move(a));
  }
  void add_figure(std::int64_t id, Figure f) {
    figure_ids_.emplace(std::tuple(f.metric, f.origin, f.native_name), id);
    figures_.emplace(id, std::move(f));
  }

  sqlite3* db_;
  std::map<std::pair<std::string, std::string>, std::int64_t> shop_ids_;
  std::map<std::int64_t, Shop> shops_;
  std::map<std::pair<std::int64_t, std::string>, std::int64_t> agent_ids_;
  std::map<std::int64_t, Agent> agents_;
  std::map<std::tuple<std::string, std::string, std::string>, std::int64_t, std::less<>> figure_ids_;
  std::map<std::int64_t, Figure> figures_;
  Texts definitions_, sources_;
};

// A read transaction: every statement inside sees the same committed store (or, inside an
// ingest's transaction, does nothing: that one already holds its snapshot).
class ReadTransaction {
 public:
  explicit ReadTransaction(sqlite3* db) : db_(sqlite3_get_autocommit(db) ? db : nullptr) {
    if (db_ && sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) fail(db_);
  }
  ~ReadTransaction() {
    if (db_) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  sqlite3* db_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, const OpenOptions& options)
      : path_(path), read_only_(options.read_only), wait_ms_(options.busy_timeout_ms), on_wait_(options.on_wait) {
    check_store_file(path, options.read_only);
    // NOFOLLOW: were a link put at the name after the check, SQLite refuses it too. A reader that
    // may write beside the store opens it for writing but only queries (PRAGMA query_only): WAL
    // then shares the writer's index (kefu.db-shm) instead of rebuilding it in memory on every
    // read, which made a report on a read-only connection many times slower.
    const std::filesystem::path dir = std::filesystem::path(path).parent_path();
    const bool writable_beside =
        ::access(path.c_str(), R_OK | W_OK) == 0 && ::access(dir.empty() ? "." : dir.c_str(), W_OK) == 0;
    const int flags = SQLITE_OPEN_NOFOLLOW | (read_only_ && !writable_beside ? SQLITE_OPEN_READONLY
                                              : read_only_                   ? SQLITE_OPEN_READWRITE
                                                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string why = db_ ? store_error(path, sqlite3_extended_errcode(db_), sqlite3_errmsg(db_))
                                  : "cannot open the store " + path + ": out of memory";
      sqlite3_close(db_);
      throw std::runtime_error(why);
    }
    sqlite3_busy_handler(db_, &SqliteStore::busy, this);  // another kefu writing: wait for it rather than fail
    try {
      exec("PRAGMA foreign_keys = ON");
      if (read_only_) exec("PRAGMA query_only = 1");
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

  // BEGIN IMMEDIATE takes SQLite's one write lock now (waiting for another kefu's ingest, with
  // on_wait): the file has one lock, so the shops do not matter.
  std::unique_ptr<WriteLock> lock_shops(std::vector<ShopKey>) override {
    if (held_) throw std::logic_error("lock_shops: the store's write lock is already held");
    exec("BEGIN IMMEDIATE");
    held_ = true;
    return std::make_unique<Held>(*this);
  }

  IngestSummary ingest(const IngestBatch& batch, const std::function<void(std::size_t)>& after_each) override {
    memo_ = {};
    Transaction tx(*this);
    IngestSummary summary;
    Statement log(db_,
                  "INSERT INTO ingests(at, kind, source, written, unchanged) "
                  "VALUES (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?, 0, 0)");
    log.bind(1, batch.kind).bind(2, batch.source).step();
    summary.id = sqlite3_last_insert_rowid(db_);
    Names names(db_);
    std::vector<std::pair<ValueKey, std::size_t>> order;
    order.reserve(batch.values.size());
    for (std::size_t i = 0; i < batch.values.size(); ++i) {
      const MetricValue& v = batch.values[i].value;
      const std::int64_t shop = names.shop(v.platform, v.shop_id);
      order.push_back({{shop, names.agent(shop, v.agent_id), names.figure(v), day_number(v.day)}, i});
    }
    // The WHERE makes an identical re-ingest a no-op (changes() == 0), so it is counted as such.
    Statement upsert(db_, R"sql(
      INSERT INTO figure_values(shop, agent, figure, day, value, numerator, denominator, pending, definition, source,
                                ingest_id)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
      ON CONFLICT(shop, agent, figure, day) DO UPDATE SET
        value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
        pending = excluded.pending, definition = excluded.definition, source = excluded.source,
        ingest_id = excluded.ingest_id
      WHERE value IS NOT excluded.value
         OR numerator IS NOT excluded.numerator OR denominator IS NOT excluded.denominator
         OR pending IS NOT excluded.pending OR definition IS NOT excluded.definition)sql");
    // Written + unchanged is what the store keeps of this batch; the rest was superseded.
    std::vector<ValueKey> keys;  // written or unchanged, in key order
    keys.reserve(order.size());
    summary.superseded = in_key_order(
        order,
        [&](const ValueKey& key, std::size_t i) {
          const StoredValue& s = batch.values[i];
          const bool pending = s.value.availability == Availability::pending;
          upsert.bind(1, key.shop)
              .bind(2, key.agent)
              .bind(3, key.figure)
              .bind(4, std::int64_t{key.day})
              .bind(5, pending ? std::nullopt : std::optional<double>(s.value.value))
              .bind(6, s.numerator)
              .bind(7, s.denominator)
              .bind(8, std::int64_t{pending})
              .bind(9, names.definition(s.definition))
              .bind(10, names.source(s.source))
              .bind(11, summary.id);
          upsert.step();
          (sqlite3_changes(db_) ? summary.written : summary.unchanged)++;
          upsert.reset();
          keys.push_back(key);
        },
        after_each);
    drop_stale_recomputed(batch, names, keys, summary.id);
    write_explain(batch.explain, summary.id);
    write_sessions(batch.sessions, summary.id);
    write_qc(batch.qc, names, summary.id);
    Statement done(db_, "UPDATE ingests SET written = ?, unchanged = ? WHERE id = ?");
    done.bind(1, summary.written).bind(2, summary.unchanged).bind(3, summary.id).step();
    tx.commit();
    return summary;
  }

  std::vector<StoredValue> values(const ValueQuery& query) const override {
    // One snapshot for the names and the values: an ingest committing in between could add a name.
    const ReadTransaction snapshot(db_);
    const Names names(db_);
    const auto from = calendar::parse_day(query.from), to = calendar::parse_day(query.to);
    if (!from || !to) throw std::invalid_argument("values(): from and to must be days (YYYY-MM-DD)");
    const std::int32_t agents_from =
        query.agents_from.empty() ? *from : std::max(*from, calendar::parse_day(query.agents_from).value_or(*to + 1));
    // Each (agent, figure) series of the wanted shops, sought to its days through the primary
    // key: the report reads what it shows, not the whole table. CROSS JOIN keeps this order.
    std::string sql = R"sql(
      SELECT v.shop, v.agent, v.figure, v.day, v.value, v.numerator, v.denominator, v.pending, v.definition, v.source
      FROM shops s CROSS JOIN agents a CROSS JOIN figures f CROSS JOIN figure_values v
      WHERE a.shop = s.id AND v.shop = s.id AND v.agent = a.id AND v.figure = f.id
        AND v.day >= (CASE WHEN a.agent_id <> '' AND f.origin IN ('recomputed', 'platform_recomputed')
                           THEN ?3 ELSE ?1 END)
        AND v.day <= ?2)sql";
    auto in_list = [&](const char* column, const std::vector<std::string>& items, int first) {
      if (items.empty()) return;
      sql += std::string(" AND ") + column + " IN (";
      for (std::size_t i = 0; i < items.size(); ++i) sql += (i ? ",?" : "?") + std::to_string(first + i);
      sql += ")";
    };
    in_list("s.platform", query.platforms, 4);
    in_list("s.shop_id", query.shops, 4 + static_cast<int>(query.platforms.size()));
    Statement s(db_, sql);
    s.bind(1, std::int64_t{*from}).bind(2, std::int64_t{*to}).bind(3, std::int64_t{agents_from});
    int i = 4;
    for (const auto& p : query.platforms) s.bind(i++, p);
    for (const auto& p : query.shops) s.bind(i++, p);
    struct Row {
      ValueKey key;
      std::optional<double> value, numerator, denominator;
      bool pending;
      std::int64_t definition, source;
    };
    std::vector<Row> rows;
    while (s.step())
      rows.push_back({{s.integer(0), s.integer(1), s.integer(2), static_cast<std::int32_t>(s.integer(3))},
                      s.real(4),
                      s.real(5),
                      s.real(6),
                      s.integer(7) != 0,
                      s.integer(8),
                      s.integer(9)});
    // The natural key's text order (platform, shop, agent, day, metric, origin, native name), by
    // each number's rank.
    const auto shop_rank = names.shop_ranks(), agent_rank = names.agent_ranks(), figure_rank = names.figure_ranks();
    auto rank = [&](const Row& r) {
      return std::tuple(shop_rank.at(r.key.shop), agent_rank.at(r.key.agent), r.key.day, figure_rank.at(r.key.figure));
    };
    std::vector<std::pair<decltype(rank(rows[0])), const Row*>> sorted;
    sorted.reserve(rows.size());
    for (const Row& r : rows) sorted.emplace_back(rank(r), &r);
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<StoredValue> out;
    out.reserve(rows.size());
    std::int32_t last_day = -1;
    std::string day_text;
    for (const auto& [_, r] : sorted) {
      const Names::Shop& shop = names.shop_of(r->key.shop);
      const Names::Figure& figure = names.figure_of(r->key.figure);
      if (r->key.day != last_day) last_day = r->key.day, day_text = calendar::format_day(r->key.day);
      StoredValue v;
      v.value.platform = shop.platform;
      v.value.shop_id = shop.shop_id;
      v.value.agent_id = names.agent_of(r->key.agent).agent_id;
      v.value.day = day_text;
      v.value.metric = figure.metric;
      v.value.origin = figure.origin;
      v.value.native_name = figure.native_name;
      v.value.value = r->value.value_or(0);
      v.value.availability = r->pending ? Availability::pending : Availability::available;
      v.numerator = r->numerator;
      v.denominator = r->denominator;
      v.definition = names.definition_of(r->definition);
      if (query.own_sources || !figure.recomputed()) v.source = names.source_of(r->source);
      out.push_back(std::move(v));
    }
    return out;
  }

  StoredExplanation explanation(const ExplainQuery& q) const override {
    StoredExplanation out;
    // ?1 shop, ?2 from, ?3 to, ?4 platform ('' any), ?5 metric, ?6 view. A platform given is an
    // equality, so that the primary keys (shop_id, platform, day, ...) seek to the period's days
    // instead of walking all of the shop's (a month's report asks this of every shop).
    const std::string platform = q.platform.empty() ? "?4 = ''" : "platform = ?4";
    const ReadTransaction snapshot(db_);
    auto bind = [&](Statement& s) {
      s.bind(1, q.shop_id).bind(2, q.from).bind(3, q.to).bind(4, q.platform);
      return &s;
    };
    Statement days(db_, R"sql(
      SELECT platform, day, definition, kept, messages FROM explain_days
      WHERE shop_id = ?1 AND day >= ?2 AND day <= ?3 AND )sql" + platform + R"sql(
      ORDER BY day, platform)sql");
    bind(days);
    while (days.step()) {
      ExplainDay d{days.text(0), q.shop_id, days.text(1), days.text(2), days.integer(3) != 0, days.integer(4)};
      out.days.push_back(std::move(d));
    }
    Statement findings(db_, R"sql(
      SELECT platform, day, ordinal, session_id, agent, reason, asked_ms, delay_ms FROM explain_findings
      WHERE shop_id = ?1 AND day >= ?2 AND day <= ?3 AND )sql" + platform + R"sql( AND metric = ?5 AND view = ?6
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
    // The messages of the findings' sessions: the shop's kept messages of those days, matched here
    // (a subquery per message walked the day's findings for each one).
    // (platform, day, session) of the findings, sorted: the messages come in the same order, so
    // one pass matches them (the period's messages of the shop are read once per metric).
    std::vector<std::array<std::string_view, 3>> sessions;
    for (const StoredFinding& f : out.findings) sessions.push_back({f.platform, f.day, f.session_id});
    std::sort(sessions.begin(), sessions.end());
    if (sessions.empty()) return out;
    std::size_t next = 0;
    for (const StoredMessage& m : period_messages(q, platform)) {
      const std::array<std::string_view, 3> session{m.platform, m.day, m.session_id};
      while (next < sessions.size() && sessions[next] < session) ++next;
      if (next == sessions.size() || sessions[next] != session) continue;
      out.messages.push_back(m);
    }
    return out;
  }

  // Every kept message of the shop in the period, by platform, day, session and seq. Explain asks
  // once per metric for the same shop and period (a month's report: three times for each shop),
  // so the last period's are kept until another is asked or the store changes (PRAGMA
  // data_version: another kefu committed; memo_ is cleared by this one's own ingests).
  const std::vector<StoredMessage>& period_messages(const ExplainQuery& q, const std::string& platform) const {
    Statement version(db_, "PRAGMA data_version");
    version.step();
    const std::array<std::string, 4> key{q.shop_id, q.platform, q.from, q.to};
    if (memo_.version == version.integer(0) && memo_.key == key) return memo_.messages;
    memo_ = {key, version.integer(0), {}};
    Statement messages(db_, R"sql(
      SELECT platform, day, session_id, seq, ts, sender, agent_id, event, content FROM explain_messages
      WHERE shop_id = ?1 AND day >= ?2 AND day <= ?3 AND )sql" + platform + R"sql(
      ORDER BY platform, day, session_id, seq)sql");
    messages.bind(1, q.shop_id).bind(2, q.from).bind(3, q.to).bind(4, q.platform);
    while (messages.step())
      memo_.messages.push_back({messages.text(0), q.shop_id, messages.text(1), messages.text(2), messages.integer(3),
                                messages.integer(4), messages.text(5), messages.text(6), messages.text(7),
                                messages.text(8)});
    return memo_.messages;
  }

  StoredQc qc(const QcQuery& q) const override {
    const ReadTransaction snapshot(db_);
    const Names names(db_);
    const auto from = calendar::parse_day(q.from), to = calendar::parse_day(q.to);
    if (!from || !to) throw std::invalid_argument("qc(): from and to must be days (YYYY-MM-DD)");
    // The wanted shops, each sought to the period's days through the primary keys.
    std::vector<std::pair<std::int64_t, const Names::Shop*>> shops;
    for (const auto& [id, shop] : names.shops())
      if ((q.platforms.empty() || std::find(q.platforms.begin(), q.platforms.end(), shop.platform) != q.platforms.end()) &&
          (q.shops.empty() || std::find(q.shops.begin(), q.shops.end(), shop.shop_id) != q.shops.end()))
        shops.emplace_back(id, &shop);
    std::sort(shops.begin(), shops.end(), [](const auto& a, const auto& b) {
      return std::tie(a.second->platform, a.second->shop_id) < std::tie(b.second->platform, b.second->shop_id);
    });
    StoredQc out;
    Statement days(db_, "SELECT day, agent, messages, partial FROM qc_days WHERE shop = ?1 AND day BETWEEN ?2 AND ?3");
    Statement hits(db_, R"sql(
      SELECT day, agent, session_id, ts, message, occurrence, begin, length, category, severity, stance, term, text,
             mode, sentence
      FROM qc_hits WHERE shop = ?1 AND day BETWEEN ?2 AND ?3)sql");
    for (const auto& [id, shop] : shops) {
      const std::size_t first_day = out.days.size(), first_hit = out.hits.size();
      days.bind(1, id).bind(2, std::int64_t{*from}).bind(3, std::int64_t{*to});
      while (days.step())
        out.days.push_back({shop->platform, shop->shop_id,
                            calendar::format_day(static_cast<std::int32_t>(days.integer(0))),
                            names.agent_of(days.integer(1)).agent_id, days.integer(2), days.integer(3) != 0});
      days.reset();
      hits.bind(1, id).bind(2, std::int64_t{*from}).bind(3, std::int64_t{*to});
      while (hits.step()) {
        QcHit h;
        h.platform = shop->platform;
        h.shop_id = shop->shop_id;
        h.day = calendar::format_day(static_cast<std::int32_t>(hits.integer(0)));
        h.agent_id = names.agent_of(hits.integer(1)).agent_id;
        h.session_id = hits.text(2);
        h.ts = hits.integer(3);
        h.message = hits.integer(4);
        h.occurrence = hits.integer(5);
        h.begin = hits.integer(6);
        h.length = hits.integer(7);
        h.category = hits.text(8);
        h.severity = hits.text(9);
        h.stance = hits.text(10);
        h.term = hits.text(11);
        h.text = hits.text(12);
        h.mode = hits.text(13);
        h.sentence = hits.text(14);
        out.hits.push_back(std::move(h));
      }
      hits.reset();
      std::sort(out.days.begin() + static_cast<std::ptrdiff_t>(first_day), out.days.end(),
                [](const QcDay& a, const QcDay& b) { return std::tie(a.day, a.agent_id) < std::tie(b.day, b.agent_id); });
      std::sort(out.hits.begin() + static_cast<std::ptrdiff_t>(first_hit), out.hits.end(),
                [](const QcHit& a, const QcHit& b) {
                  return std::tie(a.day, a.ts, a.agent_id, a.session_id, a.occurrence, a.begin) <
                         std::tie(b.day, b.ts, b.agent_id, b.session_id, b.occurrence, b.begin);
                });
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
  // Inside lock_shops' transaction it is that one (already begun, committed here).
  class Transaction {
   public:
    explicit Transaction(SqliteStore& store) : store_(store) {
      if (!store_.held_) store_.exec("BEGIN IMMEDIATE");
      store_.held_ = false;
    }
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

  // lock_shops' transaction, rolled back if no ingest() took it (the run failed before writing).
  class Held final : public WriteLock {
   public:
    explicit Held(SqliteStore& store) : store_(store) {}
    ~Held() override {
      if (store_.held_) sqlite3_exec(store_.db_, "ROLLBACK", nullptr, nullptr, nullptr), store_.held_ = false;
    }

   private:
    SqliteStore& store_;
  };

  // Inside the ingest's transaction: the recomputed values of each day the batch holds whole
  // that the batch did not write (`written`: its keys, in order) — Kefu's own, and the figures
  // of the platform definitions the batch computed. Only values an earlier ingest wrote can be
  // stale; each shop's recomputed series are sought to the days the batch holds.
  void drop_stale_recomputed(const IngestBatch& batch, const Names& names, const std::vector<ValueKey>& written,
                             std::int64_t ingest_id) {
    if (batch.recomputed_days.empty()) return;
    std::set<std::pair<std::string, std::string>> figures;
    for (const auto& f : batch.recomputed_figures) figures.emplace(f.platform, f.native_name);
    std::map<std::int64_t, std::set<std::int32_t>> days;  // by shop
    for (const IngestBatch::ShopDay& d : batch.recomputed_days)
      if (const auto shop = names.find_shop(d.platform, d.shop_id)) days[*shop].insert(day_number(d.day));
    Statement stored(db_, R"sql(
      SELECT v.agent, v.figure, v.day FROM agents a CROSS JOIN figures f CROSS JOIN figure_values v
      WHERE a.shop = ?1 AND f.origin IN ('recomputed', 'platform_recomputed')
        AND v.shop = ?1 AND v.agent = a.id AND v.figure = f.id AND v.day BETWEEN ?2 AND ?3 AND v.ingest_id <> ?4)sql");
    Statement drop(db_, "DELETE FROM figure_values WHERE shop = ?1 AND agent = ?2 AND figure = ?3 AND day = ?4");
    for (const auto& [shop, shop_days] : days) {
      const std::string& platform = names.shop_of(shop).platform;
      std::vector<ValueKey> stale;
      stored.bind(1, shop).bind(2, std::int64_t{*shop_days.begin()}).bind(3, std::int64_t{*shop_days.rbegin()});
      stored.bind(4, ingest_id);
      while (stored.step()) {
        const ValueKey key{shop, stored.integer(0), stored.integer(1), static_cast<std::int32_t>(stored.integer(2))};
        const Names::Figure& f = names.figure_of(key.figure);
        const bool computed = f.origin == "recomputed" || figures.contains({platform, f.native_name});
        if (computed && shop_days.contains(key.day) && !std::binary_search(written.begin(), written.end(), key))
          stale.push_back(key);
      }
      stored.reset();
      for (const ValueKey& k : stale) {
        drop.bind(1, k.shop).bind(2, k.agent).bind(3, k.figure).bind(4, std::int64_t{k.day}).step();
        drop.reset();
      }
    }
  }

  // Inside the ingest's transaction: each shop day the QC batch holds whole loses its stored
  // counts and hits, then the batch's are written (those of earlier runs' messages this run did
  // not carry are among them), in the primary keys' order.
  void write_qc(const QcBatch& qc, Names& names, std::int64_t ingest_id) {
    if (qc.days.empty()) return;
    Statement drop_days(db_, "DELETE FROM qc_days WHERE shop = ?1 AND day = ?2");
    Statement drop_hits(db_, "DELETE FROM qc_hits WHERE shop = ?1 AND day = ?2");
    for (const QcBatch::ShopDay& d : qc.days) {
      const auto shop = names.find_shop(d.platform, d.shop_id);
      if (!shop) continue;  // nothing stored of it yet
      for (Statement* s : {&drop_days, &drop_hits}) {
        s->bind(1, *shop).bind(2, std::int64_t{day_number(d.day)}).step();
        s->reset();
      }
    }
    Statement day(db_, R"sql(
      INSERT INTO qc_days(shop, day, agent, messages, partial, ingest_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
      ON CONFLICT(shop, day, agent) DO UPDATE SET messages = excluded.messages, partial = excluded.partial,
        ingest_id = excluded.ingest_id)sql");
    std::vector<std::tuple<std::int64_t, std::int32_t, std::int64_t, const QcDay*>> days;
    for (const QcDay& d : qc.counts) {
      const std::int64_t shop = names.shop(d.platform, d.shop_id);
      days.emplace_back(shop, day_number(d.day), names.agent(shop, d.agent_id), &d);
    }
    std::sort(days.begin(), days.end());
    for (const auto& [shop, d, agent, row] : days) {
      day.bind(1, shop).bind(2, std::int64_t{d}).bind(3, agent).bind(4, row->messages);
      day.bind(5, std::int64_t{row->partial}).bind(6, ingest_id).step();
      day.reset();
    }
    // A key met twice (a batch never should) keeps the last hit.
    Statement hit(db_, R"sql(
      INSERT OR REPLACE INTO qc_hits(shop, day, agent, session_id, ts, message, occurrence, begin, length, category,
                                     severity, stance, term, text, mode, sentence, ingest_id)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17))sql");
    std::vector<std::tuple<std::int64_t, std::int32_t, std::int64_t, const QcHit*>> hits;
    for (const QcHit& h : qc.hits) {
      const std::int64_t shop = names.shop(h.platform, h.shop_id);
      hits.emplace_back(shop, day_number(h.day), names.agent(shop, h.agent_id), &h);
    }
    std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
      const QcHit& x = *std::get<3>(a);
      const QcHit& y = *std::get<3>(b);
      return std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(a), x.session_id, x.ts, x.message, x.occurrence,
                      x.begin) < std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(b), y.session_id, y.ts,
                                          y.message, y.occurrence, y.begin);
    });
    for (const auto& [shop, d, agent, p] : hits) {
      const QcHit& h = *p;
      hit.bind(1, shop).bind(2, std::int64_t{d}).bind(3, agent).bind(4, h.session_id).bind(5, h.ts);
      hit.bind(6, h.message).bind(7, h.occurrence).bind(8, h.begin).bind(9, h.length).bind(10, h.category);
      hit.bind(11, h.severity).bind(12, h.stance).bind(13, h.term).bind(14, h.text).bind(15, h.mode);
      hit.bind(16, h.sentence).bind(17, ingest_id).step();
      hit.reset();
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

  // Two kefus creating one new store at once both switch it to WAL; each needs the file alone,
  // so SQLite sees a deadlock and answers the second SQLITE_BUSY at once, without the busy
  // handler (seen as a lost `kefu ingest` when a morning's and an afternoon's run started
  // together). The first one's switch then completes and the second's is a no-op: try again,
  // as long as a writer would wait.
  void switch_to_wal() {
    for (int waited = 0;; waited += 10) {
      const int rc = sqlite3_exec(db_, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
      if (rc == SQLITE_OK) return;
      if ((rc & 0xff) != SQLITE_BUSY || waited >= wait_ms_)
        throw std::runtime_error(store_error(path_, sqlite3_extended_errcode(db_), sqlite3_errmsg(db_)));
      sqlite3_sleep(10);
    }
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
    exec("BEGIN");  // one snapshot: another kefu may be creating the schema right now
    const int version = schema_version();
    const bool foreign = version == 0 && foreign_tables();
    exec("COMMIT");
    if (foreign)
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
    // WAL: a report (or explain) reads the last committed ingest while another kefu writes, and
    // never waits for it; writers still take turns. Kept in the file: every later open is WAL.
    switch_to_wal();
    for (;;) {
      Transaction tx(*this);
      const int v = schema_version();  // again under the write lock: another kefu may have migrated
      if (v >= latest) break;
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

  // SQLite's busy handler: another kefu holds the write lock. Says once that this one waits (the
  // caller's on_wait), then polls until it is free or wait_ms_ has passed (then SQLITE_BUSY:
  // store_error says another kefu is writing).
  static int busy(void* self, int count) {
    auto& store = *static_cast<SqliteStore*>(self);
    if (count == 0) {
      store.waited_ms_ = 0;
      if (store.on_wait_ && !store.told_) store.on_wait_(), store.told_ = true;
    }
    if (store.waited_ms_ >= store.wait_ms_) return 0;
    const int ms = std::min({1 << std::min(count, 6), 50, std::max(store.wait_ms_ - store.waited_ms_, 1)});
    sqlite3_sleep(ms);
    store.waited_ms_ += ms;
    return 1;
  }

  struct MessagesMemo {
    std::array<std::string, 4> key;  // shop, platform, from, to
    std::int64_t version = -1;
    std::vector<StoredMessage> messages;
  };
  mutable MessagesMemo memo_;
  std::string path_;
  bool read_only_ = false;
  bool held_ = false;  // lock_shops began the transaction the next ingest() writes in
  int wait_ms_ = 0, waited_ms_ = 0;
  bool told_ = false;
  std::function<void()> on_wait_;
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
