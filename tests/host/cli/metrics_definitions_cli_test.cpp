// `kefu metrics definitions` end to end: the real binary and the bundled plugins' metrics.json.
#include "host/cli/run_kefu.hpp"

#include <rapidjson/document.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace kefu {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MetricsDefinitionsCli, ShowsEachParameterInChineseWithItsSourceOrWhyItIsUnknown) {
  const CliRun run = kefu("metrics definitions --platform jd");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("京东 (jd)"));
  EXPECT_THAT(run.out, HasSubstr("■ 咚咚首次30秒应答率  → within_30s_rate  [jd/咚咚首次30秒应答率]"));
  EXPECT_THAT(run.out, HasSubstr("考核时段：09:00-23:00（按会话开始时间）"));
  EXPECT_THAT(run.out,
              HasSubstr("来源：京东风向标客服咨询指标最新规则（第三方文章，2021-12-14）（第三方，转引自"));
  EXPECT_THAT(run.out, HasSubstr("https://maijiaw.com/article/505791"));
  EXPECT_THAT(run.out, HasSubstr("机器人回复：未知（no source found says whether bot replies count）"));
  EXPECT_THAT(run.out, HasSubstr("时限：30秒"));
  EXPECT_THAT(run.out, HasSubstr("考核线：< 50%；否则：一般违规扣2分"));
  EXPECT_THAT(run.out, HasSubstr("→ 不能按平台口径重算，未知：机器人回复、转接、结束语"));
  EXPECT_THAT(run.out, Not(HasSubstr("天猫")));
}

TEST(MetricsDefinitionsCli, SpeaksEnglishWhenAsked) {
  const CliRun run = kefu("metrics definitions --platform tmall --lang en");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("Tmall/Taobao (tmall)"));
  EXPECT_THAT(run.out, HasSubstr("assessed hours: 08:00-23:00 (by each message's time)"));
  EXPECT_THAT(run.out, HasSubstr("period: rolling 30 days"));
  EXPECT_THAT(run.out, HasSubstr("minimum sample: not assessed below 100"));
  EXPECT_THAT(run.out, HasSubstr("assessed hours: all day"));
  EXPECT_THAT(run.out, HasSubstr("line: unknown (sources conflict: ≥90%"));
  EXPECT_THAT(run.out, HasSubstr("(third_party, as quoted"));
}

TEST(MetricsDefinitionsCli, JsonGivesEachParameterByItsMetricsJsonNameWithTheResolvedSource) {
  const CliRun run = kefu("metrics definitions --platform jd --format json", "", false);
  EXPECT_EQ(run.exit_code, 0);
  rapidjson::Document doc;
  doc.Parse(run.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << run.out;
  const auto& defs = doc["definitions"];
  ASSERT_EQ(defs.Size(), 6u);
  const auto& first = defs[0];
  EXPECT_STREQ(first["id"].GetString(), "jd/咚咚首次30秒应答率");
  EXPECT_STREQ(first["measure"].GetString(), "within_30s_rate");
  EXPECT_FALSE(first["computable"].GetBool());
  ASSERT_EQ(first["unknown_parameters"].Size(), 5u);
  EXPECT_STREQ(first["unknown_parameters"][0].GetString(), "bot_replies");
  const auto& hours = first["parameters"][1];
  EXPECT_STREQ(hours["name"].GetString(), "assessed_hours");
  EXPECT_TRUE(hours["known"].GetBool());
  EXPECT_STREQ(hours["value"].GetString(), "09:00-23:00 session_start");
  EXPECT_STREQ(hours["source"]["url"].GetString(), "https://maijiaw.com/article/505791");
  EXPECT_TRUE(first["parameters"][3]["source"].IsNull());  // transfers: unknown, no source named
  EXPECT_STREQ(first["computation"]["threshold_s"]["source"].GetString(), "metric");
}

TEST(MetricsDefinitionsCli, AnUnknownPlatformIsAUsageError) {
  EXPECT_EQ(kefu("metrics definitions --platform nowhere").exit_code, 2);
}

}  // namespace
}  // namespace kefu
