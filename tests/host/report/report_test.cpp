// The report's numbers against values computed by hand (in the comments), its comparability
// rule (native figures never in the grid), KPI precedence, anomalies and movers.
#include "report/report.h"
#include "report/definition_sides.h"

#include "host/model/definition_builders.hpp"
#include "test_paths.hpp"
#include "test_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

namespace kefu::host::report {
namespace {

using ::testing::ElementsAre;

store::StoredValue recomputed(const std::string& platform, const std::string& shop, const std::string& agent,
                              const std::string& day, const std::string& metric, double num, double den) {
  store::StoredValue s;
  const bool count = metric == "sessions" || metric == "turns";
  s.value = {platform,    shop, agent, day, metric, metric, count ? num : num / den, Availability::available,
             "recomputed"};
  if (!count) s.numerator = num, s.denominator = den;
  s.definition = "kefu recomputed";
  s.source = "chat.csv";
  return s;
}

store::StoredValue native(const std::string& day, const std::string& metric, const std::string& name, double v,
                          Availability a = Availability::available) {
  store::StoredValue s;
  s.value = {"tmall", "tm01", "", day, metric, name, v, a, "native_export"};
  s.definition = "千牛 " + name;
  s.source = "tmall.csv";
  return s;
}

config::Config team() {
  return config::parse_config(R"({"shops": [
      {"id": "tm01", "platform": "tmall", "name": "天猫一店", "group": "G1"},
      {"id": "jd01", "platform": "jd", "name": "京东一店", "group": "G2"},
      {"id": "dy01", "platform": "douyin", "name": "抖音一店"}],
    "targets": {"global": {"reply_rate": 0.9},
                "platforms": {"jd": {"reply_rate": 0.95}},
                "shops": {"tm01": {"avg_response_s": 20}}}})",
                              "team.json");
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::open_test_store(dir_);
    store::IngestBatch b{"fixture", "chat_log", {}};
    auto add = [&](auto... args) { b.values.push_back(recomputed(args...)); };
    // tm01, week 47: two days of very different volume.
    add("tmall", "tm01", "", "2026-11-16", "sessions", 10, 1);
    add("tmall", "tm01", "", "2026-11-16", "reply_rate", 9, 10);
    add("tmall", "tm01", "", "2026-11-16", "avg_response_s", 300, 15);
    add("tmall", "tm01", "", "2026-11-17", "sessions", 30, 1);
    add("tmall", "tm01", "", "2026-11-17", "reply_rate", 30, 30);
    add("tmall", "tm01", "", "2026-11-17", "avg_response_s", 900, 30);
    // tm01, week 46.
    add("tmall", "tm01", "", "2026-11-10", "sessions", 20, 1);
    add("tmall", "tm01", "", "2026-11-10", "reply_rate", 18, 20);
    add("tmall", "tm01", "", "2026-11-10", "avg_response_s", 400, 20);
    // tm01's agent a1 on one day of week 47.
    add("tmall", "tm01", "a1", "2026-11-16", "reply_rate", 9, 10);
    add("jd", "jd01", "b1", "2026-11-18", "reply_rate", 7, 8);
    // jd01, week 47 only.
    add("jd", "jd01", "", "2026-11-18", "sessions", 8, 1);
    add("jd", "jd01", "", "2026-11-18", "reply_rate", 7, 8);
    add("jd", "jd01", "", "2026-11-18", "avg_response_s", 160, 8);
    // A shop the config does not list.
    add("kuaishou", "ks09", "", "2026-11-19", "sessions", 5, 1);
    // Outside both weeks: ignored.
    add("tmall", "tm01", "", "2026-11-23", "sessions", 1000, 1);
    // Tmall's own figures: never in the grid.
    b.values.push_back(native("2026-11-16", "reply_rate", "回复率", 0.99));
    b.values.push_back(native("2026-11-16", "received_customers", "接待人数", 100));
    b.values.push_back(native("2026-11-17", "received_customers", "接待人数", 120));
    b.values.push_back(native("2026-11-10", "received_customers", "接待人数", 90));
    b.values.push_back(native("2026-11-17", "satisfaction_rate", "客户满意率", 0, Availability::pending));
    store_->ingest(b);
  }

  Report build(By by = By::shop, std::vector<std::string> shops = {}) {
    ReportOptions o{iso_week("2026-W47"), true, by, std::move(shops), {}};
    o.native_formats["tmall"]["接待人数"] = "count";
    return build_report(*store_, config_, o);
  }

  static const Row& row(const Report& r, const std::string& key) {
    for (const Row& x : r.rows)
      if (x.key == key) return x;
    throw std::runtime_error("no row " + key);
  }
  static const Cell& cell(const Report& r, const std::string& key, const std::string& metric) {
    for (std::size_t i = 0; i < r.metrics.size(); ++i)
      if (r.metrics[i] == metric) return row(r, key).cells[i];
    throw std::runtime_error("no metric " + metric);
  }

  test::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  config::Config config_ = team();
};

