// `kefu ingest` into the store: chat logs recomputed per agent and shop, platform exports
// through their plugin, idempotent re-runs, and nothing written when any file is unusable.
#include "pipeline/ingest.h"

#include "host/cli/run_kefu.hpp"
#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

namespace kefu::host::ingest {
namespace {

using test::data_file;
using ::testing::HasSubstr;

std::vector<store::StoredValue> everything(const store::Store& s) {
  return s.values({"2000-01-01", "2100-01-01", {}, {}});
}

const store::StoredValue* find(const std::vector<store::StoredValue>& values, const std::string& shop,
                               const std::string& agent, const std::string& metric) {
  for (const auto& v : values)
    if (v.value.shop_id == shop && v.value.agent_id == agent && v.value.metric == metric) return &v;
  return nullptr;
}

TEST(Ingest, ChatLogsAreRecomputedWithWhatEachRatioDivides) {
  test::TempDir dir;
  PluginRegistry registry;
  registry.load_directory(KEFU_TEST_PLUGIN_DIR);
  auto store = store::open_sqlite_store(dir.path() + "/kefu.db");
  const std::string log = dir.copy_in(data_file("metrics/chat.csv"), "chat.csv");
  const IngestOutcome out = ingest_files({log}, {}, registry, *store);
  EXPECT_EQ(out.files[0].kind, "chat_log");
  EXPECT_EQ(out.files[0].rejected, 1);  // the fixture's bad row, kept in chat.csv.rejects.csv
  const auto values = everything(*store);
  // 小美 (tm01): one turn of hers, answered after 18 s; the address question open at her transfer
  // is 小王's turn under kefu/2 (C4), so her session is replied (see metrics_cli_test).
  const auto* reply = find(values, "tm01", "小美", "reply_rate");
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(*reply->numerator, 1);
  EXPECT_EQ(*reply->denominator, 1);
  EXPECT_EQ(reply->definition, "kefu/2");
  const auto* first = find(values, "tm01", "小美", "first_response_s");
  ASSERT_NE(first, nullptr);
  EXPECT_DOUBLE_EQ(first->value.value, 18.0);
  EXPECT_EQ(first->value.origin, "recomputed");
  EXPECT_NE(find(values, "tm01", "", "sessions"), nullptr);  // the shop row
  EXPECT_THAT(out.snapshots, testing::Contains("tmall rules"));

  const IngestOutcome again = ingest_files({log}, {}, registry, *store);
  EXPECT_EQ(again.summary.written, 0);
  EXPECT_EQ(again.summary.unchanged, out.summary.written);
  EXPECT_TRUE(again.snapshots.empty());  // rules and words did not change
}

TEST(Ingest, ExportsKeepTheirNativeDefinition) {
  test::TempDir dir;
  PluginRegistry registry;
  registry.load_directory(KEFU_TEST_PLUGIN_DIR);
  auto store = store::open_sqlite_store(dir.path() + "/kefu.db");
  const std::string file =
      dir.copy_in(std::string(KEFU_TEST_DATA_DIR) + "/../../config/samples/exports/douyin-2026-11-16.csv", "dy.csv");
  IngestOptions options;
  options.platform = "douyin";
  options.shop = "dy01";
  const IngestOutcome out = ingest_files({file}, options, registry, *store);
  EXPECT_EQ(out.files[0].kind, "native_export");
  const auto values = everything(*store);
  ASSERT_FALSE(values.empty());
  EXPECT_EQ(values[0].value.origin, "native_export");
  EXPECT_EQ(values[0].value.shop_id, "dy01");
  EXPECT_FALSE(values[0].definition.empty());
}

TEST(Ingest, AnUnusableFileStopsTheWholeIngestBeforeAnythingIsWritten) {
  test::TempDir dir;
  PluginRegistry registry;
  registry.load_directory(KEFU_TEST_PLUGIN_DIR);
  auto store = store::open_sqlite_store(dir.path() + "/kefu.db");
  const std::string log = dir.copy_in(data_file("metrics/chat.csv"), "chat.csv");
  const std::string export_file = dir.write("export.csv", "客服昵称,咨询人数\n小美,3\n");
  try {
    ingest_files({log, export_file}, {}, registry, *store);  // the export has no --platform
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("export.csv: not a canonical chat log"));
  }
  EXPECT_TRUE(everything(*store).empty());

  // ... and a failure while writing rolls the batch back.
  EXPECT_THROW(ingest_files({log}, {}, registry, *store,
                            [](std::size_t n) {
                              if (n == 10) throw std::runtime_error("simulated");
                            }),
               std::runtime_error);
  EXPECT_TRUE(everything(*store).empty());
}

TEST(IngestCli, SaysWhatItStoredAndIsIdempotent) {
  test::TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/chat.csv"), "chat.csv");
  const std::string db = dir.path() + "/kefu.db";
  const auto first = kefu("ingest " + log + " --store " + db);
  EXPECT_EQ(first.exit_code, 1) << first.out;  // one rejected row
  EXPECT_THAT(first.out, HasSubstr("聊天记录 (utf-8)，读取 9 行，拒绝 1 行"));
  const auto second = kefu("ingest " + log + " --store " + db + " --lang en");
  EXPECT_THAT(second.out, HasSubstr("new or changed 0 values"));
  const auto bad = kefu("ingest " + dir.write("x.csv", "a,b\n1,2\n") + " --store " + db);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.out, HasSubstr("give --platform"));
}

}  // namespace
}  // namespace kefu::host::ingest
