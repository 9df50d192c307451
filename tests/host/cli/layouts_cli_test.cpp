// Chat exports in other layouts, end to end (docs/data-in.md): each platform's sample export
// ingested with no flag beyond the file (its team layout in kefu.json), --layout, a plugin's
// shipped layout, the message for a chat log of no known layout, and the summary's line on
// times without a time zone.
#include "host/base/workbook_writer.hpp"
#include "host/cli/run_kefu.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

namespace kefu {
namespace {

using test::data_file;
using test::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;

std::string examples(const std::string& name) { return data_file("../../examples/chat-layouts/" + name + ".json"); }

// A team folder whose kefu.json lists the five example layouts (and `extra` settings).
std::string team_config(const TempDir& dir, const std::string& extra = "") {
  dir.write("kefu.json", R"({"store": "kefu.db", )" + extra + R"("chat_layouts": [")" + examples("tmall-qianniu-team") +
                             R"(", ")" + examples("jd-dongdong-team") + R"(", ")" + examples("douyin-feige-team") +
                             R"(", ")" + examples("kuaishou-team") + R"(", ")" + examples("pinduoduo-team") + R"("]})");
  return "cd " + dir.path() + " &&";
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

TEST(ChatLayoutsCli, EachPlatformsSampleExportIngestsWithNoFlagBeyondTheFile) {
  TempDir dir;
  const std::string in_team = team_config(dir);
  for (const auto& [file, layout] : {std::pair{"chatlog/tmall/qianniu-team.csv", "tmall-qianniu-team"},
                                     {"chatlog/jd/dongdong-team.csv", "jd-dongdong-team"},
                                     {"chatlog/douyin/feige-team.csv", "douyin-feige-team"},
                                     {"chatlog/kuaishou/team.csv", "kuaishou-team"},
                                     {"chatlog/pinduoduo/team.csv", "pinduoduo-team"}}) {
    const std::string copy = dir.copy_in(data_file(file), std::string(layout) + ".csv");
    const auto run = kefu("ingest " + copy, in_team);
    EXPECT_EQ(run.exit_code, 0) << run.out;
    EXPECT_THAT(run.out, HasSubstr("聊天记录 (utf-8)"));
    EXPECT_THAT(run.out, HasSubstr(std::string("按布局 ") + layout + " 读取"));
    EXPECT_THAT(run.out, Not(HasSubstr("--platform")));
  }
}

TEST(ChatLayoutsCli, EachPlatformsSampleExportSavedAsAWorkbookGivesTheFiguresOfItsCsv) {
  TempDir dir;
  const std::string in_team = team_config(dir);
  for (const auto& [file, layout] : {std::pair{"chatlog/tmall/qianniu-team.csv", "tmall-qianniu-team"},
                                     {"chatlog/jd/dongdong-team.csv", "jd-dongdong-team"},
                                     {"chatlog/douyin/feige-team.csv", "douyin-feige-team"},
                                     {"chatlog/kuaishou/team.csv", "kuaishou-team"},
                                     {"chatlog/pinduoduo/team.csv", "pinduoduo-team"}}) {
    // The same name in two folders, so that the figures' source column is the same too.
    std::filesystem::create_directories(dir.path() + "/csv");
    std::filesystem::create_directories(dir.path() + "/xlsx");
    const std::string csv = dir.copy_in(data_file(file), std::string("csv/") + layout + ".csv");
    const std::string xlsx = dir.path() + "/xlsx/" + layout + ".xlsx";
    test::csv_to_workbook(csv, xlsx);
    const auto from_csv = kefu("metrics compute " + csv + " --format csv", in_team, false);
    const auto from_xlsx = kefu("metrics compute " + xlsx + " --format csv", in_team, false);
    EXPECT_EQ(from_xlsx.exit_code, from_csv.exit_code) << layout;
    EXPECT_EQ(from_xlsx.out, from_csv.out) << layout;
    EXPECT_GT(occurrences(from_csv.out, "\n"), 1u) << layout;  // figures, not only a header
    const auto ingest = kefu("ingest " + xlsx, in_team);
    EXPECT_EQ(ingest.exit_code, 0) << ingest.out;
    EXPECT_THAT(ingest.out, HasSubstr(std::string("按布局 ") + layout + " 读取"));
  }
}