TEST_F(ReportTest, GridHoldsRecomputedMetricsInCatalogOrder) {
  const Report r = build();
  EXPECT_THAT(r.metrics, ElementsAre("sessions", "avg_response_s", "reply_rate"));
  std::vector<std::string> keys;
  for (const Row& x : r.rows) keys.push_back(x.key);
  // Sorted by platform; the configured dy01 without data still has a row; the total is last.
  EXPECT_THAT(keys, ElementsAre("douyin/dy01", "jd/jd01", "kuaishou/ks09", "tmall/tm01", "*"));
  EXPECT_EQ(row(r, "tmall/tm01").label, "天猫一店");
  EXPECT_EQ(row(r, "tmall/tm01").group, "G1");
  EXPECT_EQ(row(r, "kuaishou/ks09").label, "ks09");
}

TEST_F(ReportTest, RatesAreSumOfNumeratorsOverSumOfDenominators) {
  const Report r = build();
  // sessions 10 + 30 = 40 against 20: +20, +100%.
  EXPECT_DOUBLE_EQ(*cell(r, "tmall/tm01", "sessions").value, 40);
  EXPECT_DOUBLE_EQ(*cell(r, "tmall/tm01", "sessions").change_pct, 1.0);
  // reply rate (9 + 30) / (10 + 30) = 0.975, not the mean of 0.9 and 1.0; against 18/20 = 0.9.
  const Cell& reply = cell(r, "tmall/tm01", "reply_rate");
  EXPECT_DOUBLE_EQ(*reply.value, 0.975);
  EXPECT_DOUBLE_EQ(*reply.previous, 0.9);
  EXPECT_NEAR(*reply.change, 0.075, 1e-12);
  EXPECT_NEAR(*reply.change_pct, 0.075 / 0.9, 1e-12);
  EXPECT_DOUBLE_EQ(reply.denominator, 40);
  // avg response (300 + 900) / (15 + 30) = 26.667 s against 400 / 20 = 20 s.
  const Cell& avg = cell(r, "tmall/tm01", "avg_response_s");
  EXPECT_NEAR(*avg.value, 1200.0 / 45, 1e-12);
  EXPECT_NEAR(*avg.change, 1200.0 / 45 - 20, 1e-12);
  // No previous figures for jd01: no change.
  EXPECT_FALSE(cell(r, "jd/jd01", "reply_rate").change);
  EXPECT_FALSE(cell(r, "douyin/dy01", "reply_rate").value);
}

TEST_F(ReportTest, KpiStatusFollowsTheCatalogDirectionAndTheMostSpecificTarget) {
  const Report r = build();
  const Cell& avg = cell(r, "tmall/tm01", "avg_response_s");  // lower is better; shop target 20 s
  EXPECT_EQ(avg.status, KpiStatus::missed);
  EXPECT_EQ(avg.target->scope, "shop:tm01");
  EXPECT_NEAR(*avg.gap, 1200.0 / 45 - 20, 1e-12);
  const Cell& tm_reply = cell(r, "tmall/tm01", "reply_rate");  // global 0.9
  EXPECT_EQ(tm_reply.status, KpiStatus::met);
  EXPECT_EQ(tm_reply.target->scope, "global");
  const Cell& jd_reply = cell(r, "jd/jd01", "reply_rate");  // 7/8 = 0.875 against JD's 0.95
  EXPECT_EQ(jd_reply.status, KpiStatus::missed);
  EXPECT_EQ(jd_reply.target->scope, "platform:jd");
  EXPECT_NEAR(*jd_reply.gap, 0.875 - 0.95, 1e-12);
  EXPECT_EQ(cell(r, "jd/jd01", "sessions").status, KpiStatus::none);
}

