// The SQLite store: idempotent upserts, all-or-nothing ingests (an exception or a kill midway
// leaves it as it was), schema versions, snapshots.
#include "store/store.h"

#include "test_paths.hpp"
#include "test_store.hpp"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

namespace kefu::host::store {
namespace {

using ::testing::HasSubstr;

StoredValue value(const std::string& shop, const std::string& day, double v, double num, double den) {
  StoredValue s;
  s.value = {"jd", shop, "", day, "reply_rate", "reply_rate", v, Availability::available, "recomputed"};
  s.numerator = num;
  s.denominator = den;
  s.definition = "R9";
  s.source = "chat.csv";
  return s;
}

IngestBatch batch(int shops) {
  IngestBatch b{"chat.csv", "chat_log", {}};
  for (int i = 0; i < shops; ++i) b.values.push_back(value("s" + std::to_string(i), "2026-11-16", 0.5, 1, 2));
  return b;
}

std::vector<StoredValue> all(const Store& s) { return s.values({"2000-01-01", "2100-01-01", {}, {}}); }

TEST(Store, CreatesTheSchemaAndReingestingChangesNothing) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  EXPECT_EQ(store->schema_version(), 6);
  const auto first = store->ingest(batch(3));
  EXPECT_EQ(first.written, 3);
  const auto again = store->ingest(batch(3));
  EXPECT_EQ(again.written, 0);
  EXPECT_EQ(again.unchanged, 3);
  ASSERT_EQ(all(*store).size(), 3u);

  IngestBatch changed = batch(1);
  changed.values[0] = value("s0", "2026-11-16", 0.75, 3, 4);
  EXPECT_EQ(store->ingest(changed).written, 1);
  const auto stored = all(*store);
  EXPECT_EQ(stored[0].value.value, 0.75);
  EXPECT_EQ(*stored[0].denominator, 4);
}

StoredValue native(const std::string& metric, const std::string& native_name, double v) {
  StoredValue s;
  s.value = {"douyin",    "dy01", "抖音小店-晓晓",         "2026-11-16",   metric,
             native_name, v,      Availability::available, "native_export"};
  s.source = "dy.csv";
  return s;
}

TEST(Store, TwoNativeFiguresMappedToOneCanonicalKeyAreBothKept) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  IngestBatch b{"dy.csv",
                "native_export",
                {native("within_3min_rate", "3分钟人工回复率", 0.951),
                 native("within_3min_rate", "3分钟人工回复率(会话)", 0.975)}};
  EXPECT_EQ(store->ingest(b).written, 2);
  const auto stored = all(*store);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].value.native_name, "3分钟人工回复率");
  EXPECT_EQ(stored[0].value.value, 0.951);
  EXPECT_EQ(stored[1].value.native_name, "3分钟人工回复率(会话)");
  EXPECT_EQ(stored[1].value.value, 0.975);
}

TEST(Store, AKeyRepeatedInOneBatchIsCountedAsSupersededNotAsStored) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  IngestBatch b{
      "dy.csv",
      "native_export",
      {native("within_3min_rate", "3分钟人工回复率", 0.9), native("within_3min_rate", "3分钟人工回复率", 0.951)}};
  const auto summary = store->ingest(b);
  EXPECT_EQ(summary.written + summary.unchanged, 1);
  EXPECT_EQ(summary.superseded, 1);
  const auto stored = all(*store);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].value.value, 0.951);  // the last one
}

