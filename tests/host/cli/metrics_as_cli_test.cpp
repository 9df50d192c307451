// `kefu metrics compute --as / --definition / --assume` end to end (docs/metrics.md "Platform
// definitions computed"): the real binary, the bundled plugins, the transfer story log.
#include "run_kefu.hpp"
#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::test {
namespace {

using testing::HasSubstr;

TEST(MetricsAsCli, APlatformMetricWithAnUnknownParameterIsNotComputedAndSaysWhich) {
  TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/transfer_story.csv"), "chat.csv");
  const auto run = kefu("metrics compute " + log + " --as jd --format table --lang en");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("咚咚首次30秒应答率  [jd/咚咚首次30秒应答率]"));
  EXPECT_THAT(run.out, HasSubstr("cannot be computed this way"));
  EXPECT_THAT(run.out, HasSubstr("bot replies: not published (no source found says whether bot replies count)"));
  EXPECT_THAT(run.out, HasSubstr("computed 0"));
}

TEST(MetricsAsCli, AssumptionsFillTheUnknownsAndEveryFigureSaysWhatWasAssumed) {
  TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/transfer_story.csv"), "chat.csv");
  const auto run = kefu("metrics compute " + log + " --as jd --assume kefu/2 --format json", "", false);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  // JD's 30-second rate: unit session and threshold 30 s are JD's; the rest assumed. Sessions
  // started 09:00-23:00: A (first reply 10 s), B (20 s), C (5 s), D (never): 3 of 4.
  EXPECT_THAT(run.out, HasSubstr("\"definition\":\"jd/咚咚首次30秒应答率\",\"native_name\":\"咚咚首次30秒应答率\","
                                 "\"measure\":\"within_30s_rate\",\"assumed\":[\"bot_replies\",\"transfers\","
                                 "\"closings\",\"period_days\",\"min_sample\"]"));
  EXPECT_THAT(run.out, HasSubstr("\"level\":\"shop\",\"platform\":\"tmall\",\"shop_id\":\"s1\",\"agent_id\":\"*\","
                                 "\"day\":\"2026-11-16\",\"period_days\":1,\"value\":0.750000,\"numerator\":3,"
                                 "\"denominator\":4"));
}

TEST(MetricsAsCli, ATeamsDefinitionFileGivesItsRollingFigureAndWhereItStandsAgainstItsLine) {
  TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/transfer_story.csv"), "chat.csv");
  const auto run =
      kefu("metrics compute " + log + " --definition " + data_file("definitions/our_kpi.json"), "", false);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  // Turns (closings ignored, transfers carry): A 10 s and 30 s, B 20 s, C 5 s, D unanswered:
  // 4 of 5 within 3 minutes. Against >= 95 %: (4 + k) / (5 + k) >= 0.95 needs k = 15.
  EXPECT_THAT(run.out, HasSubstr("our_kpi/我司3分钟回复率,我司3分钟回复率,within_3min_rate,shop,tmall,s1,*,"
                                 "2026-11-16,7,0.800000,4,5,true,0.800000,,>=0.950000,-0.150000,15,\n"));
  EXPECT_THAT(run.out, HasSubstr(",agent,tmall,s1,(unassigned),2026-11-16,7,0.000000,0,1,"));
}

TEST(MetricsAsCli, AssumeWithoutADefinitionToFillIsRefused) {
  TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/transfer_story.csv"), "chat.csv");
  const auto run = kefu("metrics compute " + log + " --assume transfers=carry --lang en");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("--as or --definition"));
}

TEST(MetricsAsCli, IngestWithAssumptionsStoresThePlatformsFiguresAndSaysHowMany) {
  TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/transfer_story.csv"), "chat.csv");
  const std::string store = " --store " + dir.path() + "/kefu.db --lang en";
  auto run = kefu("ingest " + log + store + " --assume kefu/2");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, testing::ContainsRegex("platform definitions recomputed: [1-9][0-9]* definitions, [1-9][0-9]* values"));
  // One assumption is not enough for any shipped definition: said, not silently nothing.
  run = kefu("ingest " + log + store + " --assume transfers=carry");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("these --assume made no platform definition computable"));
}

}  // namespace
}  // namespace kefu::test
