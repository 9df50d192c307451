// Every text column is COLLATE "C": compared and sorted by bytes as SQLite does, whatever the
// database's locale, so that both backends return rows in one order (the report's output is
// byte-identical on both) and a day 'YYYY-MM-DD' compares as text the same everywhere.
#include "store/postgres_migrations.h"

#include "store/store.h"

#include <array>

namespace kefu::host::store::pg {
namespace {

// Schema 1: metric values, the ingests log, snapshots.
constexpr std::string_view kMigrationValues = R"sql(
CREATE TABLE ingests (
  id        BIGSERIAL PRIMARY KEY,
  at        TEXT COLLATE "C" NOT NULL,      -- UTC, ISO-8601
  kind      TEXT COLLATE "C" NOT NULL,
  source    TEXT COLLATE "C" NOT NULL,
  written   BIGINT NOT NULL,
  unchanged BIGINT NOT NULL
);
CREATE TABLE metric_values (
  platform     TEXT COLLATE "C" NOT NULL,
  shop_id      TEXT COLLATE "C" NOT NULL,
  agent_id     TEXT COLLATE "C" NOT NULL,   -- '' = the whole shop
  day          TEXT COLLATE "C" NOT NULL,   -- YYYY-MM-DD, +08:00
  metric       TEXT COLLATE "C" NOT NULL,
  origin       TEXT COLLATE "C" NOT NULL,
  native_name  TEXT COLLATE "C" NOT NULL,
  value        DOUBLE PRECISION,            -- NULL while pending
  numerator    DOUBLE PRECISION,
  denominator  DOUBLE PRECISION,
  availability TEXT COLLATE "C" NOT NULL,   -- available | pending
  definition   TEXT COLLATE "C" NOT NULL,
  source       TEXT COLLATE "C" NOT NULL,
  ingest_id    BIGINT NOT NULL REFERENCES ingests(id),
  PRIMARY KEY (platform, shop_id, agent_id, day, metric, origin)
);
CREATE INDEX metric_values_by_day ON metric_values(day);
CREATE TABLE snapshots (
  platform TEXT COLLATE "C" NOT NULL,
  kind     TEXT COLLATE "C" NOT NULL,       -- rules | words
  day      TEXT COLLATE "C" NOT NULL,
  body     TEXT COLLATE "C" NOT NULL,       -- the normalized model, JSON
  PRIMARY KEY (platform, kind, day)
);
)sql";

// Schema 2: what `kefu explain` reads once the chat logs are gone.
constexpr std::string_view kMigrationExplain = R"sql(
CREATE TABLE explain_days (
  shop_id    TEXT COLLATE "C" NOT NULL,
  platform   TEXT COLLATE "C" NOT NULL,
  day        TEXT COLLATE "C" NOT NULL,
  definition TEXT COLLATE "C" NOT NULL,
  kept       INTEGER NOT NULL,
  messages   BIGINT NOT NULL,
  ingest_id  BIGINT NOT NULL REFERENCES ingests(id),
  PRIMARY KEY (shop_id, platform, day)
);
CREATE INDEX explain_days_by_day ON explain_days(day);
CREATE TABLE explain_findings (
  shop_id    TEXT COLLATE "C" NOT NULL,
  platform   TEXT COLLATE "C" NOT NULL,
  day        TEXT COLLATE "C" NOT NULL,
  metric     TEXT COLLATE "C" NOT NULL,
  view       TEXT COLLATE "C" NOT NULL,
  ordinal    BIGINT NOT NULL,
  session_id TEXT COLLATE "C" NOT NULL,
  agent      TEXT COLLATE "C" NOT NULL,
  reason     TEXT COLLATE "C" NOT NULL,
  asked_ms   BIGINT NOT NULL,
  delay_ms   BIGINT,
  PRIMARY KEY (shop_id, platform, day, metric, view, ordinal)
);
CREATE TABLE explain_messages (
  shop_id    TEXT COLLATE "C" NOT NULL,
  platform   TEXT COLLATE "C" NOT NULL,
  day        TEXT COLLATE "C" NOT NULL,
  session_id TEXT COLLATE "C" NOT NULL,
  seq        BIGINT NOT NULL,
  ts         BIGINT NOT NULL,
  sender     TEXT COLLATE "C" NOT NULL,
  agent_id   TEXT COLLATE "C" NOT NULL,
  event      TEXT COLLATE "C" NOT NULL,
  content    TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (shop_id, platform, day, session_id, seq)
);
)sql";

