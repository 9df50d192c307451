// The PostgreSQL store: schema 5 as SQLite has it (postgres_migrations.cpp), one transaction per
// ingest, bulk writes by COPY into a temporary table and one INSERT ... ON CONFLICT, so that a
// batch costs a few round trips whatever its size.
#include "store/postgres_store.h"

#include "base/calendar.h"
#include "store/postgres_connection.h"
#include "store/postgres_migrations.h"
#include "store/value_key.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

namespace kefu::host::store {
namespace {

using pg::Param;

// Held by every kefu that migrates, so that two first runs do not both create the tables.
constexpr std::int64_t kMigrationLock = 0x6b656675'00000001;  // "kefu", 1

// A shop's advisory lock key: FNV-1a over the store's schema, platform and shop id. Keys are taken
// in numeric order; two shops on one key only take turns. Advisory locks are the database's, not
// the schema's: without the schema, stores in two schemas of one database (a team each, or the
// tests' schema per test) made each other wait for the same shop id.
std::int64_t shop_lock_key(const std::string& schema, const ShopKey& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (const std::string* part : {&schema, &s.platform, &s.shop_id}) {
    for (unsigned char c : *part) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0x1f) * 1099511628211ull;
  }
  return static_cast<std::int64_t>(h);
}

std::string integer_array(const std::vector<std::int64_t>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + std::to_string(items[i]);
  return out + "}";
}

Param text(const std::string& s) { return s; }
Param integer(std::int64_t v) { return std::to_string(v); }

// The tables an ingest writes, and what it does to each: a role that lacks one of these is refused
// before any work (the read-only supervisor role lacks them all).
constexpr std::pair<const char*, const char*> kWrites[] = {
    {"ingests", "INSERT"},          {"ingests", "UPDATE"},          {"shops", "INSERT"},
    {"agents", "INSERT"},           {"figures", "INSERT"},          {"definitions", "INSERT"},
    {"sources", "INSERT"},          {"figure_values", "INSERT"},    {"figure_values", "UPDATE"},
    {"figure_values", "DELETE"},    {"explain_days", "INSERT"},     {"explain_days", "UPDATE"},
    {"explain_findings", "INSERT"}, {"explain_findings", "DELETE"}, {"explain_messages", "INSERT"},
    {"explain_messages", "DELETE"}, {"chat_sessions", "INSERT"},    {"chat_sessions", "UPDATE"},
    {"snapshots", "INSERT"},        {"snapshots", "UPDATE"}};
constexpr const char* kSequences[] = {"ingests_id_seq", "shops_id_seq",       "agents_id_seq",
                                      "figures_id_seq", "definitions_id_seq", "sources_id_seq"};

class PostgresStore final : public Store {
 public:
  PostgresStore(const std::string& url, const OpenOptions& options)
      : db_(url), read_only_(options.read_only), on_wait_(options.on_wait) {
    const pg::Result schema = db_.query("SELECT current_schema()", {}, "opening the store");
    if (schema.null(0, 0))
      throw std::runtime_error("the store " + name() +
                               ": no schema of its search_path exists. Create it (CREATE SCHEMA kefu AUTHORIZATION "
                               "kefu_ingest;) or correct options=-csearch_path%3D<schema> in the URL (docs/scale.md)");
    schema_ = schema.text(0, 0);
    if (read_only_) {
      // A supervisor's report cannot write even by mistake: every transaction of this session is read-only.
      db_.exec("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", "opening the store");
      check_schema();
      // One snapshot for the whole run: a report's periods and sections all read the same
      // committed ingests, whatever commits while it reads (the transaction ends with the connection).
      db_.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "opening the store");
    } else {
      // A writer waits for another kefu's ingest of the same shops as long as SQLite's would.
      db_.exec("SET lock_timeout = " + std::to_string(std::max(options.busy_timeout_ms, 1)), "opening the store");
      migrate();
      check_may_write();
    }
  }

  std::unique_ptr<WriteLock> lock_shops(std::vector<ShopKey> shops) override {
    if (held_) throw std::logic_error("lock_shops: the store's write lock is already held");
    db_.exec("BEGIN ISOLATION LEVEL READ COMMITTED", "starting an ingest");
    held_ = true;
    auto lock = std::make_unique<Held>(*this);
    take_shop_locks(shops);
    return lock;
  }

