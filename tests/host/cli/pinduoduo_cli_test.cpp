// The fifth platform end to end: Pinduoduo's rules, words, sources, its 多多客服 sample export
// imported (minutes become seconds) and a weekly report that lines it up with the others.
#include "host/cli/run_kefu.hpp"

#include <kefu/json.hpp>

#include <rapidjson/document.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

namespace kefu {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string sample_export() { return test::data_file("../../config/samples/exports/pinduoduo-2026-11-16.csv"); }

TEST(PinduoduoCli, RulesShowTheOlderOneHourRuleAndTheCurrentUnknowns) {
  const CliRun now = kefu("rules --platform pinduoduo --history");
  ASSERT_EQ(now.exit_code, 0) << now.out;
  EXPECT_THAT(now.out, HasSubstr("有效回复率"));
  EXPECT_THAT(now.out, HasSubstr("3分钟人工回复率"));
  EXPECT_THAT(now.out, HasSubstr("未知"));
  EXPECT_THAT(now.out, HasSubstr("无来源"));  // the facts no source gives are labelled none
}

TEST(PinduoduoCli, WordsAddTheChannelsItsDiversionRuleNamesAndBanDiversion) {
  const CliRun run = kefu("words --platform pinduoduo");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("座机号"));
  const CliRun scan = run_command("printf '加我座机号吧\\n' | " + std::string(KEFU_TEST_BIN) +
                                  " scan --platform pinduoduo - 2>/dev/null");
  EXPECT_THAT(scan.out, HasSubstr("座机号"));
  EXPECT_THAT(scan.out, HasSubstr("平台依据 pinduoduo：禁止"));
}

TEST(PinduoduoCli, SourcesListEveryFactReadOnTheDayWithALabel) {
  const CliRun run = kefu("sources --platform pinduoduo --format json", "", false);
  ASSERT_EQ(run.exit_code, 0);
  rapidjson::Document doc;
  doc.Parse(run.out.c_str());
  ASSERT_TRUE(doc.IsObject()) << run.out;
  int own = 0, unknown = 0;
  for (const auto& f : doc["facts"].GetArray()) {
    if (std::string(f["platform"].GetString()) != "pinduoduo") continue;
    ++own;
    if (!f["known"].GetBool()) ++unknown;
    if (f["source"]["title"].GetStringLength() == 0) continue;  // an unknown parameter names no source
    EXPECT_STREQ(f["source"]["seen"].GetString(), "2026-12-04") << f["fact"].GetString();
    const std::string label = f["source"]["confidence"].GetString();
    EXPECT_TRUE(label == "third_party" || label == "none") << f["fact"].GetString() << " " << label;
  }
  EXPECT_GE(own, 21);     // the rules alone are 21
  EXPECT_GE(unknown, 10);  // the gaps are shown, not filled
}

TEST(PinduoduoCli, TheSampleExportImportsWithMinutesAsSecondsAndOneRejectedRow) {
  test::TempDir dir;
  const std::string copy = dir.copy_in(sample_export(), "pdd.csv");
  const CliRun run = kefu("metrics import --platform pinduoduo --shop pd01 " + copy + " --format csv", "", false);
  EXPECT_EQ(run.exit_code, 1) << run.out;  // 小陈's 1分30秒 is not minutes
  EXPECT_THAT(run.out, HasSubstr("pinduoduo,pd01,拼多多-小雨,2026-11-16,avg_response_s,平均人工响应时长,51"));
  EXPECT_THAT(run.out, HasSubstr("within_3min_rate,3分钟人工回复率(8-23点),0.96"));
  EXPECT_THAT(run.out, Not(HasSubstr("拼多多-小陈")));
  std::ifstream rejects(copy + ".rejects.csv");
  std::string text((std::istreambuf_iterator<char>(rejects)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr("1分30秒"));
}

TEST(PinduoduoCli, AWeeklyReportCarriesThePinduoduoShop) {
  test::TempDir dir;
  const std::string store = dir.path() + "/kefu.db";
  const std::string config = dir.path() + "/kefu.json";
  std::ofstream(config) << R"({"version": 1, "shops": [{"id": "pd01", "platform": "pinduoduo", "name": "拼多多旗舰店"}],
                             "targets": {"global": {"within_3min_rate": 0.9}}})";
  const std::string copy = dir.copy_in(sample_export(), "pdd.csv");
  EXPECT_EQ(kefu("ingest --platform pinduoduo --shop pd01 " + copy + " --store " + store).exit_code, 1);
  const CliRun run = kefu("report --week 2026-W47 --store " + store + " --config " + config);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("拼多多旗舰店"));
  EXPECT_THAT(run.out, HasSubstr("平台原生指标：拼多多"));
  EXPECT_THAT(run.out, HasSubstr("平均人工响应时长"));
}

}  // namespace
}  // namespace kefu