// Writes a store as an older kefu left it (tests/fixtures/store/<fixture>) at `path`.
void write_old_store(const std::string& path, const std::string& fixture) {
  std::ifstream in(test::data_file("store/" + fixture));
  const std::string sql((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(sql.empty()) << fixture;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

TEST(SqliteStore, AVersionOneStoreIsMigratedWithEveryValueKept) {
  test::TempDir dir;
  const std::string path = dir.path() + "/kefu.db";
  write_old_store(path, "schema-v1.sql");

  auto store = open_sqlite_store(path);
  EXPECT_EQ(store->schema_version(), 6);
  const auto stored = all(*store);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].value.metric, "reply_rate");
  EXPECT_EQ(*stored[0].denominator, 2);
  EXPECT_EQ(stored[1].value.native_name, "3分钟人工回复率");
  EXPECT_EQ(stored[1].value.value, 0.951);
  EXPECT_EQ(store->snapshot_days("douyin", "rules"), std::vector<std::string>{"2026-11-17"});
  // ... and the migrated table takes the figure versions 1 and 2 could not keep beside it.
  IngestBatch b{"dy.csv", "native_export", {native("within_3min_rate", "3分钟人工回复率(会话)", 0.975)}};
  EXPECT_EQ(store->ingest(b).written, 1);
  EXPECT_EQ(all(*store).size(), 3u);
}

// Schema 2 (the explain tables) shipped before the native name joined the key: its stores keep
// their values and their explanations through migration 3.
TEST(SqliteStore, AVersionTwoStoreIsMigratedWithEveryValueAndExplanationKept) {
  test::TempDir dir;
  const std::string path = dir.path() + "/kefu.db";
  write_old_store(path, "schema-v2.sql");

  auto store = open_sqlite_store(path);
  EXPECT_EQ(store->schema_version(), 6);
  const auto stored = all(*store);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].value.metric, "reply_rate");
  EXPECT_EQ(*stored[0].numerator, 1);
  EXPECT_EQ(*stored[0].denominator, 2);
  EXPECT_EQ(stored[1].value.native_name, "3分钟人工回复率");
  EXPECT_EQ(stored[1].value.value, 0.951);
  const StoredExplanation e = store->explanation({"2026-11-16", "2026-11-16", "", "dy01", "reply_rate", ""});
  ASSERT_EQ(e.days.size(), 1u);
  EXPECT_EQ(e.days[0].definition, "kefu/2");
  ASSERT_EQ(e.findings.size(), 1u);
  EXPECT_EQ(e.findings[0].session_id, "S1");
  EXPECT_EQ(e.findings[0].reason, "unanswered");
  ASSERT_EQ(e.messages.size(), 1u);
  EXPECT_EQ(e.messages[0].content, "在吗");
  // ... and the figure that shared the first one's key under schema 2 now has its own.
  IngestBatch b{"dy.csv", "native_export", {native("within_3min_rate", "3分钟人工回复率(会话)", 0.975)}};
  EXPECT_EQ(store->ingest(b).written, 1);
  EXPECT_EQ(all(*store).size(), 3u);
}

TEST(Store, PendingIsStoredAsPendingNotZero) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  IngestBatch b = batch(1);
  b.values[0].value.availability = Availability::pending;
  b.values[0].numerator = b.values[0].denominator = std::nullopt;
  store->ingest(b);
  const auto v = all(*store);
  EXPECT_EQ(v[0].value.availability, Availability::pending);
  EXPECT_FALSE(v[0].numerator.has_value());
}

TEST(Store, AFailureMidwayLeavesTheStoreAsItWas) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  store->ingest(batch(2));
  IngestBatch bigger = batch(10);
  for (auto& v : bigger.values) v.value.value = 0.9;
  EXPECT_THROW(store->ingest(bigger,
                             [](std::size_t n) {
                               if (n == 5) throw std::runtime_error("disk full (simulated)");
                             }),
               std::runtime_error);
  const auto v = all(*store);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].value.value, 0.5);
}

TEST(SqliteStore, AKillMidwayLeavesTheStoreAsItWas) {
  test::TempDir dir;
  const std::string path = dir.path() + "/kefu.db";
  open_sqlite_store(path)->ingest(batch(2));
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    IngestBatch bigger = batch(1000);
    for (auto& v : bigger.values) v.value.value = 0.9;
    open_sqlite_store(path)->ingest(bigger, [](std::size_t n) {
      if (n == 500) ::raise(SIGKILL);  // killed inside the transaction
    });
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  auto store = open_sqlite_store(path);  // recovers from the hot journal
  const auto v = all(*store);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].value.value, 0.5);
}

TEST(Store, QueriesByPeriodPlatformAndShop) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  IngestBatch b{
      "x",
      "chat_log",
      {value("a", "2026-11-15", 1, 1, 1), value("a", "2026-11-16", 1, 1, 1), value("b", "2026-11-16", 1, 1, 1)}};
  b.values[2].value.platform = "tmall";
  store->ingest(b);
  EXPECT_EQ(store->values({"2026-11-16", "2026-11-22", {}, {}}).size(), 2u);
  EXPECT_EQ(store->values({"2026-11-01", "2026-11-30", {"tmall"}, {}}).size(), 1u);
  EXPECT_EQ(store->values({"2026-11-01", "2026-11-30", {}, {"a"}}).size(), 2u);
}

