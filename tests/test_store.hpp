// The one place tests make a store. A test's store is an SQLite file in its directory; when
// ctest runs the test as pg.<name> (tests/CMakeLists.txt sets KEFU_TEST_PG to the throw-away
// server's URL, scripts/pg-test-server), it is a PostgreSQL schema of its own in that server
// instead, so every store, ingest and report test runs against both backends.
#pragma once

#include "store/open_store.h"
#include "test_paths.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace kefu::test {

// The throw-away server's URL, or "" when the tests run on SQLite.
inline std::string postgres_server() {
  const char* url = std::getenv("KEFU_TEST_PG");
  return url && *url ? url : "";
}
inline bool testing_postgres() { return !postgres_server().empty(); }

// Names the tests against the server share: a fixture derives from it beside ::testing::Test.
struct PostgresNames {
  // The schema a test store's URL names in its search_path.
  static std::string schema_of(const std::string& url) { return url.substr(url.rfind("%3D") + 3); }
  // A role of this test (roles are the server's, not a schema's).
  static std::string role(const std::string& what) { return "kefu_" + what + "_" + std::to_string(::getpid()); }
  // The URL logged in as `role` instead of the test server's own user.
  static std::string as_role(const std::string& url, const std::string& role) {
    std::string out = url;
    out.replace(out.find("user=kefu"), 9, "user=" + role);
    return out;
  }
};

// Runs SQL on the test server as its superuser (creating schemas and roles for tests).
inline void postgres_admin(const std::string& sql, const std::string& url = postgres_server()) {
  PGconn* c = PQconnectdb(url.c_str());
  std::string error = PQstatus(c) == CONNECTION_OK ? "" : PQerrorMessage(c);
  if (error.empty()) {
    PGresult* r = PQexec(c, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) error = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(c);
  if (!error.empty()) throw std::runtime_error("test server: " + error + " (" + sql + ")");
}

// A fresh schema in the test server, as a store URL: search_path names it.
inline std::string fresh_postgres_schema(const std::string& url = postgres_server()) {
  static std::atomic<int> n{0};
  const std::string schema = "t" + std::to_string(::getpid()) + "_" + std::to_string(n++) + "_" +
                             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000007);
  postgres_admin("CREATE SCHEMA " + schema, url);
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

// Where the test's store `name` is: `dir`/`name`, or the same PostgreSQL schema every time for
// one directory and name (kept in a file beside, so a CLI test's several runs share it).
inline std::string store_location(const TempDir& dir, const std::string& name = "kefu.db") {
  if (!testing_postgres()) return dir.path() + "/" + name;
  const std::string marker = dir.path() + "/" + name + ".pg-url";
  if (std::ifstream in(marker); in) {
    std::string url;
    std::getline(in, url);
    return url;
  }
  const std::string url = fresh_postgres_schema();
  std::ofstream(marker) << url << '\n';
  return url;
}

// The SQL that splits a migrated (schema 5, still empty) store's tables keyed by shop into 8
// hash partitions by shop, as docs/scale.md's Citus layout distributes them over nodes: the
// simulation that ingest and report do not change when the tables are split by shop.
inline std::string partition_by_shop_sql(const std::string& schema) {
  std::string sql = "SET search_path = " + schema + ";";
  for (const auto& [table, key] :
       {std::pair{"figure_values", "shop"}, std::pair{"chat_sessions", "shop_id"}, std::pair{"explain_days", "shop_id"},
        std::pair{"explain_findings", "shop_id"}, std::pair{"explain_messages", "shop_id"}}) {
    const std::string t = table;
    sql += "ALTER TABLE " + t + " RENAME TO " + t + "_whole;";
    sql += "CREATE TABLE " + t + " (LIKE " + t + "_whole INCLUDING ALL) PARTITION BY HASH (" + key + ");";
    for (int i = 0; i < 8; ++i)
      sql += "CREATE TABLE " + t + "_p" + std::to_string(i) + " PARTITION OF " + t +
             " FOR VALUES WITH (MODULUS 8, REMAINDER " + std::to_string(i) + ");";
    sql += "DROP TABLE " + t + "_whole;";
  }
  return sql;
}

// A store location as one word of a shell command line (a URL has ? and &): for kefu("... --store " + ...).
inline std::string shell_quoted(const std::string& location) { return "'" + location + "'"; }

inline std::unique_ptr<host::store::Store> open_test_store(const TempDir& dir,
                                                           const host::store::OpenOptions& options = {},
                                                           const std::string& name = "kefu.db") {
  return host::store::open_store(store_location(dir, name), options);
}

}  // namespace kefu::test