// Schema 3: a native figure is known by its native name too (PostgreSQL changes the key in place).
constexpr std::string_view kMigrationNativeName = R"sql(
ALTER TABLE metric_values DROP CONSTRAINT metric_values_pkey,
  ADD PRIMARY KEY (platform, shop_id, agent_id, day, metric, origin, native_name);
)sql";

// Schema 4: every run adds; each conversation's rows are kept (no content).
constexpr std::string_view kMigrationSessions = R"sql(
CREATE TABLE chat_sessions (
  platform   TEXT COLLATE "C" NOT NULL,
  shop_id    TEXT COLLATE "C" NOT NULL,
  session_id TEXT COLLATE "C" NOT NULL,
  day        TEXT COLLATE "C" NOT NULL,
  ord        BIGINT NOT NULL,
  rows       BYTEA NOT NULL,
  ingest_id  BIGINT NOT NULL REFERENCES ingests(id),
  PRIMARY KEY (platform, shop_id, session_id)
);
CREATE INDEX chat_sessions_by_day ON chat_sessions(platform, shop_id, day);
)sql";

// Schema 5: the values at team scale, keyed shop first (Citus distributes figure_values by
// shop; the small tables become reference tables: docs/scale.md). Numbers are 4 bytes and the
// columns go widest-aligned first, so a value's row has no padding: 54 bytes of data. A source
// (every file path of an ingest) can outgrow a B-tree entry, so definitions and sources are
// unique by their md5. figure_values names its names by number without FOREIGN KEY
// constraints, unlike SQLite's: the store adds a name in the same transaction before any value
// that uses it and never deletes one, and PostgreSQL checks a constraint row by row, which was 5
// of the 6 seconds of writing 268,000 new values (on Citus, each a lookup in a reference table).
constexpr std::string_view kMigrationTeamScale = R"sql(
CREATE TABLE shops (
  id       SERIAL PRIMARY KEY,
  platform TEXT COLLATE "C" NOT NULL,
  shop_id  TEXT COLLATE "C" NOT NULL,
  UNIQUE (platform, shop_id)
);
CREATE TABLE agents (
  id       SERIAL PRIMARY KEY,
  shop     INTEGER NOT NULL REFERENCES shops(id),
  agent_id TEXT COLLATE "C" NOT NULL,          -- '' = the whole shop
  UNIQUE (shop, agent_id)
);
CREATE TABLE figures (
  id          SERIAL PRIMARY KEY,
  metric      TEXT COLLATE "C" NOT NULL,
  origin      TEXT COLLATE "C" NOT NULL,
  native_name TEXT COLLATE "C" NOT NULL,
  UNIQUE (metric, origin, native_name)
);
CREATE TABLE definitions (id SERIAL PRIMARY KEY, text TEXT COLLATE "C" NOT NULL);
CREATE UNIQUE INDEX definitions_text ON definitions ((md5(text)));
CREATE TABLE sources (id SERIAL PRIMARY KEY, text TEXT COLLATE "C" NOT NULL);  -- files or API calls
CREATE UNIQUE INDEX sources_text ON sources ((md5(text)));
CREATE TABLE figure_values (
  shop        INTEGER NOT NULL,              -- shops(id)
  agent       INTEGER NOT NULL,              -- agents(id)
  figure      INTEGER NOT NULL,              -- figures(id)
  day         INTEGER NOT NULL,              -- days since 1970-01-01, a China (+08:00) calendar day
  value       DOUBLE PRECISION,              -- NULL while pending
  numerator   DOUBLE PRECISION,
  denominator DOUBLE PRECISION,
  definition  INTEGER NOT NULL,              -- definitions(id)
  source      INTEGER NOT NULL,              -- sources(id)
  ingest_id   INTEGER NOT NULL,              -- ingests(id)
  pending     SMALLINT NOT NULL,             -- 1 pending (the platform fills it in later); 0 available
  PRIMARY KEY (shop, agent, figure, day)
);
INSERT INTO shops(platform, shop_id) SELECT DISTINCT platform, shop_id FROM metric_values ORDER BY 1, 2;
INSERT INTO agents(shop, agent_id)
  SELECT DISTINCT s.id, v.agent_id FROM metric_values v JOIN shops s USING (platform, shop_id) ORDER BY 1, 2;