TEST(ChatLayoutsCli, TheSummarySaysOncePerFileThatTimesWithoutAZoneWereReadAsChinaTime) {
  TempDir dir;
  const std::string tmall = dir.copy_in(data_file("chatlog/tmall/qianniu-team.csv"), "tm.csv");
  const std::string jd = dir.copy_in(data_file("chatlog/jd/dongdong-team.csv"), "jd.csv");
  const auto run = kefu("ingest " + tmall + " " + jd, team_config(dir));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(occurrences(run.out, "8 行时间无时区，按 +08:00（中国时间）读取"), 1u) << run.out;
  EXPECT_EQ(occurrences(run.out, "7 行时间无时区，按 +08:00（中国时间）读取"), 1u) << run.out;
  const auto en = kefu("--lang en metrics compute " + tmall + " --out " + dir.path() + "/m.csv", team_config(dir));
  EXPECT_THAT(en.out, HasSubstr("8 rows' times had no time zone; read as +08:00 (China time)"));
}

TEST(ChatLayoutsCli, AConfiguredUtcOffsetIsSaidAndUsed) {
  TempDir dir;
  const std::string tmall = dir.copy_in(data_file("chatlog/tmall/qianniu-team.csv"), "tm.csv");
  const auto run = kefu("metrics compute " + tmall + " --format json", team_config(dir, R"("utc_offset": "+09:00", )"));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("8 行时间无时区，按 +09:00（配置 utc_offset）读取"));
}

TEST(ChatLayoutsCli, ALayoutFileGivenWithLayoutIsUsedByMetricsCompute) {
  TempDir dir;
  const std::string file = dir.copy_in(data_file("chatlog/kuaishou/team.csv"), "ks.csv");
  const auto run = kefu("metrics compute " + file + " --layout " + examples("kuaishou-team") + " --format csv",
                        "cd " + dir.path() + " &&");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("按布局 kuaishou-team 读取"));
  EXPECT_THAT(run.out, HasSubstr("shop,kuaishou,ks01"));
}

TEST(ChatLayoutsCli, APluginsShippedLayoutIsUsed) {
  TempDir dir;
  const std::string file = dir.copy_in(data_file("chatlog/chatfix-export.csv"), "cf.csv");
  const auto run = kefu(
      "--plugin-dir " + std::string(KEFU_TEST_FIXTURE_DIR) + "/chat_layouts metrics compute " + file + " --format csv",
      "cd " + dir.path() + " &&");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("按布局 chatfix-export 读取"));
  EXPECT_THAT(run.out, HasSubstr("shop,chatfix,cf01"));
}

TEST(ChatLayoutsCli, AChatLogOfNoKnownLayoutListsTheCanonicalColumnsTheClosestLayoutAndWhatItLacks) {
  TempDir dir;
  const std::string file = dir.copy_in(data_file("chatlog/qianniu-unknown.csv"), "qn.csv");
  const auto run = kefu("ingest " + file, team_config(dir));
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_THAT(run.out, HasSubstr("看起来是聊天记录"));
  EXPECT_THAT(run.out,
              HasSubstr("Kefu 的标准列：platform,shop_id,session_id,customer_id,ts,sender,agent_id,event,content"));
  EXPECT_THAT(run.out, HasSubstr("最接近的布局：tmall-qianniu-team"));
  EXPECT_THAT(run.out, HasSubstr("缺少 shop_id（列名 店铺）；session_id（列名 会话ID）；sender（列名 发送方）"));
  EXPECT_THAT(run.out, Not(HasSubstr("--platform")));
  const auto en = kefu("--lang en metrics compute " + file, team_config(dir));
  EXPECT_EQ(en.exit_code, 2) << en.out;
  EXPECT_THAT(en.out, HasSubstr("the closest layout: tmall-qianniu-team"));
  EXPECT_THAT(en.out, HasSubstr("which lacks shop_id (a column named 店铺)"));
}

TEST(ChatLayoutsCli, ScanReadsATeamExportByItsLayoutWithItsSenderValues) {
  TempDir dir;
  const std::string file = dir.write("qn.csv",
                                     "店铺,会话ID,买家,客服,发送方,时间,内容\n"
                                     "tm01,Q1,b1,,买家,2026-11-16 10:02:33,加我微信可以吗\n"
                                     "tm01,Q1,b1,小美,客服,2026-11-16 10:02:50,加我微信，最好的价格\n");
  const auto run =
      kefu("scan --platform tmall --sender agent --format json --layout " + examples("tmall-qianniu-team") + " " + file,
           "", false);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_THAT(run.out, HasSubstr(R"("kind":"chat_csv")"));
  EXPECT_THAT(run.out, HasSubstr(R"("sender":"agent","agent_id":"小美")"));
  EXPECT_THAT(run.out, Not(HasSubstr(R"("sender":"customer")")));
}

}  // namespace
}  // namespace kefu