TEST_F(ReportTest, TheTotalAddsUpShops) {
  const Report r = build();
  EXPECT_TRUE(r.rows.back().total);
  EXPECT_DOUBLE_EQ(*cell(r, "*", "sessions").value, 40 + 8 + 5);
  EXPECT_DOUBLE_EQ(*cell(r, "*", "reply_rate").value, (39.0 + 7) / (40 + 8));
  EXPECT_DOUBLE_EQ(*cell(r, "*", "avg_response_s").value, (1200.0 + 160) / (45 + 8));
  EXPECT_EQ(cell(r, "*", "reply_rate").target->scope, "global");
}

TEST_F(ReportTest, NativeFiguresStayInTheirOwnSection) {
  const Report r = build();
  // Tmall's own 回复率 (0.99) is not the grid's reply rate.
  EXPECT_DOUBLE_EQ(*cell(r, "tmall/tm01", "reply_rate").value, 0.975);
  ASSERT_EQ(r.native.size(), 3u);
  // Grouped per shop, agent and native name (in code-point order: 回 < 客 < 接).
  const NativeFigure& received = r.native[2];
  EXPECT_EQ(received.native_name, "接待人数");
  EXPECT_EQ(received.how, "sum");
  EXPECT_DOUBLE_EQ(*received.value, 220);
  EXPECT_DOUBLE_EQ(*received.previous, 90);
  EXPECT_DOUBLE_EQ(*received.change, 130);
  EXPECT_EQ(received.days, 2);
  const NativeFigure& pending = r.native[1];
  EXPECT_EQ(pending.native_name, "客户满意率");
  EXPECT_FALSE(pending.value);  // 延迟统计 is not zero
  EXPECT_EQ(pending.pending_days, 1);
  EXPECT_EQ(r.native[0].how, "mean");
}

TEST_F(ReportTest, NotesNameShopsMissingFromConfigOrData) {
  const Report r = build();
  ASSERT_EQ(r.notes.size(), 2u);
  EXPECT_EQ(r.notes[0].kind, "shop_not_in_config");
  EXPECT_EQ(r.notes[0].subject, "kuaishou/ks09");
  EXPECT_EQ(r.notes[1].kind, "shop_without_data");
  EXPECT_EQ(r.notes[1].subject, "douyin/dy01");
}

TEST_F(ReportTest, ByPlatformAndByAgent) {
  const Report p = build(By::platform);
  EXPECT_EQ(p.rows.size(), 4u);  // jd, kuaishou, tmall, total
  EXPECT_EQ(cell(p, "jd", "reply_rate").target->scope, "platform:jd");
  EXPECT_EQ(cell(p, "tmall", "reply_rate").target->scope, "global");
  EXPECT_DOUBLE_EQ(*cell(p, "tmall", "reply_rate").value, 0.975);

  const Report a = build(By::agent);
  ASSERT_EQ(a.rows.size(), 3u);  // b1, a1, total
  EXPECT_EQ(a.rows[1].key, "tmall/tm01/a1");
  EXPECT_EQ(a.rows[1].label, "a1 @ 天猫一店");
  EXPECT_EQ(cell(a, "jd/jd01/b1", "reply_rate").target->scope,
            "platform:jd");  // an agent answers to the shop's targets
  EXPECT_DOUBLE_EQ(*cell(a, "tmall/tm01/a1", "reply_rate").value, 0.9);
  EXPECT_DOUBLE_EQ(*cell(a, "*", "reply_rate").value, (39.0 + 7) / (40 + 8));  // the total is still the shops'
}

TEST_F(ReportTest, ShopFilterAndNoComparison) {
  ReportOptions o{iso_week("2026-W47"), false, By::shop, {"jd01"}, {}};
  const Report r = build_report(*store_, config_, o);
  ASSERT_EQ(r.rows.size(), 1u);  // one row: no total
  EXPECT_EQ(r.rows[0].key, "jd/jd01");
  EXPECT_FALSE(r.previous);
  EXPECT_TRUE(r.movers.empty());
}

TEST_F(ReportTest, MoversRankByRelativeChangeOnMetricsWithADirection) {
  const Report r = build();
  ASSERT_EQ(r.movers.size(), 2u);  // sessions has no better direction; jd01 has no previous week
  EXPECT_EQ(r.movers[0].metric, "avg_response_s");
  EXPECT_NEAR(r.movers[0].change_pct, (1200.0 / 45 - 20) / 20, 1e-12);
  EXPECT_FALSE(r.movers[0].better);
  EXPECT_EQ(r.movers[1].metric, "reply_rate");
  EXPECT_TRUE(r.movers[1].better);
}

// ---- The anomaly rules ----