TEST(Store, SnapshotsAreKeptOnlyWhenTheyChange) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  EXPECT_TRUE(store->snapshot("jd", "rules", "2026-11-20", "{\"v\":1}"));
  EXPECT_FALSE(store->snapshot("jd", "rules", "2026-11-21", "{\"v\":1}"));
  EXPECT_TRUE(store->snapshot("jd", "rules", "2026-11-23", "{\"v\":2}"));
  EXPECT_THAT(store->snapshot_days("jd", "rules"), testing::ElementsAre("2026-11-20", "2026-11-23"));
}

TEST(SqliteStore, ANewerSchemaIsRefusedWithWhatToDo) {
  test::TempDir dir;
  const std::string path = dir.path() + "/kefu.db";
  { auto s = open_sqlite_store(path); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  try {
    open_sqlite_store(path);
    FAIL() << "a newer schema was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("has schema version 99, newer than this kefu knows (" + std::to_string(kSchemaVersion) + "): upgrade kefu"));
  }
}

// ---- The store's file: its own name only, and errors that name it and say what to do ----

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SqliteStore, RefusesAStorePathThatIsASymbolicLinkAndWritesNothingThroughIt) {
  test::TempDir dir;
  const std::string other = dir.write("other.db", ""), link = dir.path() + "/kefu.db";
  std::filesystem::create_symlink(other, link);
  EXPECT_THAT(error_of([&] { open_sqlite_store(link)->ingest(batch(1)); }),
              HasSubstr("the store " + link + " is a symbolic link to " + other));
  EXPECT_EQ(std::filesystem::file_size(other), 0u);
}

TEST(SqliteStore, RefusesToAddItsTablesToAnotherProgramsDatabase) {
  test::TempDir dir;
  const std::string path = dir.path() + "/app.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE customers(name TEXT)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_THAT(error_of([&] { open_sqlite_store(path); }),
              HasSubstr(path + " is an SQLite database kefu did not create"));
}

TEST(SqliteStore, ReadOnlyOpenRefusesAnEmptyFileAndWritesNoSchemaIntoIt) {
  test::TempDir dir;
  const std::string path = dir.write("kefu.db", "");
  EXPECT_THAT(error_of([&] { open_sqlite_store(path, {.read_only = true}); }),
              HasSubstr("the store " + path + " is empty (0 bytes): it holds no data yet. Run `kefu ingest`"));
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
}

TEST(SqliteStore, ReadOnlyOpenRefusesAMissingStoreWithoutCreatingIt) {
  test::TempDir dir;
  const std::string path = dir.path() + "/none.db";
  EXPECT_THAT(error_of([&] { open_sqlite_store(path, {.read_only = true}); }),
              HasSubstr("does not exist: run `kefu ingest` first"));
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SqliteStore, ALockedStoreSaysAnotherKefuIsWritingAfterWaiting) {
  test::TempDir dir;
  const std::string path = dir.path() + "/kefu.db";
  { auto s = open_sqlite_store(path); }
  sqlite3* other = nullptr;  // another kefu, midway through its ingest
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  const std::string message = error_of([&] { open_sqlite_store(path, {.busy_timeout_ms = 200})->ingest(batch(1)); });
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_THAT(message, HasSubstr("the store " + path + " is locked: another kefu is writing to it"));
  EXPECT_THAT(message, HasSubstr("run this again"));
}

