// The PostgreSQL store: what a URL may carry and how the store is named in messages (StoreUrl,
// no server needed), and, against the throw-away server (StorePostgres, run as pg.*: tests/
// CMakeLists.txt), its schema versions, roles and errors, and the same answers with the value
// tables hash-partitioned by shop as Citus would distribute them (docs/scale.md).
#include "store/open_store.h"
#include "store/postgres_migrations.h"

#include "test_paths.hpp"
#include "test_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <functional>
#include <sstream>

namespace kefu::host::store {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST(StoreUrl, PrintableStoreRemovesThePasswordFromTheUserAndTheParameters) {
  EXPECT_EQ(printable_store("postgresql://ingest:S3cret@db.example.com:5432/kefu?sslmode=verify-full"),
            "postgresql://ingest@db.example.com:5432/kefu?sslmode=verify-full");
  EXPECT_EQ(printable_store("postgres://db/kefu?password=S3cret&sslmode=verify-full"),
            "postgres://db/kefu?sslmode=verify-full");
  EXPECT_EQ(printable_store("postgresql:///kefu?host=/run/pg&pass%77ord=x"), "postgresql:///kefu?host=/run/pg");
  EXPECT_EQ(printable_store("/data/kefu.db"), "/data/kefu.db");
}

TEST(StoreUrl, OnlyPostgresUrlsArePostgres) {
  EXPECT_TRUE(is_postgres_url("postgresql://db/kefu"));
  EXPECT_TRUE(is_postgres_url("postgres://db/kefu"));
  EXPECT_FALSE(is_postgres_url("kefu.db"));
  EXPECT_FALSE(is_postgres_url("/data/postgresql:/kefu.db"));
}

TEST(StoreUrl, AnotherMachineWithoutVerifiedTlsIsRefusedSayingHowToFixIt) {
  const std::string message = error_of([] { check_postgres_url("postgresql://ingest@db.example.com/kefu"); });
  EXPECT_THAT(message,
              AllOf(HasSubstr("db.example.com"), HasSubstr("Add sslmode=verify-full"), HasSubstr("docs/scale.md")));
  EXPECT_THAT(error_of([] { check_postgres_url("postgresql://db.example.com/kefu?sslmode=require"); }),
              HasSubstr("sslmode=require"));
  EXPECT_THAT(error_of([] { check_postgres_url("postgresql:///kefu?host=10.0.0.5&sslmode=prefer"); }),
              HasSubstr("10.0.0.5"));
  for (const char* fine :
       {"postgresql://db.example.com/kefu?sslmode=verify-full", "postgresql://db.example.com/kefu?sslmode=verify-ca",
        "postgresql://localhost/kefu", "postgresql://127.0.0.1:5433/kefu", "postgresql://[::1]/kefu",
        "postgresql:///kefu", "postgresql:///kefu?host=/run/postgresql", "postgresql://%2Frun%2Fpostgresql/kefu"})
    EXPECT_EQ(error_of([&] { check_postgres_url(fine); }), "") << fine;
}

TEST(StoreUrl, APasswordInTheUrlIsRefusedWithoutBeingRepeated) {
  for (const char* url : {"postgresql://ingest:S3cret@localhost/kefu", "postgresql://localhost/kefu?password=S3cret"}) {
    const std::string message = error_of([&] { check_postgres_url(url); });
    EXPECT_THAT(message,
                AllOf(HasSubstr("carries a password"), HasSubstr("KEFU_STORE_PASSWORD"), Not(HasSubstr("S3cret"))))
        << url;
  }
}

TEST(StoreUrl, BothBackendsHaveOneMigrationPerSchemaVersion) {
  // SQLite's list is checked at compile time (sqlite_store.cpp); PostgreSQL's here as well.
  EXPECT_EQ(pg::migrations().size(), static_cast<std::size_t>(kSchemaVersion));
}

// ---- Against the throw-away server ----

class StorePostgres : public ::testing::Test, protected test::PostgresNames {
 protected:
  void SetUp() override {
    if (!test::testing_postgres()) GTEST_SKIP() << "runs as pg.StorePostgres.* against the test server";
  }
  test::TempDir dir_;
};

IngestBatch values_of(const std::vector<std::string>& shops, double v) {
  IngestBatch b{"chat.csv", "chat_log", {}};
  for (const std::string& shop : shops)
    for (const char* day : {"2026-11-16", "2026-11-17"})
      for (const char* agent : {"", "kf1"}) {
        StoredValue s;
        s.value = {"jd", shop, agent, day, "reply_rate", "reply_rate", v, Availability::available, "recomputed"};
        s.numerator = v * 10;
        s.denominator = 10;
        s.definition = "kefu/2";
        s.source = "chat.csv";
        b.values.push_back(s);
      }
  return b;
}

std::string contents(const Store& s) {
  std::ostringstream out;
  for (const auto& v : s.values({"2000-01-01", "2100-01-01", {}, {}}))
    out << v.value.shop_id << ' ' << v.value.agent_id << ' ' << v.value.day << ' ' << v.value.value << ' '
        << *v.numerator << '/' << *v.denominator << ' ' << v.source << '\n';
  return out.str();
}

TEST_F(StorePostgres, ANewerSchemaIsRefusedWithWhatToDo) {
  const std::string url = test::store_location(dir_);
  { auto s = open_store(url); }
  test::postgres_admin("UPDATE " + schema_of(url) + ".kefu_schema SET version = 99");
  for (bool read_only : {false, true})
    EXPECT_THAT(
        error_of([&] { open_store(url, {.read_only = read_only}); }),
        AllOf(HasSubstr("schema version 99"), HasSubstr("newer than this kefu knows (" + std::to_string(kSchemaVersion) + ")"), HasSubstr("upgrade kefu")));
}

TEST_F(StorePostgres, ReadingNeverMigratesAndSaysWhenTheStoreNeedsIt) {
  const std::string url = test::store_location(dir_);
  EXPECT_THAT(error_of([&] { open_store(url, {.read_only = true}); }), HasSubstr("holds no kefu data"));
  { auto s = open_store(url); }
  test::postgres_admin("UPDATE " + schema_of(url) + ".kefu_schema SET version = 4");
  EXPECT_THAT(
      error_of([&] { open_store(url, {.read_only = true}); }),
      AllOf(HasSubstr("older schema (version 4)"), HasSubstr("reading never migrates it"), HasSubstr("kefu ingest")));
}

TEST_F(StorePostgres, RefusesToAddItsTablesToASchemaAnotherProgramUses) {
  const std::string url = test::store_location(dir_);
  test::postgres_admin("CREATE TABLE " + schema_of(url) + ".orders (id int)");
  EXPECT_THAT(error_of([&] { open_store(url); }),
              AllOf(HasSubstr("holds tables kefu did not create"), HasSubstr("a schema of its own")));
}

TEST_F(StorePostgres, TheReadOnlyRoleIsRefusedForWritingBeforeAnyWorkAndReads) {
  const std::string url = test::store_location(dir_), ro = role("ro"), schema = schema_of(url);
  open_store(url)->ingest(values_of({"jd01"}, 0.5));
  test::postgres_admin("CREATE ROLE " + ro + " LOGIN; GRANT USAGE ON SCHEMA " + schema + " TO " + ro +
                       "; GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + ro);
  const std::string message = error_of([&] { open_store(as_role(url, ro)); });
  EXPECT_THAT(message, AllOf(HasSubstr("may not be written by role " + ro), HasSubstr("missing INSERT on ingests"),
                             HasSubstr("ingest role"), HasSubstr("nothing was read or written")));
  auto reader = open_store(as_role(url, ro), {.read_only = true});
  EXPECT_EQ(reader->values({"2026-11-16", "2026-11-17", {}, {}}).size(), 4u);
  // A database that needs a migration says so to the read-only role too, and to a writer that may not create.
  test::postgres_admin("UPDATE " + schema + ".kefu_schema SET version = 4");
  EXPECT_THAT(error_of([&] { open_store(as_role(url, ro)); }),
              AllOf(HasSubstr("upgraded from version 4"), HasSubstr("no CREATE privilege"),
                    HasSubstr("role that owns the schema")));
}

TEST_F(StorePostgres, ErrorsNameTheStoreWhatHappenedAndWhatToDo) {
  const std::string url = test::store_location(dir_);
  std::string missing = url;
  missing.replace(missing.find(":///kefu?"), 9, ":///kefu_missing?");
  EXPECT_THAT(error_of([&] { open_store(missing); }),
              AllOf(HasSubstr("the store postgresql:///kefu_missing?"), HasSubstr("database does not exist"),
                    HasSubstr("createdb")));
  EXPECT_THAT(error_of([&] { open_store("postgresql:///kefu?host=" + dir_.path() + "&user=kefu"); }),
              AllOf(HasSubstr("cannot reach the PostgreSQL server"), HasSubstr("check that the server runs")));
  std::string no_schema = url;
  no_schema.replace(no_schema.rfind("%3D") + 3, std::string::npos, "not_there");
  EXPECT_THAT(error_of([&] { open_store(no_schema); }), HasSubstr("no schema of its search_path exists"));
}

// Citus keeps each shop's rows on one node (docs/scale.md); here the value tables are split into
// 8 hash partitions by shop, and every answer is the same as from one table.
TEST_F(StorePostgres, ValuesHashPartitionedByShopReadAndWriteAsOneTable) {
  const std::string plain = test::store_location(dir_, "plain"), split = test::store_location(dir_, "split");
  auto one = open_store(plain);
  auto parts = open_store(split);
  test::postgres_admin(test::partition_by_shop_sql(schema_of(split)));
  const std::vector<IngestBatch> batches{values_of({"jd01", "jd02", "jd03"}, 0.5), values_of({"jd02"}, 0.75),
                                         values_of({"jd01", "jd02", "jd03", "jd04"}, 0.75)};
  for (const IngestBatch& b : batches) {
    const IngestSummary a = one->ingest(b), c = parts->ingest(b);
    EXPECT_EQ(a.written, c.written);
    EXPECT_EQ(a.unchanged, c.unchanged);
    EXPECT_EQ(a.superseded, c.superseded);
  }
  EXPECT_EQ(contents(*parts), contents(*one));
  EXPECT_THAT(contents(*one), HasSubstr("jd04 kf1 2026-11-17 0.75"));
}

}  // namespace
}  // namespace kefu::host::store
