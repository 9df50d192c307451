// `kefu ingest` into the store: chat logs recomputed per agent and shop, platform exports
// through their plugin, idempotent re-runs, and nothing written when any file is unusable.
#include "pipeline/ingest.h"

#include "host/cli/run_kefu.hpp"
#include "host/model/definition_builders.hpp"
#include "test_paths.hpp"
#include "test_store.hpp"

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
  auto store = test::open_test_store(dir);
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
  auto store = test::open_test_store(dir);
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
  auto store = test::open_test_store(dir);
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

// A store that refuses the first `refusals` ingests as retryable, as PostgreSQL does a deadlock
// between two kefus writing at once; everything else is the real store's.
class RefusingStore final : public store::Store {
 public:
  RefusingStore(std::unique_ptr<store::Store> real, int refusals) : real_(std::move(real)), refusals_(refusals) {}
  std::unique_ptr<store::WriteLock> lock_shops(std::vector<store::ShopKey> shops) override {
    return real_->lock_shops(std::move(shops));
  }
  store::IngestSummary ingest(const store::IngestBatch& b, const std::function<void(std::size_t)>& each) override {
    if (refusals_-- > 0) throw store::RetryableError("the store test: a deadlock (simulated)");
    return real_->ingest(b, each);
  }
  std::vector<store::StoredValue> values(const store::ValueQuery& q) const override { return real_->values(q); }
  store::StoredExplanation explanation(const store::ExplainQuery& q) const override { return real_->explanation(q); }
  store::StoredQc qc(const store::QcQuery& q) const override { return real_->qc(q); }
  std::vector<store::StoredSession> sessions(const store::SessionQuery& q) const override {
    return real_->sessions(q);
  }
  std::int64_t last_session_order() const override { return real_->last_session_order(); }
  std::vector<store::StoredMessage> day_messages(const std::string& p, const std::string& s,
                                                 const std::string& d) const override {
    return real_->day_messages(p, s, d);
  }
  bool snapshot(const std::string& p, const std::string& k, const std::string& d, const std::string& b) override {
    return real_->snapshot(p, k, d, b);
  }
  std::vector<std::string> snapshot_days(const std::string& p, const std::string& k) const override {
    return real_->snapshot_days(p, k);
  }
  int schema_version() const override { return real_->schema_version(); }

 private:
  std::unique_ptr<store::Store> real_;
  int refusals_;
};

TEST(Ingest, ARetryableRefusalIsSaidAndTheRunTriedAgainAFewTimesThenItFailsSayingSo) {
  test::TempDir dir;
  PluginRegistry registry;
  const std::string log = dir.copy_in(data_file("metrics/chat.csv"), "chat.csv");
  std::vector<std::string> said;
  IngestOptions options;
  options.on_retry = [&](int attempt, int attempts, const std::string& why) {
    said.push_back(std::to_string(attempt) + "/" + std::to_string(attempts) + " " + why);
  };
  RefusingStore twice(test::open_test_store(dir), 2);
  const IngestOutcome out = ingest_files({log}, options, registry, twice);
  EXPECT_GT(out.summary.written, 0);
  EXPECT_THAT(said, testing::ElementsAre("2/3 the store test: a deadlock (simulated)",
                                         "3/3 the store test: a deadlock (simulated)"));
  RefusingStore always(test::open_test_store(dir), 100);
  try {
    ingest_files({log}, options, registry, always);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("a deadlock (simulated); gave up after 3 tries. Run it again"));
  }
}

TEST(IngestCli, SaysWhatItStoredAndIsIdempotent) {
  test::TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/chat.csv"), "chat.csv");
  const std::string db = test::shell_quoted(test::store_location(dir));
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

#include "model/definition.h"
#include "report/definition_sides.h"

namespace kefu::host::ingest {
namespace {

using test::known;

// A Tmall-like definition as if every parameter were published: a session is replied when its
// last turn is; transfers split; closing thanks count as questions.
PlatformDefinition strict_reply_rate() {
  Definition d;
  d.id = "tmall/测试回复率";
  d.measure = "reply_rate";
  d.unit = known(CountUnit::session);
  d.hours = known(std::optional<AssessedHours>());
  d.bots = known(BotReplies::none);
  d.transfers = known(Transfers::split);
  d.closings = known(Closings::count);
  d.threshold_ms = known(std::int64_t{0});
  d.period_days = known(1);
  d.min_sample = known(std::int64_t{0});
  d.line = known(std::optional<Line>());
  return {"tmall", "测试回复率", d, {"transfers"}};
}

TEST(Ingest, APlatformsOwnDefinitionIsStoredBesideTheCanonicalFiguresAndReachesTheReport) {
  test::TempDir dir;
  PluginRegistry registry;
  auto store = test::open_test_store(dir);
  const std::string log = dir.copy_in(data_file("metrics/transfer_story.csv"), "chat.csv");
  IngestOptions options;
  options.platform_definitions = {strict_reply_rate()};
  ingest_files({log}, options, registry, *store);
  const auto values = everything(*store);
  // A ends with 好的谢谢 and B with 没有了，谢谢 (counted, unanswered), C is replied, D never: 1 of 4.
  const store::StoredValue* platform = nullptr;
  for (const auto& v : values)
    if (v.value.origin == store::kPlatformRecomputed && v.value.agent_id.empty()) platform = &v;
  ASSERT_NE(platform, nullptr);
  EXPECT_EQ(platform->value.native_name, "测试回复率");
  EXPECT_EQ(platform->value.metric, "reply_rate");
  EXPECT_DOUBLE_EQ(platform->value.value, 0.25);
  EXPECT_EQ(*platform->numerator, 1);
  EXPECT_EQ(*platform->denominator, 4);
  EXPECT_EQ(platform->definition, "tmall/测试回复率 [assumed: transfers]");
  // The canonical kefu/2 figure is stored too, unchanged: 3 of 4 (only D is unreplied).
  const store::StoredValue* canonical = nullptr;
  for (const auto& v : values)
    if (v.value.origin == "recomputed" && v.value.agent_id.empty() && v.value.metric == "reply_rate") canonical = &v;
  ASSERT_NE(canonical, nullptr);
  EXPECT_DOUBLE_EQ(canonical->value.value, 0.75);

  config::Config config;
  report::ReportOptions ro{report::day_range("2026-11-16", "2026-11-16"), false, report::By::shop, {}, {}};
  report::Report r = report::build_report(*store, config, ro);
  report::add_definition_sides(r, {{"tmall", {{"测试回复率", "percent", strict_reply_rate().definition}}}});
  ASSERT_EQ(r.sides.size(), 1u);
  EXPECT_DOUBLE_EQ(*r.sides[0].recomputed, 0.25);
  EXPECT_DOUBLE_EQ(*r.sides[0].canonical, 0.75);
  EXPECT_EQ(r.sides[0].recomputed_definition, "tmall/测试回复率 [assumed: transfers]");
  EXPECT_TRUE(r.native.empty());  // never mistaken for a platform's export
}

}  // namespace
}  // namespace kefu::host::ingest