class AnomalyTest : public ::testing::Test {
 protected:
  // 14 ordinary days (2026-11-02 .. 11-15) of reply rate 95/100 and response times around
  // 20 s, then `reply` and `seconds` on 2026-11-16.
  Report run(double reply_num, double reply_den, double seconds, int ordinary_days = 14) {
    auto store = test::open_test_store(dir_, {}, "a" + std::to_string(n_++) + ".db");
    store::IngestBatch b{"fixture", "chat_log", {}};
    const double times[] = {20, 22, 18, 21, 19, 20, 23, 17, 20, 21, 20, 22, 18, 20};
    for (int d = 0; d < ordinary_days; ++d) {
      const std::string day = "2026-11-" + std::string(d + 2 < 10 ? "0" : "") + std::to_string(d + 2);
      b.values.push_back(recomputed("jd", "jd01", "", day, "reply_rate", 95, 100));
      b.values.push_back(recomputed("jd", "jd01", "", day, "avg_response_s", times[d] * 10, 10));
    }
    b.values.push_back(recomputed("jd", "jd01", "", "2026-11-16", "reply_rate", reply_num, reply_den));
    b.values.push_back(recomputed("jd", "jd01", "", "2026-11-16", "avg_response_s", seconds * 10, 10));
    store->ingest(b);
    return build_report(*store, config::Config{}, ReportOptions{iso_week("2026-W47"), true, By::shop, {}, {}});
  }
  test::TempDir dir_;
  int n_ = 0;
};

TEST_F(AnomalyTest, ARateFarFromTheRecentPooledRateIsFlagged) {
  // p0 = (1330 + 1) / (1400 + 2) = 0.94936; sd = sqrt(p0 (1 - p0) / 100) = 0.02193;
  // z = (0.70 - 0.94936) / 0.02193 = -11.4.
  const Report r = run(70, 100, 20);
  ASSERT_EQ(r.anomalies.size(), 1u);
  const Anomaly& a = r.anomalies[0];
  EXPECT_EQ(a.metric, "reply_rate");
  EXPECT_EQ(a.day, "2026-11-16");
  EXPECT_DOUBLE_EQ(a.baseline, 0.95);
  const double p0 = 1331.0 / 1402;
  EXPECT_NEAR(*a.score, (0.70 - p0) / std::sqrt(p0 * (1 - p0) / 100), 1e-9);
  EXPECT_TRUE(a.worse);
}

TEST_F(AnomalyTest, TheDaysOwnSampleSizeMatters) {
  // 3 of 5 (60%) is 35 points down, but over 5 segments: z = (0.6 - 0.949) / 0.098 = -3.56: flagged;
  // 4 of 5 (80%): z = -1.5: not flagged although 15 points down.
  EXPECT_EQ(run(3, 5, 20).anomalies.size(), 1u);
  EXPECT_TRUE(run(4, 5, 20).anomalies.empty());
  // 92 of 100: 3 points, under the 5-point floor.
  EXPECT_TRUE(run(92, 100, 20).anomalies.empty());
}

TEST_F(AnomalyTest, ATimeFarFromTheRecentMedianIsFlagged) {
  // Recent median 20 s, MAD 1 s: 60 s has modified z = 0.6745 * 40 / 1 = 27.
  const Report r = run(95, 100, 60);
  ASSERT_EQ(r.anomalies.size(), 1u);
  EXPECT_EQ(r.anomalies[0].metric, "avg_response_s");
  EXPECT_DOUBLE_EQ(r.anomalies[0].baseline, 20);
  EXPECT_NEAR(*r.anomalies[0].score, 0.6745 * 40, 1e-9);
  // 25 s: z = 3.4, and under the 10-second floor anyway. 15 s is faster: better, but only 5 s off.
  EXPECT_TRUE(run(95, 100, 25).anomalies.empty());
  EXPECT_TRUE(run(95, 100, 15).anomalies.empty());
  // A much faster day is unusual too, and marked as better.
  const Report fast = run(95, 100, 2);
  ASSERT_EQ(fast.anomalies.size(), 1u);
  EXPECT_FALSE(fast.anomalies[0].worse);
}

TEST_F(AnomalyTest, TooFewRecentDaysAreNotJudged) { EXPECT_TRUE(run(10, 100, 200, 6).anomalies.empty()); }

}  // namespace
}  // namespace kefu::host::report