TEST(SqliteStore, ADamagedStoreIsNamedWithWhatToDo) {
  test::TempDir dir;
  const std::string path = dir.path() + "/kefu.db";
  open_sqlite_store(path)->ingest(batch(200));
  {
    std::fstream io(path, std::ios::in | std::ios::out | std::ios::binary);
    io.seekp(100);  // past the header: the schema and the tables are garbage now
    const std::string junk(static_cast<std::size_t>(std::filesystem::file_size(path)) - 100, '\x5a');
    io.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  const std::string message = error_of([&] { all(*open_sqlite_store(path)); });
  EXPECT_THAT(message, HasSubstr("the store " + path + " is damaged"));
  EXPECT_THAT(message, HasSubstr("Restore it from a backup, or move it away and run `kefu ingest`"));
}

TEST(SqliteStore, AFullDiskIsNamedWithTheStoreAndWhatToDo) {
  const std::string message = store_error("/data/kefu.db", SQLITE_FULL, "database or disk is full");
  EXPECT_THAT(message, HasSubstr("the store /data/kefu.db cannot grow: the disk is full (database or disk is full)"));
  EXPECT_THAT(message, HasSubstr("df -h /data"));
}

TEST(SqliteStore, ANegativeSchemaVersionIsRefusedAsDamaged) {
  test::TempDir dir;
  const std::string path = dir.path() + "/kefu.db";
  { auto s = open_sqlite_store(path); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = -1", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  try {
    open_sqlite_store(path);
    FAIL() << "a negative schema version was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("is damaged: its schema version (PRAGMA user_version) is -1"));
    EXPECT_THAT(e.what(), HasSubstr("restore it from a backup"));
  }
}

// A day recomputed whole: what the day no longer has goes, Kefu's own values and the figures of the
// platform definitions the batch computed alike; a definition it did not compute keeps its figures.
StoredValue agent_value(const std::string& agent, const std::string& origin, const std::string& native) {
  StoredValue s = value("jd01", "2026-11-18", 0.5, 1, 2);
  s.value.agent_id = agent;
  s.value.origin = origin;
  s.value.native_name = native;
  return s;
}

TEST(Store, ARecomputedDayDropsTheValuesItNoLongerHasOfEveryDefinitionItComputed) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  IngestBatch first{"morning.csv", "chat_log", {}};
  for (const std::string agent : {"jd_a", "jd_b"}) {
    first.values.push_back(agent_value(agent, "recomputed", "reply_rate"));
    first.values.push_back(agent_value(agent, std::string(kPlatformRecomputed), "咚咚回复率"));
    first.values.push_back(agent_value(agent, std::string(kPlatformRecomputed), "30秒应答率"));
  }
  store->ingest(first);

  // The whole day again: jd_b's conversations now belong to jd_a; only 咚咚回复率 was computed.
  IngestBatch again{"whole.csv", "chat_log", {}};
  again.values.push_back(agent_value("jd_a", "recomputed", "reply_rate"));
  again.values.push_back(agent_value("jd_a", std::string(kPlatformRecomputed), "咚咚回复率"));
  again.recomputed_days.push_back({"jd", "jd01", "2026-11-18"});
  again.recomputed_figures.push_back({"jd", "咚咚回复率"});
  store->ingest(again);

  std::vector<std::string> kept;
  for (const auto& v : all(*store)) kept.push_back(v.value.agent_id + " " + v.value.origin + " " + v.value.native_name);
  EXPECT_THAT(kept, ::testing::UnorderedElementsAre("jd_a recomputed reply_rate", "jd_a platform_recomputed 咚咚回复率",
                                                    "jd_a platform_recomputed 30秒应答率",
                                                    "jd_b platform_recomputed 30秒应答率"));
}

// Every run adds: a run reads what earlier runs kept of its shops, then writes. A second run on
// the same shop takes the write lock before its read, so it waits for the first's commit and
// reads what the first wrote.
TEST(Store, ASecondIngestOfTheSameShopWaitsForTheFirstsWriteBeforeItReads) {
  test::TempDir dir;
  auto first = test::open_test_store(dir);
  std::atomic<bool> waiting = false;
  auto second = test::open_test_store(dir, {.on_wait = [&] { waiting = true; }});
  auto lock = first->lock_shops({{"jd", "s0"}});
  std::atomic<bool> second_locked = false;
  std::size_t second_read = 0;
  std::thread other([&] {
    auto his = second->lock_shops({{"jd", "s0"}});
    second_locked = true;
    second_read = all(*second).size();
    second->ingest(batch(1));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // time enough for the other to be blocked
  EXPECT_FALSE(second_locked);
  first->ingest(batch(2));  // commits, and so lets the other one go
  lock.reset();
  other.join();
  EXPECT_TRUE(second_locked);
  EXPECT_EQ(second_read, 2u);  // it read what the first wrote
  EXPECT_EQ(all(*first).size(), 2u);
  EXPECT_TRUE(waiting);  // and said that it waited
}

// A run that fails between its read and its write (a bad file) drops its lock: nothing is
// written, and the store takes the next ingest.
TEST(Store, ALockDroppedWithoutAnIngestWritesNothingAndTheNextIngestGoesOn) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  store->ingest(batch(1));
  { auto lock = store->lock_shops({{"jd", "s0"}}); }
  store->ingest(batch(3));
  EXPECT_EQ(all(*store).size(), 3u);
}

}  // namespace
}  // namespace kefu::host::store
