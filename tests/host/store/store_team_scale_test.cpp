// The store at team scale (schema 5, issue 18): names stored once, a schema-4 store migrated
// with every value, reads of only what a report shows, and two kefus on one store at once.
#include "store/store.h"

#include "test_paths.hpp"
#include "test_store.hpp"

#include <sqlite3.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

namespace kefu::host::store {
namespace {

using ::testing::ElementsAre;

StoredValue day_value(const std::string& agent, const std::string& day, double v, double num, double den) {
  StoredValue s;
  s.value = {"jd", "jd01", agent, day, "reply_rate", "reply_rate", v, Availability::available, "recomputed"};
  s.numerator = num;
  s.denominator = den;
  s.definition = "kefu/2";
  s.source = "/logs/a-long-path/chat-jd-2026-11.csv /logs/a-long-path/chat-jd-2026-12.csv";
  return s;
}

std::vector<std::string> rows(const std::vector<StoredValue>& values) {
  std::vector<std::string> out;
  for (const StoredValue& s : values) {
    const MetricValue& v = s.value;
    out.push_back(v.platform + " " + v.shop_id + " " + v.agent_id + " " + v.day + " " + v.metric + " " + v.origin +
                  " " + v.native_name);
  }
  return out;
}

std::int64_t count(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::int64_t n = -1;
  if (sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

TEST(SqliteStoreTeamScale, ADefinitionAndASourceAreStoredOnceForAllTheValuesThatShareThem) {
  test::TempDir dir;
  const std::string path = dir.path() + "/kefu.db";
  IngestBatch b{"chat.csv", "chat_log", {}};
  for (const char* day : {"2026-11-16", "2026-11-17", "2026-11-18"})
    for (const char* agent : {"", "jd01_kf1", "jd01_kf2"}) b.values.push_back(day_value(agent, day, 0.5, 1, 2));
  EXPECT_EQ(open_sqlite_store(path)->ingest(b).written, 9);
  EXPECT_EQ(count(path, "SELECT count(*) FROM figure_values"), 9);
  EXPECT_EQ(count(path, "SELECT count(*) FROM sources"), 1);
  EXPECT_EQ(count(path, "SELECT count(*) FROM definitions"), 1);
  EXPECT_EQ(count(path, "SELECT count(*) FROM agents"), 3);  // the shop's own row and two agents
  const auto back = open_sqlite_store(path, {.read_only = true})->values({"2026-11-17", "2026-11-17", {}, {}});
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[1].source, b.values[0].source);
  EXPECT_EQ(back[1].definition, "kefu/2");
  EXPECT_EQ(*back[1].numerator, 1);
  EXPECT_EQ(*back[1].denominator, 2);
}

TEST(SqliteStoreTeamScale, AVersionFourStoreIsMigratedWithEveryValueKept) {
  test::TempDir dir;
  const std::string path = dir.path() + "/kefu.db";
  {
    std::ifstream in(test::data_file("store/schema-v4.sql"));
    const std::string sql((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  auto store = open_sqlite_store(path);
  EXPECT_EQ(store->schema_version(), 6);
  const auto v = store->values({"2000-01-01", "2100-01-01", {}, {}});
  EXPECT_THAT(rows(v), ElementsAre("douyin dy01  2026-11-16 reply_rate recomputed reply_rate",
                                   "douyin dy01  2026-11-16 within_3min_rate platform_recomputed 3分钟人工回复率",
                                   "douyin dy01  2026-11-17 reply_rate recomputed reply_rate",
                                   "douyin dy01 dy01_kf1 2026-11-16 avg_response_s recomputed avg_response_s",
                                   "douyin dy01 抖音小店-晓晓 2026-11-16 within_3min_rate native_export 3分钟人工回复率",
                                   "douyin dy01 抖音小店-晓晓 2026-11-16 within_3min_rate native_export 3分钟人工回复率(会话)",
                                   "tmall tm01  2026-11-16 延迟统计 native_export 延迟统计"));
  ASSERT_EQ(v.size(), 7u);
  EXPECT_EQ(v[2].value.value, 0.75);
  EXPECT_EQ(*v[2].numerator, 3);
  EXPECT_EQ(*v[2].denominator, 4);
  EXPECT_EQ(v[2].definition, "kefu/2");
  EXPECT_EQ(v[2].source, "/logs/chat-1.csv /logs/chat-2.csv");
  EXPECT_EQ(v[3].value.value, 12.5);
  EXPECT_EQ(v[1].definition, "douyin/3min");
  EXPECT_EQ(v[5].value.value, 0.975);
  EXPECT_FALSE(v[5].numerator.has_value());
  EXPECT_EQ(v[5].source, "/logs/dy.csv");
  EXPECT_EQ(v[6].value.availability, Availability::pending);
  EXPECT_EQ(count(path, "SELECT count(*) FROM sqlite_master WHERE name = 'metric_values'"), 0);
  EXPECT_EQ(count(path, "SELECT count(*) FROM sources"), 2);
  // The explanations and kept conversations of schema 4 are untouched.
  EXPECT_EQ(store->explanation({"2026-11-16", "2026-11-16", "", "dy01", "reply_rate", ""}).findings.size(), 1u);
  EXPECT_EQ(store->sessions({"douyin", "dy01", {"2026-11-16"}, {}}).size(), 1u);
  // ... and an ingest of the same values again finds them unchanged.
  IngestBatch again{"chat.csv", "chat_log", {v[0], v[2]}};
  const IngestSummary s = store->ingest(again);
  EXPECT_EQ(s.written, 0);
  EXPECT_EQ(s.unchanged, 2);
}

TEST(StoreTeamScale, SingleAgentsOwnFiguresAreReadOnlyFromTheDayAsked) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  IngestBatch b{"chat.csv", "chat_log", {}};
  for (const char* day : {"2026-11-16", "2026-11-17"}) {
    b.values.push_back(day_value("", day, 0.5, 1, 2));
    b.values.push_back(day_value("jd01_kf1", day, 0.5, 1, 2));
    StoredValue native = day_value("jd01_kf1", day, 0.9, 0, 0);
    native.value.origin = "native_export";
    native.value.native_name = "咚咚回复率";
    b.values.push_back(native);
  }
  store->ingest(b);
  ValueQuery q{"2026-11-16", "2026-11-17", {}, {}, "2026-11-17"};
  EXPECT_THAT(rows(store->values(q)),
              ElementsAre("jd jd01  2026-11-16 reply_rate recomputed reply_rate",
                          "jd jd01  2026-11-17 reply_rate recomputed reply_rate",
                          "jd jd01 jd01_kf1 2026-11-16 reply_rate native_export 咚咚回复率",  // a platform's: all days
                          "jd jd01 jd01_kf1 2026-11-17 reply_rate native_export 咚咚回复率",
                          "jd jd01 jd01_kf1 2026-11-17 reply_rate recomputed reply_rate"));
  q.agents_from = "9999-12-31";
  EXPECT_EQ(store->values(q).size(), 4u);
  q.agents_from = "";
  EXPECT_EQ(store->values(q).size(), 6u);
}

// ---- Two kefus on one store ----

// Another kefu midway through its ingest: holds the write lock with a value not yet committed.
struct OtherWriter {
  sqlite3* db = nullptr;
  explicit OtherWriter(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE; DELETE FROM figure_values;", nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
  }
  void finish() {
    if (db) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr), sqlite3_close(db), db = nullptr;
  }
  ~OtherWriter() { finish(); }
};

TEST(SqliteStoreTeamScale, AReaderReadsTheLastCommittedIngestWhileAnotherKefuWrites) {
  test::TempDir dir;
  const std::string path = dir.path() + "/kefu.db";
  open_sqlite_store(path)->ingest({"chat.csv", "chat_log", {day_value("", "2026-11-16", 0.5, 1, 2)}});
  OtherWriter other(path);
  bool waited = false;
  auto reader = open_sqlite_store(path, {.read_only = true, .busy_timeout_ms = 200, .on_wait = [&] { waited = true; }});
  EXPECT_EQ(reader->values({"2026-11-16", "2026-11-16", {}, {}}).size(), 1u);  // not the other's delete
  EXPECT_FALSE(waited);
}

TEST(SqliteStoreTeamScale, ASecondWriterWaitsForTheFirstSaysSoOnceAndThenWrites) {
  test::TempDir dir;
  const std::string path = dir.path() + "/kefu.db";
  open_sqlite_store(path)->ingest({"chat.csv", "chat_log", {day_value("", "2026-11-16", 0.5, 1, 2)}});
  OtherWriter other(path);
  std::atomic<int> told = 0;
  std::thread finisher;
  auto store = open_sqlite_store(path, {.on_wait = [&] {
                                          ++told;
                                          // The other kefu finishes a moment after this one starts waiting.
                                          finisher = std::thread([&] { other.finish(); });
                                        }});
  const IngestSummary s = store->ingest({"chat.csv", "chat_log", {day_value("", "2026-11-17", 0.5, 1, 2)}});
  if (finisher.joinable()) finisher.join();
  EXPECT_EQ(told, 1);
  EXPECT_EQ(s.written, 1);
  EXPECT_EQ(store->values({"2026-11-16", "2026-11-17", {}, {}}).size(), 2u);
}

}  // namespace
}  // namespace kefu::host::store