namespace kefu::host::report {
namespace {

using test::known;

TEST_F(ReportTest, EachPlatformMetricIsSetThreeWaysWithTheParametersThatKeepItFromBeingRecomputed) {
  Report r = build();
  Definition d;
  d.id = "tmall/回复率";
  d.measure = "reply_rate";
  d.unit = known(CountUnit::session);
  d.hours = known(std::optional<AssessedHours>());
  d.bots = known(BotReplies::none);
  d.transfers.unknown_reason = "the platform does not say";
  d.closings = known(Closings::count);
  d.threshold_ms = known(std::int64_t{0});
  d.period_days = known(1);
  d.min_sample = known(std::int64_t{0});
  d.line = known(std::optional<Line>(Line{Comparator::ge, 0.9, "扣分"}));
  add_definition_sides(r, {{"tmall", {{"回复率", "percent", d}}}});
  ASSERT_EQ(r.sides.size(), 1u);  // tm01 only: jd01 is not a Tmall shop
  const DefinitionSide& s = r.sides[0];
  EXPECT_EQ(s.shop_id, "tm01");
  EXPECT_DOUBLE_EQ(*s.exported, 0.99);     // the platform's own, one day
  EXPECT_DOUBLE_EQ(*s.canonical, 0.975);   // Kefu's: 39 of 40
  EXPECT_FALSE(s.computable);
  EXPECT_THAT(s.unknown, ElementsAre("transfers"));
  EXPECT_EQ(s.reason, "unknown: the platform does not say");
  EXPECT_EQ(s.line, ">=0.900000");
  EXPECT_NEAR(*s.line_margin, 0.09, 1e-12);
}

TEST_F(ReportTest, ARecomputedFiguresRollingWindowReachesBeforeThePeriodAndSaysHowManyGoodUnitsTheLineNeeds) {
  // Tmall's way, 30 days, line >= 90 %: 50 of 50 on 11-01 (before the week) and 30 of 50 on
  // 11-20. The week alone is 60 %; the window is 80 of 100 = 80 %, and 90 % needs
  // (0.9 * 100 - 80) / (1 - 0.9) = 100 more good units.
  store::IngestBatch b{"tmall-chat", "chat_log", {}};
  for (const auto& [day, hits] : {std::pair{"2026-11-01", 50}, std::pair{"2026-11-20", 30}}) {
    store::StoredValue v = recomputed("tmall", "tm01", "", day, "reply_rate", hits, 50);
    v.value.origin = std::string(store::kPlatformRecomputed);
    v.value.native_name = "回复率";
    v.definition = "tmall/回复率 [assumed: transfers]";
    b.values.push_back(v);
  }
  store_->ingest(b);
  ReportOptions o{iso_week("2026-W47"), true, By::shop, {}, {}};
  o.lookback_days = 30;
  Report r = build_report(*store_, config_, o);
  auto d = test::complete_definition("reply_rate", CountUnit::session);
  d.id = "tmall/回复率";
  d.period_days = known(30);
  d.min_sample = known(std::int64_t{100});
  d.line = known(std::optional<Line>(Line{Comparator::ge, 0.9, "扣分"}));
  add_definition_sides(r, {{"tmall", {{"回复率", "percent", d}}}});
  ASSERT_EQ(r.sides.size(), 1u);
  const DefinitionSide& s = r.sides[0];
  EXPECT_DOUBLE_EQ(*s.recomputed, 0.6);
  EXPECT_EQ(s.window_day, "2026-11-20");
  EXPECT_EQ(s.window_units, 100);
  EXPECT_TRUE(s.window_assessed);
  EXPECT_NEAR(*s.window_margin, -0.1, 1e-12);
  EXPECT_EQ(s.to_meet, 100);
  EXPECT_FALSE(s.can_afford);
}

TEST_F(ReportTest, FiguresOfTwoDefinitionVersionsInOnePeriodAreNotedNotSilentlySummed) {
  store::IngestBatch b{"old", "chat_log", {}};
  b.values.push_back(recomputed("jd", "jd01", "", "2026-11-19", "sessions", 4, 1));
  b.values.back().definition = "kefu/1";
  store_->ingest(b);
  const Report r = build();
  const auto mixed = std::find_if(r.notes.begin(), r.notes.end(),
                                  [](const Note& n) { return n.kind == "mixed_definitions"; });
  ASSERT_NE(mixed, r.notes.end());
  EXPECT_EQ(mixed->subject, "kefu recomputed, kefu/1");
}

}  // namespace
}  // namespace kefu::host::report