  IngestSummary ingest(const IngestBatch& batch, const std::function<void(std::size_t)>& after_each) override {
    const bool locked = held_;
    Transaction tx(*this);
    if (!locked) {  // no lock_shops before: lock the batch's shops now (a batch of platform exports)
      std::vector<ShopKey> shops;
      for (const StoredValue& v : batch.values) shops.push_back({v.value.platform, v.value.shop_id});
      for (const StoredSession& s : batch.sessions) shops.push_back({s.platform, s.shop_id});
      for (const QcBatch::ShopDay& d : batch.qc.days) shops.push_back({d.platform, d.shop_id});
      take_shop_locks(std::move(shops));
    }
    IngestSummary summary;
    summary.id = db_.query(R"sql(
      INSERT INTO ingests(at, kind, source, written, unchanged)
      VALUES (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), $1, $2, 0, 0) RETURNING id)sql",
                           {text(batch.kind), text(batch.source)}, "logging the ingest")
                     .integer(0, 0);
    const Ids ids = names(batch);
    std::vector<std::pair<ValueKey, std::size_t>> order;
    order.reserve(batch.values.size());
    for (std::size_t i = 0; i < batch.values.size(); ++i) {
      const MetricValue& v = batch.values[i].value;
      const std::int64_t shop = ids.shops.at({v.platform, v.shop_id});
      order.push_back({{shop, ids.agents.at({shop, v.agent_id}), ids.figures.at({v.metric, v.origin, v.native_name}),
                        day_number(v.day)},
                       i});
    }
    // The kept values as COPY rows, in the key's order.
    std::string rows;
    std::int64_t kept = 0;
    auto real = [&](std::optional<double> v) {
      v ? pg::copy_field(rows, pg::number(*v), '\t') : pg::copy_null(rows, '\t');
    };
    summary.superseded = in_key_order(
        order,
        [&](const ValueKey& key, std::size_t i) {
          const StoredValue& s = batch.values[i];
          const bool pending = s.value.availability == Availability::pending;
          for (std::int64_t k : {key.shop, key.agent, key.figure, std::int64_t{key.day}})
            pg::copy_field(rows, std::to_string(k), '\t');
          real(pending ? std::nullopt : std::optional<double>(s.value.value));
          real(s.numerator);
          real(s.denominator);
          pg::copy_field(rows, pending ? "1" : "0", '\t');
          pg::copy_field(rows, std::to_string(ids.definitions.at(s.definition)), '\t');
          pg::copy_field(rows, std::to_string(ids.sources.at(s.source)), '\n');
          ++kept;
        },
        after_each);
    db_.exec(R"sql(
      CREATE TEMP TABLE kefu_batch (shop BIGINT, agent BIGINT, figure BIGINT, day INTEGER, value DOUBLE PRECISION,
        numerator DOUBLE PRECISION, denominator DOUBLE PRECISION, pending SMALLINT, definition BIGINT, source BIGINT)
      ON COMMIT DROP)sql",
             "writing the values");
    db_.copy_in("kefu_batch", rows);
    // Its row count and spread, so that the joins below hash it rather than loop over it.
    db_.exec("ANALYZE kefu_batch", "writing the values");
    // The WHERE makes an identical re-ingest a no-op (not counted by the INSERT), so it is unchanged.
    summary.written = db_.query(R"sql(
      INSERT INTO figure_values AS v (shop, agent, figure, day, value, numerator, denominator, pending, definition,
                                      source, ingest_id)
      SELECT shop, agent, figure, day, value, numerator, denominator, pending, definition, source, $1
      FROM kefu_batch ORDER BY shop, agent, figure, day
      ON CONFLICT (shop, agent, figure, day) DO UPDATE SET
        value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
        pending = excluded.pending, definition = excluded.definition, source = excluded.source,
        ingest_id = excluded.ingest_id
      WHERE v.value IS DISTINCT FROM excluded.value
         OR v.numerator IS DISTINCT FROM excluded.numerator OR v.denominator IS DISTINCT FROM excluded.denominator
         OR v.pending IS DISTINCT FROM excluded.pending OR v.definition IS DISTINCT FROM excluded.definition)sql",
                                {integer(summary.id)}, "writing the values")
                          .affected();
    summary.unchanged = kept - summary.written;
    drop_stale_recomputed(batch, ids, summary.id);
    write_explain(batch.explain, summary.id);
    write_sessions(batch.sessions, summary.id);
    write_qc(batch.qc, ids, summary.id);
    db_.query("UPDATE ingests SET written = $1, unchanged = $2 WHERE id = $3",
              {integer(summary.written), integer(summary.unchanged), integer(summary.id)}, "logging the ingest");
    tx.commit();
    return summary;
  }

  std::vector<StoredValue> values(const ValueQuery& query) const override {
    const auto from = calendar::parse_day(query.from), to = calendar::parse_day(query.to);
    if (!from || !to) throw std::invalid_argument("values(): from and to must be days (YYYY-MM-DD)");
    const std::int32_t agents_from =
        query.agents_from.empty() ? *from : std::max(*from, calendar::parse_day(query.agents_from).value_or(*to + 1));
    // One statement, one snapshot. Sorted by the natural key's text (COLLATE "C": bytes, as
    // SQLite's store sorts), so both backends return the same rows in the same order.
    std::string sql = R"sql(
      SELECT s.platform, s.shop_id, a.agent_id, v.day, f.metric, f.origin, f.native_name, v.value, v.numerator,
             v.denominator, v.pending, d.text,
             CASE WHEN $4::boolean OR f.origin NOT IN ('recomputed', 'platform_recomputed') THEN src.text ELSE '' END
      FROM figure_values v
      JOIN shops s ON s.id = v.shop JOIN agents a ON a.id = v.agent JOIN figures f ON f.id = v.figure
      JOIN definitions d ON d.id = v.definition JOIN sources src ON src.id = v.source
      WHERE v.day >= (CASE WHEN a.agent_id <> '' AND f.origin IN ('recomputed', 'platform_recomputed')
                           THEN $3::int ELSE $1::int END)
        AND v.day <= $2::int)sql";
    std::vector<Param> params{integer(*from), integer(*to), integer(agents_from), query.own_sources ? "true" : "false"};
    if (!query.platforms.empty()) {
      params.push_back(pg::text_array(query.platforms));
      sql += " AND s.platform = ANY($" + std::to_string(params.size()) + "::text[])";
    }
    if (!query.shops.empty()) {
      params.push_back(pg::text_array(query.shops));
      sql += " AND s.shop_id = ANY($" + std::to_string(params.size()) + "::text[])";
    }
    sql += " ORDER BY s.platform, s.shop_id, a.agent_id, v.day, f.metric, f.origin, f.native_name";
    const pg::Result r = db_.query(sql, params, "reading the values");
    std::vector<StoredValue> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    std::int64_t last_day = -1;
    std::string day_text;
    for (int i = 0; i < r.rows(); ++i) {
      StoredValue v;
      v.value.platform = r.text(i, 0);
      v.value.shop_id = r.text(i, 1);
      v.value.agent_id = r.text(i, 2);
      if (const std::int64_t day = r.integer(i, 3); day != last_day)
        last_day = day, day_text = calendar::format_day(static_cast<calendar::Day>(day));
      v.value.day = day_text;
      v.value.metric = r.text(i, 4);
      v.value.origin = r.text(i, 5);
      v.value.native_name = r.text(i, 6);
      v.value.value = r.real(i, 7).value_or(0);
      v.numerator = r.real(i, 8);
      v.denominator = r.real(i, 9);
      v.value.availability = r.integer(i, 10) != 0 ? Availability::pending : Availability::available;
      v.definition = r.text(i, 11);
      v.source = r.text(i, 12);
      out.push_back(std::move(v));
    }
    return out;
  }

  StoredExplanation explanation(const ExplainQuery& q) const override {
    StoredExplanation out;
    const Snapshot snapshot(*this);
    // $1 shop, $2 from, $3 to, $4 platform ('' any), $5 metric, $6 view. A platform given is an
    // equality, so that the primary keys (shop_id, platform, day, ...) seek to the period's days
    // instead of walking all of the shop's (a month's report asks this of every shop).
    const std::string platform = q.platform.empty() ? " AND $4 = ''" : " AND platform = $4";
    const std::vector<Param> period{text(q.shop_id), text(q.from), text(q.to), text(q.platform)};
    const pg::Result days = db_.query(R"sql(
      SELECT platform, day, definition, kept, messages FROM explain_days
      WHERE shop_id = $1 AND day >= $2 AND day <= $3)sql" +
                                          platform + " ORDER BY day, platform",
                                      period, "reading what explains a figure");
    for (int i = 0; i < days.rows(); ++i)
      out.days.push_back(
          {days.text(i, 0), q.shop_id, days.text(i, 1), days.text(i, 2), days.integer(i, 3) != 0, days.integer(i, 4)});
    std::vector<Param> with_metric = period;
    with_metric.push_back(text(q.metric));
    with_metric.push_back(text(q.view));
    const pg::Result findings = db_.query(R"sql(
      SELECT platform, day, ordinal, session_id, agent, reason, asked_ms, delay_ms FROM explain_findings
      WHERE shop_id = $1 AND day >= $2 AND day <= $3)sql" +
                                              platform + R"sql( AND metric = $5 AND view = $6
      ORDER BY day, platform, ordinal)sql",
                                          with_metric, "reading what explains a figure");
    for (int i = 0; i < findings.rows(); ++i) {
      StoredFinding f;
      f.platform = findings.text(i, 0);
      f.shop_id = q.shop_id;
      f.day = findings.text(i, 1);
      f.metric = q.metric;
      f.view = q.view;
      f.ordinal = findings.integer(i, 2);
      f.session_id = findings.text(i, 3);
      f.agent = findings.text(i, 4);
      f.reason = findings.text(i, 5);
      f.asked_ms = findings.integer(i, 6);
      f.delay_ms = findings.null(i, 7) ? -1 : findings.integer(i, 7);
      out.findings.push_back(std::move(f));
    }
    if (out.findings.empty()) return out;
    // The messages of the findings' sessions only, each session sought through the primary key
    // (shop_id, platform, day, session_id, seq), in (platform, day, session, seq) order.
    std::set<std::tuple<std::string, std::string, std::string>> sessions;
    for (const StoredFinding& f : out.findings) sessions.insert({f.platform, f.day, f.session_id});
    std::vector<std::string> platforms, days_of, ids;
    for (const auto& [p, d, id] : sessions) platforms.push_back(p), days_of.push_back(d), ids.push_back(id);
    const pg::Result messages =
        db_.query(R"sql(
      SELECT m.platform, m.day, m.session_id, m.seq, m.ts, m.sender, m.agent_id, m.event, m.content
      FROM unnest($2::text[], $3::text[], $4::text[]) AS f(platform, day, session_id)
      JOIN explain_messages m
        ON m.shop_id = $1 AND m.platform = f.platform AND m.day = f.day AND m.session_id = f.session_id
      ORDER BY m.platform, m.day, m.session_id, m.seq)sql",
                  {text(q.shop_id), pg::text_array(platforms), pg::text_array(days_of), pg::text_array(ids)},
                  "reading what explains a figure");
    for (int i = 0; i < messages.rows(); ++i)
      out.messages.push_back({messages.text(i, 0), q.shop_id, messages.text(i, 1), messages.text(i, 2),
                              messages.integer(i, 3), messages.integer(i, 4), messages.text(i, 5), messages.text(i, 6),
                              messages.text(i, 7), messages.text(i, 8)});
    return out;
  }

  StoredQc qc(const QcQuery& q) const override {
    const auto from = calendar::parse_day(q.from), to = calendar::parse_day(q.to);
    if (!from || !to) throw std::invalid_argument("qc(): from and to must be days (YYYY-MM-DD)");
    const Snapshot snapshot(*this);
    // $1 from, $2 to, then the optional platform and shop filters, as values() has them.
    std::vector<Param> params{integer(*from), integer(*to)};
    std::string filter;
    if (!q.platforms.empty()) {
      params.push_back(pg::text_array(q.platforms));
      filter += " AND s.platform = ANY($" + std::to_string(params.size()) + "::text[])";
    }
    if (!q.shops.empty()) {
      params.push_back(pg::text_array(q.shops));
      filter += " AND s.shop_id = ANY($" + std::to_string(params.size()) + "::text[])";
    }
    StoredQc out;
    const pg::Result days = db_.query(R"sql(
      SELECT s.platform, s.shop_id, q.day, a.agent_id, q.messages, q.partial
      FROM qc_days q JOIN shops s ON s.id = q.shop JOIN agents a ON a.id = q.agent
      WHERE q.day >= $1::int AND q.day <= $2::int)sql" + filter + " ORDER BY s.platform, s.shop_id, q.day, a.agent_id",
                                      params, "reading the QC days");
    for (int i = 0; i < days.rows(); ++i)
      out.days.push_back({days.text(i, 0), days.text(i, 1), calendar::format_day(static_cast<calendar::Day>(days.integer(i, 2))),
                          days.text(i, 3), days.integer(i, 4), days.integer(i, 5) != 0});
    const pg::Result hits = db_.query(R"sql(
      SELECT s.platform, s.shop_id, h.day, a.agent_id, h.session_id, h.ts, h.message, h.occurrence, h.begin, h.length,
             h.category, h.severity, h.stance, h.term, h.text, h.mode, h.sentence
      FROM qc_hits h JOIN shops s ON s.id = h.shop JOIN agents a ON a.id = h.agent
      WHERE h.day >= $1::int AND h.day <= $2::int)sql" + filter +
                                          " ORDER BY s.platform, s.shop_id, h.day, h.ts, a.agent_id, h.session_id, "
                                          "h.occurrence, h.begin",
                                      params, "reading the QC hits");
    for (int i = 0; i < hits.rows(); ++i) {
      QcHit h;
      h.platform = hits.text(i, 0);
      h.shop_id = hits.text(i, 1);
      h.day = calendar::format_day(static_cast<calendar::Day>(hits.integer(i, 2)));
      h.agent_id = hits.text(i, 3);
      h.session_id = hits.text(i, 4);
      h.ts = hits.integer(i, 5);
      h.message = hits.integer(i, 6);
      h.occurrence = hits.integer(i, 7);
      h.begin = hits.integer(i, 8);
      h.length = hits.integer(i, 9);
      h.category = hits.text(i, 10);
      h.severity = hits.text(i, 11);
      h.stance = hits.text(i, 12);
      h.term = hits.text(i, 13);
      h.text = hits.text(i, 14);
      h.mode = hits.text(i, 15);
      h.sentence = hits.text(i, 16);
      out.hits.push_back(std::move(h));
    }
    return out;
  }

  std::vector<StoredSession> sessions(const SessionQuery& q) const override {
    const pg::Result r =
        db_.query(R"sql(
      SELECT session_id, day, ord, rows FROM chat_sessions
      WHERE platform = $1 AND shop_id = $2 AND (day = ANY($3::text[]) OR session_id = ANY($4::text[])))sql",
                  {text(q.platform), text(q.shop_id), pg::text_array(q.days), pg::text_array(q.session_ids)},
                  "reading the stored sessions");
    std::vector<StoredSession> out;
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({q.platform, q.shop_id, r.text(i, 0), r.text(i, 1), r.integer(i, 2), r.bytes(i, 3)});
    std::sort(out.begin(), out.end(), [](const StoredSession& a, const StoredSession& b) { return a.order < b.order; });
    return out;
  }

  std::int64_t last_session_order() const override {
    return db_.query("SELECT COALESCE(MAX(ord), 0) FROM chat_sessions", {}, "reading the stored sessions")
        .integer(0, 0);
  }

  std::vector<StoredMessage> day_messages(const std::string& platform, const std::string& shop_id,
                                          const std::string& day) const override {
    const pg::Result r = db_.query(R"sql(
      SELECT session_id, seq, ts, sender, agent_id, event, content FROM explain_messages
      WHERE shop_id = $1 AND platform = $2 AND day = $3 ORDER BY session_id, seq)sql",
                                   {text(shop_id), text(platform), text(day)}, "reading the kept messages");
    std::vector<StoredMessage> out;
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({platform, shop_id, day, r.text(i, 0), r.integer(i, 1), r.integer(i, 2), r.text(i, 3), r.text(i, 4),
                     r.text(i, 5), r.text(i, 6)});
    return out;
  }

  bool snapshot(const std::string& platform, const std::string& kind, const std::string& day,
                const std::string& body) override {
    Transaction tx(*this);
    // One platform's snapshots are taken in turn (two first runs of a day store one).
    db_.query("SELECT pg_advisory_xact_lock($1::bigint)", {integer(shop_lock_key(schema_, {"snapshot " + platform, kind}))},
              "storing a snapshot");
    const pg::Result latest =
        db_.query("SELECT body FROM snapshots WHERE platform = $1 AND kind = $2 ORDER BY day DESC LIMIT 1",
                  {text(platform), text(kind)}, "storing a snapshot");
    if (latest.rows() > 0 && latest.text(0, 0) == body) return false;
    db_.query(R"sql(
      INSERT INTO snapshots(platform, kind, day, body) VALUES ($1, $2, $3, $4)
      ON CONFLICT (platform, kind, day) DO UPDATE SET body = excluded.body)sql",
              {text(platform), text(kind), text(day), text(body)}, "storing a snapshot");
    tx.commit();
    return true;
  }

  std::vector<std::string> snapshot_days(const std::string& platform, const std::string& kind) const override {
    const pg::Result r = db_.query("SELECT day FROM snapshots WHERE platform = $1 AND kind = $2 ORDER BY day",
                                   {text(platform), text(kind)}, "reading the snapshots");
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
    return out;
  }

  int schema_version() const override {
    if (db_.query("SELECT to_regclass('kefu_schema') IS NULL", {}, "reading the schema version").text(0, 0) == "t")
      return 0;
    const pg::Result r = db_.query("SELECT version FROM kefu_schema", {}, "reading the schema version");
    return r.rows() ? static_cast<int>(r.integer(0, 0)) : 0;
  }

 private:
  // Rolls back unless committed; inside lock_shops' transaction it is that one.
  class Transaction {
   public:
    explicit Transaction(PostgresStore& store) : store_(store) {
      if (!store_.held_) store_.db_.exec("BEGIN ISOLATION LEVEL READ COMMITTED", "starting a transaction");
      store_.held_ = false;
    }
    ~Transaction() {
      if (!done_) store_.rollback();
    }
    void commit() {
      store_.db_.exec("COMMIT", "committing");
      done_ = true;
    }

   private:
    PostgresStore& store_;
    bool done_ = false;
  };

  class Held final : public WriteLock {
   public:
    explicit Held(PostgresStore& store) : store_(store) {}
    ~Held() override {
      if (store_.held_) store_.rollback(), store_.held_ = false;
    }

   private:
    PostgresStore& store_;
  };

  // Reads that must agree with each other (explain's days, findings and messages) see one
  // snapshot, unless they run inside an ingest's transaction, which already has its own.
  class Snapshot {
   public:
    explicit Snapshot(const PostgresStore& store) : db_(store.db_.in_transaction() ? nullptr : &store.db_) {
      if (db_) db_->exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "reading");
    }
    ~Snapshot() {
      if (db_) {
        try {
          db_->exec("COMMIT", "reading");
        } catch (...) {  // a read-only transaction has nothing to lose
        }
      }
    }
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;

   private:
    pg::Connection* db_;
  };

  void rollback() {
    try {
      if (db_.in_transaction()) db_.exec("ROLLBACK", "rolling back");
    } catch (...) {  // a lost connection rolls back by itself
    }
  }

  const std::string& name() const { return db_.name(); }

  void take_shop_locks(std::vector<ShopKey> shops) {
    std::vector<std::int64_t> keys;
    for (const ShopKey& s : shops) keys.push_back(shop_lock_key(schema_, s));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    // Says once that it waits (the caller's on_wait) when another kefu holds one of them.
    for (std::int64_t k : keys) {
      if (db_.query("SELECT pg_try_advisory_xact_lock($1::bigint)", {integer(k)}, "locking the shops").text(0, 0) ==
          "t")
        continue;
      if (on_wait_ && !told_) on_wait_(), told_ = true;
      db_.query("SELECT pg_advisory_xact_lock($1::bigint)", {integer(k)}, "waiting for another kefu's ingest");
    }
  }

  // The numbers of the batch's names, adding the new ones. Each table's new names go in one
  // INSERT in sorted order, so two ingests adding names at once wait for each other in one order
  // and never deadlock; ON CONFLICT DO NOTHING takes a name another ingest just added.
  struct Ids {
    std::map<std::pair<std::string, std::string>, std::int64_t> shops;
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> agents;
    std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> figures;
    std::map<std::string, std::int64_t> definitions, sources;
  };
  Ids names(const IngestBatch& batch) {
    Ids ids;
    std::set<std::pair<std::string, std::string>> shops;
    std::set<std::tuple<std::string, std::string, std::string>> figures;
    std::set<std::string> definitions, sources;
    for (const StoredValue& s : batch.values) {
      shops.insert({s.value.platform, s.value.shop_id});
      figures.insert({s.value.metric, s.value.origin, s.value.native_name});
      definitions.insert(s.definition);
      sources.insert(s.source);
    }
    for (const IngestBatch::ShopDay& d : batch.recomputed_days) shops.insert({d.platform, d.shop_id});
    for (const QcDay& d : batch.qc.counts) shops.insert({d.platform, d.shop_id});
    for (const QcHit& h : batch.qc.hits) shops.insert({h.platform, h.shop_id});
    auto column = [](const auto& set, auto get) {
      std::vector<std::string> out;
      for (const auto& x : set) out.push_back(get(x));
      return pg::text_array(out);
    };
    const std::vector<Param> shop_args{column(shops, [](const auto& s) { return s.first; }),
                                       column(shops, [](const auto& s) { return s.second; })};
    db_.query(R"sql(
      INSERT INTO shops(platform, shop_id) SELECT p, s FROM unnest($1::text[], $2::text[]) AS t(p, s) ORDER BY p, s
      ON CONFLICT DO NOTHING)sql",
              shop_args, "adding the shops");
    const pg::Result shop_rows = db_.query(R"sql(
      SELECT id, platform, shop_id FROM shops JOIN unnest($1::text[], $2::text[]) AS t(p, s)
        ON platform = p AND shop_id = s)sql",
                                           shop_args, "adding the shops");
    for (int i = 0; i < shop_rows.rows(); ++i)
      ids.shops[{shop_rows.text(i, 1), shop_rows.text(i, 2)}] = shop_rows.integer(i, 0);

    std::set<std::pair<std::int64_t, std::string>> agents;
    for (const StoredValue& s : batch.values)
      agents.insert({ids.shops.at({s.value.platform, s.value.shop_id}), s.value.agent_id});
    for (const QcDay& d : batch.qc.counts) agents.insert({ids.shops.at({d.platform, d.shop_id}), d.agent_id});
    for (const QcHit& h : batch.qc.hits) agents.insert({ids.shops.at({h.platform, h.shop_id}), h.agent_id});
    std::vector<std::int64_t> agent_shops;
    std::vector<std::string> agent_ids;
    for (const auto& [shop, agent] : agents) agent_shops.push_back(shop), agent_ids.push_back(agent);
    const std::vector<Param> agent_args{integer_array(agent_shops), pg::text_array(agent_ids)};
    db_.query(R"sql(
      INSERT INTO agents(shop, agent_id) SELECT s, a FROM unnest($1::bigint[], $2::text[]) AS t(s, a) ORDER BY s, a
      ON CONFLICT DO NOTHING)sql",
              agent_args, "adding the agents");
    const pg::Result agent_rows = db_.query(R"sql(
      SELECT id, shop, agent_id FROM agents JOIN unnest($1::bigint[], $2::text[]) AS t(s, a)
        ON shop = s AND agent_id = a)sql",
                                            agent_args, "adding the agents");
    for (int i = 0; i < agent_rows.rows(); ++i)
      ids.agents[{agent_rows.integer(i, 1), agent_rows.text(i, 2)}] = agent_rows.integer(i, 0);

    const std::vector<Param> figure_args{column(figures, [](const auto& f) { return std::get<0>(f); }),
                                         column(figures, [](const auto& f) { return std::get<1>(f); }),
                                         column(figures, [](const auto& f) { return std::get<2>(f); })};
    db_.query(R"sql(
      INSERT INTO figures(metric, origin, native_name)
      SELECT m, o, n FROM unnest($1::text[], $2::text[], $3::text[]) AS t(m, o, n) ORDER BY m, o, n
      ON CONFLICT DO NOTHING)sql",
              figure_args, "adding the figures");
    const pg::Result figure_rows = db_.query(R"sql(
      SELECT id, metric, origin, native_name FROM figures JOIN unnest($1::text[], $2::text[], $3::text[]) AS t(m, o, n)
        ON metric = m AND origin = o AND native_name = n)sql",
                                             figure_args, "adding the figures");
    for (int i = 0; i < figure_rows.rows(); ++i)
      ids.figures[{figure_rows.text(i, 1), figure_rows.text(i, 2), figure_rows.text(i, 3)}] = figure_rows.integer(i, 0);

    for (auto [table, wanted, out] :
         {std::tuple{"definitions", &definitions, &ids.definitions}, std::tuple{"sources", &sources, &ids.sources}}) {
      const std::vector<Param> args{column(*wanted, [](const std::string& t) { return t; })};
      db_.query(std::string("INSERT INTO ") + table +
                    "(text) SELECT x FROM unnest($1::text[]) AS t(x) ORDER BY md5(x) " + "ON CONFLICT DO NOTHING",
                args, std::string("adding the ") + table);
      const pg::Result rows = db_.query(std::string("SELECT id, text FROM ") + table +
                                            " JOIN unnest($1::text[]) AS t(x) ON md5(text) = md5(x) AND text = x",
                                        args, std::string("adding the ") + table);
      for (int i = 0; i < rows.rows(); ++i) (*out)[rows.text(i, 1)] = rows.integer(i, 0);
    }
    return ids;
  }

  // The recomputed values of each day the batch holds whole that the batch did not write: Kefu's
  // own, and the figures of the platform definitions the batch computed (as SQLite's store).
  void drop_stale_recomputed(const IngestBatch& batch, const Ids& ids, std::int64_t ingest_id) {
    if (batch.recomputed_days.empty()) return;
    std::vector<std::int64_t> shops, days;
    for (const IngestBatch::ShopDay& d : batch.recomputed_days)
      if (const auto it = ids.shops.find({d.platform, d.shop_id}); it != ids.shops.end())
        shops.push_back(it->second), days.push_back(day_number(d.day));
    std::vector<std::string> platforms, native_names;
    for (const auto& f : batch.recomputed_figures)
      platforms.push_back(f.platform), native_names.push_back(f.native_name);
    // The days as a table the planner knows the size of (a day a shop is a few thousand values:
    // one pass over them, hashed against the batch, not a probe per day).
    db_.exec("CREATE TEMP TABLE kefu_days (shop BIGINT, day INTEGER) ON COMMIT DROP",
             "removing the days' stale values");
    db_.query("INSERT INTO kefu_days SELECT DISTINCT shop, day FROM unnest($1::bigint[], $2::int[]) AS d(shop, day)",
              {integer_array(shops), integer_array(days)}, "removing the days' stale values");
    db_.exec("ANALYZE kefu_days", "removing the days' stale values");
    db_.query(R"sql(
      DELETE FROM figure_values v
      USING kefu_days d, figures f, shops s
      WHERE v.shop = d.shop AND v.day = d.day AND f.id = v.figure AND s.id = v.shop AND v.ingest_id <> $3
        AND (f.origin = 'recomputed'
             OR (f.origin = 'platform_recomputed'
                 AND (s.platform, f.native_name) IN (SELECT * FROM unnest($1::text[], $2::text[]))))
        AND NOT EXISTS (SELECT 1 FROM kefu_batch b
                        WHERE b.shop = v.shop AND b.agent = v.agent AND b.figure = v.figure AND b.day = v.day))sql",
              {pg::text_array(platforms), pg::text_array(native_names), integer(ingest_id)},
              "removing the days' stale values");
  }

  // Each explained day's findings and messages replace the day's old ones; then the retention
  // drops every day before keep_from.
  // Inside the ingest's transaction: each shop day the QC batch holds whole loses its stored
  // counts and hits, then the batch's are written (SQLite's store does the same).
  void write_qc(const QcBatch& qc, const Ids& ids, std::int64_t ingest_id) {
    if (qc.days.empty() && qc.counts.empty() && qc.hits.empty()) return;
    std::vector<std::int64_t> drop_shops, drop_days;
    for (const QcBatch::ShopDay& d : qc.days)
      if (const auto shop = ids.shops.find({d.platform, d.shop_id}); shop != ids.shops.end())
        drop_shops.push_back(shop->second), drop_days.push_back(day_number(d.day));
    if (!drop_shops.empty())
      for (const char* table : {"qc_days", "qc_hits"})
        db_.query(std::string("DELETE FROM ") + table +
                      " x USING unnest($1::int[], $2::int[]) AS d(shop, day) WHERE x.shop = d.shop AND x.day = d.day",
                  {integer_array(drop_shops), integer_array(drop_days)}, "replacing the QC days");
    auto agent_of = [&](std::int64_t shop, const std::string& agent) { return ids.agents.at({shop, agent}); };
    // One row per key (the last of the batch, as SQLite's INSERT OR REPLACE keeps): one
    // INSERT ... ON CONFLICT may not touch a row twice.
    std::map<std::tuple<std::int64_t, std::int32_t, std::int64_t>, const QcDay*> days;
    for (const QcDay& d : qc.counts) {
      const std::int64_t shop = ids.shops.at({d.platform, d.shop_id});
      days[{shop, day_number(d.day), agent_of(shop, d.agent_id)}] = &d;
    }
    if (!days.empty()) {
      std::string rows;
      for (const auto& [key, d] : days) {
        const auto& [shop, day, agent] = key;
        for (std::int64_t k : {shop, std::int64_t{day}, agent, d->messages}) pg::copy_field(rows, std::to_string(k), '\t');
        pg::copy_field(rows, d->partial ? "1" : "0", '\n');
      }
      db_.exec("CREATE TEMP TABLE kefu_qc_days (shop INTEGER, day INTEGER, agent INTEGER, messages BIGINT, "
               "partial SMALLINT) ON COMMIT DROP",
               "storing the QC days");
      db_.copy_in("kefu_qc_days", rows);
      db_.query(R"sql(
        INSERT INTO qc_days(shop, day, agent, messages, partial, ingest_id)
        SELECT shop, day, agent, messages, partial, $1 FROM kefu_qc_days ORDER BY shop, day, agent
        ON CONFLICT (shop, day, agent) DO UPDATE SET messages = excluded.messages, partial = excluded.partial,
          ingest_id = excluded.ingest_id)sql",
                {integer(ingest_id)}, "storing the QC days");
    }
    using HitKey = std::tuple<std::int64_t, std::int32_t, std::int64_t, std::string, std::int64_t, std::int64_t,
                              std::int64_t, std::int64_t>;
    std::map<HitKey, const QcHit*> hits;
    for (const QcHit& h : qc.hits) {
      const std::int64_t shop = ids.shops.at({h.platform, h.shop_id});
      hits[{shop, day_number(h.day), agent_of(shop, h.agent_id), h.session_id, h.ts, h.message, h.occurrence,
            h.begin}] = &h;
    }
    if (hits.empty()) return;
    std::string rows;
    for (const auto& [key, h] : hits) {
      const auto& [shop, day, agent, session, ts, message, occurrence, begin] = key;
      for (std::int64_t k : {shop, std::int64_t{day}, agent}) pg::copy_field(rows, std::to_string(k), '\t');
      pg::copy_field(rows, session, '\t');
      for (std::int64_t k : {ts, message, occurrence, begin, h->length}) pg::copy_field(rows, std::to_string(k), '\t');
      for (const std::string* t : {&h->category, &h->severity, &h->stance, &h->term, &h->text, &h->mode})
        pg::copy_field(rows, *t, '\t');
      pg::copy_field(rows, h->sentence, '\n');
    }
    db_.exec(R"sql(
      CREATE TEMP TABLE kefu_qc_hits (shop INTEGER, day INTEGER, agent INTEGER, session_id TEXT, ts BIGINT,
        message BIGINT, occurrence BIGINT, begin BIGINT, length BIGINT, category TEXT, severity TEXT, stance TEXT,
        term TEXT, text TEXT, mode TEXT, sentence TEXT) ON COMMIT DROP)sql",
             "storing the QC hits");
    db_.copy_in("kefu_qc_hits", rows);
    db_.query(R"sql(
      INSERT INTO qc_hits(shop, day, agent, session_id, ts, message, occurrence, begin, length, category, severity,
                          stance, term, text, mode, sentence, ingest_id)
      SELECT shop, day, agent, session_id, ts, message, occurrence, begin, length, category, severity, stance, term,
             text, mode, sentence, $1
      FROM kefu_qc_hits ORDER BY shop, day, agent, session_id, ts, message, occurrence, begin
      ON CONFLICT (shop, day, agent, session_id, ts, message, occurrence, begin) DO UPDATE SET
        length = excluded.length, category = excluded.category, severity = excluded.severity,
        stance = excluded.stance, term = excluded.term, text = excluded.text, mode = excluded.mode,
        sentence = excluded.sentence, ingest_id = excluded.ingest_id)sql",
              {integer(ingest_id)}, "storing the QC hits");
  }

  void write_explain(const ExplainBatch& e, std::int64_t ingest_id) {
    if (e.days.empty() && e.keep_from.empty()) return;
    std::map<std::tuple<std::string, std::string, std::string>, const ExplainDay*> days;  // the last of each
    for (const ExplainDay& d : e.days) days[{d.shop_id, d.platform, d.day}] = &d;
    std::vector<std::string> shop_ids, platforms, day_texts, definitions;
    std::vector<std::int64_t> kept, messages;
    for (const auto& [_, d] : days) {
      shop_ids.push_back(d->shop_id), platforms.push_back(d->platform), day_texts.push_back(d->day);
      definitions.push_back(d->definition), kept.push_back(d->kept), messages.push_back(d->messages);
    }
    const std::vector<Param> day_args{pg::text_array(shop_ids), pg::text_array(platforms), pg::text_array(day_texts)};
    for (const char* table : {"explain_findings", "explain_messages"})
      db_.query(std::string("DELETE FROM ") + table +
                    " x USING unnest($1::text[], $2::text[], $3::text[]) AS d(shop_id, platform, day) "
                    "WHERE x.shop_id = d.shop_id AND x.platform = d.platform AND x.day = d.day",
                day_args, "replacing the explained days");
    db_.query(R"sql(
      INSERT INTO explain_days(shop_id, platform, day, definition, kept, messages, ingest_id)
      SELECT s, p, d, def, k, m, $7 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[])
        AS t(s, p, d, def, k, m)
      ON CONFLICT (shop_id, platform, day) DO UPDATE SET definition = excluded.definition, kept = excluded.kept,
        messages = excluded.messages, ingest_id = excluded.ingest_id)sql",
              {pg::text_array(shop_ids), pg::text_array(platforms), pg::text_array(day_texts),
               pg::text_array(definitions), integer_array(kept), integer_array(messages), integer(ingest_id)},
              "storing the explained days");
    if (!e.findings.empty()) {
      std::string rows;
      for (const StoredFinding& f : e.findings) {
        for (const std::string* t : {&f.shop_id, &f.platform, &f.day, &f.metric, &f.view})
          pg::copy_field(rows, *t, '\t');
        pg::copy_field(rows, std::to_string(f.ordinal), '\t');
        for (const std::string* t : {&f.session_id, &f.agent, &f.reason}) pg::copy_field(rows, *t, '\t');
        pg::copy_field(rows, std::to_string(f.asked_ms), '\t');
        f.delay_ms >= 0 ? pg::copy_field(rows, std::to_string(f.delay_ms), '\n') : pg::copy_null(rows, '\n');
      }
      db_.copy_in(
          "explain_findings(shop_id, platform, day, metric, view, ordinal, session_id, agent, reason, asked_ms, "
          "delay_ms)",
          rows);
    }
    if (!e.messages.empty()) {
      std::string rows;
      for (const StoredMessage& m : e.messages) {
        for (const std::string* t : {&m.shop_id, &m.platform, &m.day, &m.session_id}) pg::copy_field(rows, *t, '\t');
        pg::copy_field(rows, std::to_string(m.seq), '\t');
        pg::copy_field(rows, std::to_string(m.ts), '\t');
        for (const std::string* t : {&m.sender, &m.agent_id, &m.event}) pg::copy_field(rows, *t, '\t');
        pg::copy_field(rows, m.content, '\n');
      }
      db_.copy_in("explain_messages(shop_id, platform, day, session_id, seq, ts, sender, agent_id, event, content)",
                  rows);
    }
    if (e.keep_from.empty()) return;
    // The retention: old days keep their row (so explain can say why there is nothing), not their data.
    for (const char* table : {"explain_findings", "explain_messages"})
      db_.query(std::string("DELETE FROM ") + table +
                    " x USING explain_days d WHERE d.day < $1 AND d.kept = 1 "
                    "AND x.shop_id = d.shop_id AND x.platform = d.platform AND x.day = d.day",
                {text(e.keep_from)}, "applying the explain retention");
    db_.query("UPDATE explain_days SET kept = 0 WHERE day < $1 AND kept = 1", {text(e.keep_from)},
              "applying the explain retention");
  }

  // Each session's rows replace what was kept of it (the last of a session the batch names twice).
  void write_sessions(const std::vector<StoredSession>& sessions, std::int64_t ingest_id) {
    if (sessions.empty()) return;
    std::map<std::tuple<std::string, std::string, std::string>, const StoredSession*> last;
    for (const StoredSession& x : sessions) last[{x.platform, x.shop_id, x.session_id}] = &x;
    std::string rows;
    for (const auto& [_, x] : last) {
      for (const std::string* t : {&x->platform, &x->shop_id, &x->session_id, &x->day}) pg::copy_field(rows, *t, '\t');
      pg::copy_field(rows, std::to_string(x->order), '\t');
      pg::copy_bytes(rows, x->rows, '\n');
    }
    db_.exec(R"sql(
      CREATE TEMP TABLE kefu_sessions (platform TEXT COLLATE "C", shop_id TEXT COLLATE "C",
        session_id TEXT COLLATE "C", day TEXT COLLATE "C", ord BIGINT, rows BYTEA) ON COMMIT DROP)sql",
             "storing the sessions");
    db_.copy_in("kefu_sessions", rows);
    db_.query(R"sql(
      INSERT INTO chat_sessions AS c (platform, shop_id, session_id, day, ord, rows, ingest_id)
      SELECT platform, shop_id, session_id, day, ord, rows, $1 FROM kefu_sessions ORDER BY platform, shop_id, session_id
      ON CONFLICT (platform, shop_id, session_id) DO UPDATE SET
        day = excluded.day, ord = excluded.ord, rows = excluded.rows, ingest_id = excluded.ingest_id
      WHERE c.day IS DISTINCT FROM excluded.day OR c.ord IS DISTINCT FROM excluded.ord
         OR c.rows IS DISTINCT FROM excluded.rows)sql",
              {integer(ingest_id)}, "storing the sessions");
  }

  // Read-only: a store with the schema this kefu reads, or a clear refusal (nothing is created).
  void check_schema() {
    const int version = schema_version();
    if (version == 0)
      throw std::runtime_error("the store " + name() + " (schema " + schema_ +
                               ") holds no kefu data (no kefu schema): run `kefu ingest` with the ingest role to fill "
                               "it, and point --store (or the config's \"store\") at it");
    if (version > kSchemaVersion)
      throw std::runtime_error("the store " + name() + " has schema version " + std::to_string(version) +
                               ", newer than this kefu knows (" + std::to_string(kSchemaVersion) + "): upgrade kefu");
    if (version < kSchemaVersion)
      throw std::runtime_error("the store " + name() + " has an older schema (version " + std::to_string(version) +
                               ") and this kefu reads version " + std::to_string(kSchemaVersion) +
                               "; reading never migrates it. Run `kefu ingest` once with this kefu and the ingest "
                               "role (the schema's owner) to upgrade it, then report");
  }

  void migrate() {
    const int version = schema_version();
    if (version > kSchemaVersion)
      throw std::runtime_error("the store " + name() + " has schema version " + std::to_string(version) +
                               ", newer than this kefu knows (" + std::to_string(kSchemaVersion) + "): upgrade kefu");
    if (version == kSchemaVersion) return;
    if (version == 0 &&
        db_.query("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND NOT EXISTS "
                  "(SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'kefu_schema')",
                  {}, "opening the store")
                .integer(0, 0) > 0)
      throw std::runtime_error("the schema " + schema_ + " of the store " + name() +
                               " holds tables kefu did not create (and no kefu schema); kefu will not add its tables "
                               "to it. Give kefu a schema of its own (CREATE SCHEMA kefu AUTHORIZATION kefu_ingest; "
                               "and options=-csearch_path%3Dkefu in the URL) or a new database (docs/scale.md)");
    const std::string role = db_.role();
    if (db_.query("SELECT has_schema_privilege(current_schema(), 'CREATE')", {}, "opening the store").text(0, 0) != "t")
      throw std::runtime_error("the store " + name() + " needs its schema " +
                               (version == 0 ? "created" : "upgraded from version " + std::to_string(version)) +
                               " to version " + std::to_string(kSchemaVersion) + ", but role " + role +
                               " may not create tables in schema " + schema_ +
                               " (no CREATE privilege). Run `kefu ingest` once as the role that owns the schema (the "
                               "ingest role, docs/scale.md \"Roles\"); nothing was changed");
    Transaction tx(*this);
    db_.query("SELECT pg_advisory_xact_lock($1::bigint)", {integer(kMigrationLock)}, "migrating the schema");
    db_.exec(R"sql(
      CREATE TABLE IF NOT EXISTS kefu_schema (
        one     BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),  -- one row: the schema's version
        version INTEGER NOT NULL);
      INSERT INTO kefu_schema(version) VALUES (0) ON CONFLICT DO NOTHING)sql",
             "migrating the schema");
    const auto list = pg::migrations();
    for (int v = schema_version(); v < kSchemaVersion; ++v) {  // again under the lock: another kefu may have migrated
      db_.exec(list[static_cast<std::size_t>(v)], "migrating the schema to version " + std::to_string(v + 1));
      db_.query("UPDATE kefu_schema SET version = $1", {integer(v + 1)}, "migrating the schema");
    }
    tx.commit();
  }

  // A role that may only read (the supervisors') is refused here, before an ingest reads a file.
  void check_may_write() {
    if (db_.query("SELECT current_setting('transaction_read_only')", {}, "opening the store").text(0, 0) == "on")
      throw std::runtime_error("the store " + name() +
                               " only allows reading here (transaction_read_only is on for "
                               "role " +
                               db_.role() +
                               ": a standby server, or the role's default): ingest into the "
                               "primary server with the ingest role (docs/scale.md \"Roles\")");
    std::vector<std::string> tables, privileges;
    for (const auto& [t, p] : kWrites) tables.push_back(t), privileges.push_back(p);
    const pg::Result missing = db_.query(R"sql(
      SELECT t, p FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(t, p, n)
      WHERE NOT has_table_privilege(t, p) ORDER BY n)sql",
                                         {pg::text_array(tables), pg::text_array(privileges)}, "opening the store");
    std::string what;
    for (int i = 0; i < missing.rows() && i < 3; ++i)
      what += (i ? ", " : "") + missing.text(i, 1) + " on " + missing.text(i, 0);
    if (missing.rows() > 3) what += " and " + std::to_string(missing.rows() - 3) + " more";
    if (what.empty()) {
      std::vector<std::string> sequences(std::begin(kSequences), std::end(kSequences));
      const pg::Result seq =
          db_.query("SELECT s FROM unnest($1::text[]) AS x(s) WHERE NOT has_sequence_privilege(s, 'USAGE') LIMIT 1",
                    {pg::text_array(sequences)}, "opening the store");
      if (seq.rows()) what = "USAGE on " + seq.text(0, 0);
    }
    if (!what.empty())
      throw std::runtime_error("the store " + name() + " may not be written by role " + db_.role() + " (missing " +
                               what +
                               "): this looks like the read-only role, which serves `kefu report`. Ingest with the "
                               "ingest role (docs/scale.md \"Roles\" has the GRANTs); nothing was read or written");
  }

  mutable pg::Connection db_;
  bool read_only_ = false;
  bool held_ = false;  // lock_shops began the transaction the next ingest() writes in
  std::string schema_;
  std::function<void()> on_wait_;
  bool told_ = false;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url, const OpenOptions& options) {
  return std::make_unique<PostgresStore>(url, options);
}

}  // namespace kefu::host::store
