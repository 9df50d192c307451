// KPI targets are never silently ignored: a target on a metric only platforms report is held
// against their own figures, one no figure can carry is refused naming its key, and every
// target of the sample config (config/kefu.json) either shows in the demo report or is refused.
#include "report/targets.h"

#include "pipeline/ingest.h"
#include "report/report.h"
#include "test_paths.hpp"
#include "test_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace kefu::host::report {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

config::Config team(const std::string& targets) {
  return config::parse_config(R"({"shops": [
      {"id": "tm01", "platform": "tmall"}, {"id": "jd01", "platform": "jd"}, {"id": "dy01", "platform": "douyin"}],
    "targets": )" + targets + "}",
                              "team.json");
}

const NativeKeys kKeys = {{"tmall", {"satisfaction_rate", "inquiry_conversion_rate", "sales_amount"}},
                          {"jd", {"within_30s_rate", "message_left_rate"}},
                          {"douyin", {"satisfaction_rate", "sales_amount"}}};

TEST(Targets, TargetsOnRecomputedMetricsAndOnFiguresAPlatformReportsAreAccepted) {
  const auto config = team(R"({"global": {"reply_rate": 0.97, "satisfaction_rate": 0.9},
      "platforms": {"douyin": {"sales_amount": 10000}}, "shops": {"tm01": {"inquiry_conversion_rate": 0.3}}})");
  EXPECT_THAT(unhonoured_targets(config, kKeys), IsEmpty());
}

TEST(Targets, ATargetNoPluginOfItsScopeCarriesIsRefusedNamingItsKey) {
  const auto config = team(R"({"global": {"aftersale_rate": 0.05},
      "platforms": {"jd": {"satisfaction_rate": 0.9}, "kuaishou": {"sales_amount": 1}},
      "shops": {"jd01": {"inquiry_conversion_rate": 0.3}}})");
  const auto problems = unhonoured_targets(config, kKeys);
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_THAT(problems[0], HasSubstr("targets.global.aftersale_rate: Kefu does not recompute aftersale_rate"));
  EXPECT_THAT(problems[0], HasSubstr("no plugin of the team's platforms (douyin, jd, tmall)"));
  EXPECT_THAT(problems[1], HasSubstr("targets.platforms.jd.satisfaction_rate: "));
  EXPECT_THAT(problems[1], HasSubstr("the jd plugin maps none of its figures to it (it maps: message_left_rate"));
  EXPECT_THAT(problems[2],
              HasSubstr("targets.platforms.kuaishou.sales_amount: no loaded plugin for platform kuaishou"));
  EXPECT_THAT(problems[3], HasSubstr("targets.shops.jd01.inquiry_conversion_rate: "));
  EXPECT_THAT(problems[3], HasSubstr("(shop jd01 is on jd)"));
}

TEST(Targets, GroupPersonAndDatedTargetsAndTheScorecardAreCheckedLikeTheOthers) {
  const auto config = config::parse_config(R"({"shops": [
      {"id": "tm01", "platform": "tmall", "group": "A组"}, {"id": "jd01", "platform": "jd", "group": "B组"}],
    "roster": [{"id": "xiaoli", "team": "B组", "accounts": [{"platform": "jd", "name": "jd_kf01"}]}],
    "targets": [
      {"from": "2026-01-01", "groups": {"A组": {"satisfaction_rate": 0.9}, "B组": {"satisfaction_rate": 0.9}}},
      {"from": "2026-11-01", "people": {"xiaoli": {"reply_rate": 0.99, "satisfaction_rate": 0.9}}}],
    "scorecard": {"metrics": [{"metric": "satisfaction_rate", "weight": 1, "floor": 0.5, "target": 0.9}]}})",
                                           "team.json");
  const auto problems = unhonoured_targets(config, kKeys);
  ASSERT_EQ(problems.size(), 3u);
  // A组 is on tmall, which reports satisfaction_rate; B组's shops and people are all on jd.
  EXPECT_THAT(problems[0], HasSubstr("targets[0].groups.B组.satisfaction_rate: Kefu does not recompute "
                                     "satisfaction_rate from chat logs, and no plugin of the platforms of group B组 (jd)"));
  EXPECT_THAT(problems[1], HasSubstr("targets[1].people.xiaoli.satisfaction_rate: Kefu does not recompute"));
  EXPECT_THAT(problems[2], HasSubstr("scorecard.metrics[0].metric: Kefu does not recompute satisfaction_rate"));
}

store::StoredValue douyin(const std::string& agent, const std::string& metric, const std::string& name, double v) {
  store::StoredValue s;
  s.value = {"douyin", "dy01", agent, "2026-11-16", metric, name, v, Availability::available, "native_export"};
  return s;
}