INSERT INTO figures(metric, origin, native_name)
  SELECT DISTINCT metric, origin, native_name FROM metric_values ORDER BY 1, 2, 3;
INSERT INTO definitions(text) SELECT DISTINCT definition FROM metric_values ORDER BY 1;
INSERT INTO sources(text) SELECT DISTINCT source FROM metric_values ORDER BY 1;
INSERT INTO figure_values(shop, agent, figure, day, value, numerator, denominator, definition, source, ingest_id,
                          pending)
  SELECT s.id, a.id, f.id, v.day::date - DATE '1970-01-01', v.value, v.numerator, v.denominator, d.id, src.id,
         v.ingest_id, CASE WHEN v.availability = 'pending' THEN 1 ELSE 0 END
  FROM metric_values v
  JOIN shops s ON s.platform = v.platform AND s.shop_id = v.shop_id
  JOIN agents a ON a.shop = s.id AND a.agent_id = v.agent_id
  JOIN figures f ON f.metric = v.metric AND f.origin = v.origin AND f.native_name = v.native_name
  JOIN definitions d ON d.text = v.definition
  JOIN sources src ON src.text = v.source
  ORDER BY 1, 2, 3, 4;
DROP TABLE metric_values;
)sql";

// Schema 6: quality control (issue 21), the twin of SQLite's: per shop day (the session's, R4)
// and agent how many agent messages were scanned, and each hit with its sentence. Keyed shop
// first, as schema 5 (Citus distributes both by shop). No foreign keys, as figure_values: names
// are added in the same transaction before the rows that use them and never deleted.
constexpr std::string_view kMigrationQc = R"sql(
CREATE TABLE qc_days (
  shop      INTEGER NOT NULL,                -- shops(id)
  day       INTEGER NOT NULL,                -- days since 1970-01-01, the session's China day (R4)
  agent     INTEGER NOT NULL,                -- agents(id); '' = the whole shop
  messages  BIGINT NOT NULL,                 -- agent messages of the day's sessions
  partial   SMALLINT NOT NULL,               -- 1: some were stored before kefu scanned (schema < 6)
  ingest_id INTEGER NOT NULL,
  PRIMARY KEY (shop, day, agent)
);
CREATE TABLE qc_hits (
  shop       INTEGER NOT NULL,
  day        INTEGER NOT NULL,
  agent      INTEGER NOT NULL,
  session_id TEXT COLLATE "C" NOT NULL,
  ts         BIGINT NOT NULL,                -- the message's instant, epoch ms
  message    BIGINT NOT NULL,                -- FNV-1a 64 of the message's content
  occurrence BIGINT NOT NULL,                -- n-th message of this session, ts, agent and content
  begin      BIGINT NOT NULL,                -- the hit's UTF-8 byte offset in the content
  length     BIGINT NOT NULL,
  category   TEXT COLLATE "C" NOT NULL,
  severity   TEXT COLLATE "C" NOT NULL,      -- block | warn | unknown (never a violation)
  stance     TEXT COLLATE "C" NOT NULL,      -- banned | allowed | unknown | listed
  term       TEXT COLLATE "C" NOT NULL,
  text       TEXT COLLATE "C" NOT NULL,      -- the matched text, as written
  mode       TEXT COLLATE "C" NOT NULL,      -- literal | pinyin | initials | lookalike
  sentence   TEXT COLLATE "C" NOT NULL,      -- the sentence around it
  ingest_id  INTEGER NOT NULL,
  PRIMARY KEY (shop, day, agent, session_id, ts, message, occurrence, begin)
);
)sql";

// Append the twin of each new SQLite migration here, and raise kSchemaVersion (store.h).
constexpr std::array<std::string_view, 6> kMigrations = {kMigrationValues,   kMigrationExplain,   kMigrationNativeName,
                                                         kMigrationSessions, kMigrationTeamScale, kMigrationQc};
static_assert(kMigrations.size() == kSchemaVersion, "one PostgreSQL migration per schema version (store.h)");

}  // namespace

std::span<const std::string_view> migrations() { return kMigrations; }

}  // namespace kefu::host::store::pg