TEST(Targets, ATargetOnAFigureOnlyPlatformsReportIsJudgedOnTheirOwnFigure) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  store->ingest(
      {"dy.csv",
       "native_export",
       {douyin("晓晓", "satisfaction_rate", "满意率", 0.886), douyin("阿强", "satisfaction_rate", "满意率", 0.80),
        douyin("晓晓", "sales_amount", "客服销售额", 12840), douyin("", "sales_amount", "客服销售额", 22050.5),
        douyin("晓晓", "within_3min_rate", "3分钟人工回复率", 0.5)}});
  const auto config = team(R"({"global": {"within_3min_rate": 0.9},
      "platforms": {"douyin": {"satisfaction_rate": 0.85, "sales_amount": 30000}}})");
  ReportOptions options{iso_week("2026-W47"), false, By::shop, {}, {}};
  options.native_formats["douyin"] = {{"满意率", "percent"}, {"客服销售额", "amount"}, {"3分钟人工回复率", "percent"}};
  const Report r = build_report(*store, config, options);
  std::map<std::string, const NativeFigure*> by;  // agent/name
  for (const NativeFigure& f : r.native) by[f.agent_id + "/" + f.native_name] = &f;
  ASSERT_EQ(by.size(), 5u);
  EXPECT_EQ(by["晓晓/满意率"]->status, KpiStatus::met);
  EXPECT_EQ(by["阿强/满意率"]->status, KpiStatus::missed);
  EXPECT_NEAR(*by["阿强/满意率"]->gap, -0.05, 1e-12);
  EXPECT_EQ(by["阿强/满意率"]->target->scope, "platform:douyin");
  // A total is the shop's: its whole-shop figure is summed and judged, an agent's share is not.
  EXPECT_EQ(by["/客服销售额"]->how, "sum");
  EXPECT_EQ(by["/客服销售额"]->status, KpiStatus::missed);
  EXPECT_FALSE(by["晓晓/客服销售额"]->target);
  // Kefu recomputes within_3min_rate: its target is the grid's, not the platform's own figure's.
  EXPECT_FALSE(by["晓晓/3分钟人工回复率"]->target);
  // ... and with no chat log in the store, that target has no figure here: said, not dropped.
  std::vector<std::string> unused;
  for (const Note& n : r.notes)
    if (n.kind == "target_without_figure") unused.push_back(n.subject);
  EXPECT_THAT(unused, ElementsAre("targets.global.within_3min_rate"));
}

// The sample config on the demo data (chat logs and each platform's sample export), as
// scripts/demo runs it: each of its targets is carried by some cell or figure, or refused.
TEST(Targets, EveryTargetOfTheSampleConfigShowsInTheDemoReportOrIsRefused) {
  test::TempDir dir;
  PluginRegistry registry;
  registry.load_directory(KEFU_TEST_PLUGIN_DIR);
  auto store = test::open_test_store(dir);
  const std::string repo = std::string(KEFU_TEST_DATA_DIR) + "/../../";
  std::vector<std::string> chats;
  for (const char* p : {"tmall", "jd", "douyin", "kuaishou"})
    chats.push_back(repo + "config/samples/demo/chat-" + p + ".csv");
  ingest::ingest_files(chats, {}, registry, *store);
  for (const auto& [platform, shop] : std::vector<std::pair<std::string, std::string>>{
           {"tmall", "tm01"}, {"jd", "jd01"}, {"douyin", "dy01"}, {"kuaishou", "ks01"}}) {
    ingest::IngestOptions o;
    o.platform = platform;
    o.shop = shop;
    o.rejects_dir = dir.path();  // the samples' bad rows: rejects kept out of the tree
    ingest::ingest_files({repo + "config/samples/exports/" + platform + "-2026-11-16.csv"}, o, registry, *store);
  }

  const config::Config config = config::load_config(repo + "config/kefu.json");
  NativeKeys keys;
  ReportOptions options{iso_week("2026-W47"), true, By::shop, {}, {}};
  for (const auto& p : registry.plugins())
    for (const NativeMetric& m : p->valid_profile()->metrics) {
      options.native_formats[p->info().id][m.native_name] = m.value_format;
      if (!m.canonical_key.empty()) keys[p->info().id].insert(m.canonical_key);
    }
  std::set<std::string> refused;
  for (const std::string& problem : unhonoured_targets(config, keys))
    refused.insert(problem.substr(0, problem.find(':')));

  const Report r = build_report(*store, config, options);
  std::set<std::string> shown;
  for (const Row& row : r.rows)
    for (std::size_t i = 0; i < r.metrics.size(); ++i)
      if (row.cells[i].target) shown.insert(row.cells[i].target->key);
  for (const NativeFigure& f : r.native)
    if (f.target) shown.insert(f.target->key);

  std::vector<std::string> all;
  for (const config::TargetSet& set : config.target_sets) {
    for (const auto& [metric, v] : set.global) all.push_back(set.path + ".global." + metric);
    for (const auto& [platform, targets] : set.platforms)
      for (const auto& [metric, v] : targets) all.push_back(set.path + ".platforms." + platform + "." + metric);
    for (const auto& [shop, targets] : set.shops)
      for (const auto& [metric, v] : targets) all.push_back(set.path + ".shops." + shop + "." + metric);
  }
  ASSERT_GE(all.size(), 9u);
  for (const std::string& target : all)
    EXPECT_TRUE(shown.contains(target) || refused.contains(target)) << target << " is silently ignored";
  // The sample's native targets are the shown kind, with a status where the platform has published a figure.
  EXPECT_TRUE(shown.contains("targets.platforms.douyin.satisfaction_rate"));
  EXPECT_TRUE(shown.contains("targets.global.inquiry_conversion_rate"));
}

}  // namespace
}  // namespace kefu::host::report
