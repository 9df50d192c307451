// The roster (people, their accounts on each platform, dated), dated targets on five levels and
// the scorecard's rule, as kefu.json and a roster file give them — and what is refused, named by
// its JSON path or file:line.
#include "base/calendar.h"
#include "config/config.h"
#include "host/base/workbook_writer.hpp"
#include "host/config/config_problems.hpp"
#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::int32_t day(const char* d) { return *calendar::parse_day(d); }

constexpr const char* kShops = R"("shops": [
    {"id": "tm01", "platform": "tmall", "group": "A组"},
    {"id": "dy01", "platform": "douyin", "group": "A组"},
    {"id": "jd02", "platform": "jd", "group": "B组"}])";

Config team(const std::string& more) { return parse_config("{" + std::string(kShops) + ", " + more + "}", "kefu.json"); }

TEST(Roster, OnePersonsAccountsOnTwoPlatformsAndTheirChatAndExportNamesAllLeadToThem) {
  const Config c = team(R"("roster": [
      {"id": "xiaomei", "name": "小美", "team": "A组", "role": "组长", "accounts": [
        {"platform": "tmall", "shop": "tm01", "names": ["小美", "旗舰店:小美"]},
        {"platform": "douyin", "names": ["抖音-小鹿"], "from": "2026-10-01"}]}])");
  ASSERT_EQ(c.roster.people.size(), 1u);
  const Person* p = c.roster.person_of("tmall", "tm01", "旗舰店:小美", day("2026-11-16"));
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "小美");
  EXPECT_EQ(c.roster.person_of("douyin", "dy07", "抖音-小鹿", day("2026-11-16")), p);  // any douyin shop
  EXPECT_EQ(c.roster.person_of("douyin", "dy01", "抖音-小鹿", day("2026-09-30")), nullptr);  // not hers yet
  EXPECT_EQ(c.roster.person_of("tmall", "tm02", "小美", day("2026-11-16")), nullptr);        // another shop
  EXPECT_TRUE(c.has_group("A组"));
}

TEST(Roster, AFileKeptInExcelIsReadAndItsProblemsNameTheFileAndLine) {
  test::TempDir dir;
  dir.write("people.csv",
            "person,name,team,role,platform,shop,account,from,to\n"
            "laochen,老陈,B组,客服,jd,jd02,jd_kf09,2024-05-01,2026-09-30\n"
            "laochen,,,,kuaishou,ks02,快手-老陈,2026-10-01,\n");
  const Config c =
      parse_config(R"({"roster": "people.csv", "targets": {"people": {"laochen": {"reply_rate": 0.98}}}})",
                   dir.path() + "/kefu.json");
  const Person* moved = c.roster.find("laochen");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(moved->team, "B组");
  EXPECT_EQ(c.roster.person_of("jd", "jd02", "jd_kf09", day("2026-09-30")), moved);
  EXPECT_EQ(c.roster.person_of("jd", "jd02", "jd_kf09", day("2026-10-01")), nullptr);  // moved on to kuaishou
  EXPECT_EQ(c.roster.person_of("kuaishou", "ks02", "快手-老陈", day("2026-10-01")), moved);

  dir.write("bad.csv",
            "person,name,team,role,platform,shop,account,from,to\n"
            "a,,A组,,tmall,tm01,小美,2026-13-01,\n"
            ",,,,tmall,tm01,小王,,\n"
            "a,,B组,,TMALL,tm01,,,\n"
            "b,,,,tmall,tm01,小美,2026-01-01,\n");
  const auto problems = problems_of(R"({"roster": ")" + dir.path() + R"(/bad.csv"})");
  EXPECT_THAT(problems, ElementsAre(HasSubstr("bad.csv:2: from \"2026-13-01\": expected a date YYYY-MM-DD"),
                                    HasSubstr("bad.csv:3: the person column is empty"),
                                    HasSubstr("bad.csv:4: team \"B组\" differs from \"A组\""),
                                    HasSubstr("bad.csv:4: platform \"TMALL\": expected a plugin id"),
                                    HasSubstr("bad.csv:4: the account name is missing"),
                                    HasSubstr("bad.csv:5: account tmall/tm01/小美 is also a's (" + dir.path() +
                                              "/bad.csv:2) on the same days")));
  EXPECT_THAT(problems_of(R"({"roster": "nowhere.csv"})"), ElementsAre(HasSubstr("cannot read the roster file")));
}

TEST(Roster, AnExcelWorkbookIsReadLikeTheCsv) {
  test::TempDir dir;
  const std::string csv = dir.write("people.csv",
                                    "person,name,team,role,platform,shop,account,from,to\n"
                                    "xiaomei,小美,A组,组长,tmall,tm01,小美,2025-03-01,\n"
                                    "xiaomei,,,,douyin,dy01,抖音-小鹿,2026-10-01,\n");
  test::csv_to_workbook(csv, dir.path() + "/people.xlsx");
  const Config c = parse_config(R"({"roster": "people.xlsx"})", dir.path() + "/kefu.json");
  ASSERT_NE(c.roster.find("xiaomei"), nullptr);
  EXPECT_EQ(c.roster.find("xiaomei")->team, "A组");
  EXPECT_EQ(c.roster.person_of("douyin", "dy01", "抖音-小鹿", day("2026-11-01")), c.roster.find("xiaomei"));
}

TEST(Roster, InlineMistakesAreNamedByTheirJsonPath) {
  EXPECT_THAT(problems_of(R"({"roster": [{"name": "小美", "accounts": []}, {"id": "x", "accounts": [
                 {"platform": "tmall", "name": "x", "from": "2026-02-01", "to": "2026-01-01", "shop_id": "tm01"}]}]})"),
              ElementsAre(HasSubstr("roster[0].id: missing"), HasSubstr("roster[0].accounts: expected an array"),
                          HasSubstr("roster[1].accounts[0].shop_id: unknown key"),
                          HasSubstr("roster[1].accounts[0]: to (2026-01-01) is before from (2026-02-01)")));
  EXPECT_THAT(problems_of(R"({"roster": 3})"), ElementsAre(HasSubstr("roster: expected an array of people")));
}

TEST(Targets, TheMostSpecificLevelWinsPersonShopGroupPlatformGlobal) {
  const Config c = team(R"("roster": [{"id": "xiaomei", "team": "A组", "accounts": [{"platform": "tmall", "name": "小美"}]}],
    "targets": {"global": {"reply_rate": 0.90}, "platforms": {"tmall": {"reply_rate": 0.91}},
                "groups": {"A组": {"reply_rate": 0.92}}, "shops": {"tm01": {"reply_rate": 0.93}},
                "people": {"xiaomei": {"reply_rate": 0.94}}})");
  EXPECT_EQ(c.target_for("reply_rate", {"tmall", "A组", "tm01", "xiaomei"})->scope, "person:xiaomei");
  EXPECT_EQ(c.target_for("reply_rate", {"tmall", "A组", "tm01", "xiaomei"})->key, "targets.people.xiaomei.reply_rate");
  EXPECT_EQ(c.target_for("reply_rate", {"tmall", "A组", "tm01", ""})->scope, "shop:tm01");
  EXPECT_EQ(c.target_for("reply_rate", {"tmall", "A组", "", ""})->scope, "group:A组");
  EXPECT_EQ(c.target_for("reply_rate", "douyin", "dy01")->scope, "group:A组");  // the shop's group
  EXPECT_EQ(c.target_for("reply_rate", {"tmall", "", "", ""})->scope, "platform:tmall");
  EXPECT_DOUBLE_EQ(c.target_for("reply_rate", {})->value, 0.90);
}

TEST(Targets, APastPeriodUsesTheTargetsInForceThen) {
  const Config c = team(R"("targets": [
      {"from": "2026-01-01", "global": {"reply_rate": 0.95}, "shops": {"tm01": {"avg_response_s": 30}}},
      {"from": "2026-11-01", "to": "2026-11-30", "global": {"reply_rate": 0.98}},
      {"from": "2026-12-01", "shops": {"tm01": {"avg_response_s": 20}}}])");
  EXPECT_DOUBLE_EQ(c.target_for("reply_rate", {}, day("2026-10-31"))->value, 0.95);
  EXPECT_DOUBLE_EQ(c.target_for("reply_rate", {}, day("2026-11-15"))->value, 0.98);
  EXPECT_EQ(c.target_for("reply_rate", {}, day("2026-11-15"))->key, "targets[1].global.reply_rate");
  EXPECT_EQ(c.target_for("reply_rate", {}, day("2026-11-15"))->from, "2026-11-01");
  EXPECT_DOUBLE_EQ(c.target_for("reply_rate", {}, day("2026-12-01"))->value, 0.95);  // November's ended
  EXPECT_DOUBLE_EQ(c.target_for("avg_response_s", "tmall", "tm01", day("2026-11-30"))->value, 30);
  EXPECT_DOUBLE_EQ(c.target_for("avg_response_s", "tmall", "tm01", day("2026-12-01"))->value, 20);
  EXPECT_FALSE(c.target_for("reply_rate", {}, day("2025-12-31")));  // before any
}

TEST(Targets, GroupsAndPeopleMustExistAndDatedEntriesNeedAFrom) {
  EXPECT_THAT(problems_of(std::string("{") + kShops + R"(, "targets": {"groups": {"C组": {"reply_rate": 0.9}},
                                                   "people": {"nobody": {"reply_rate": 0.9}}, "agents": {}}})"),
              ElementsAre(HasSubstr("targets.agents: unknown key"),
                          HasSubstr("targets.groups.C组: not a group of shops[] (\"group\") nor a team of the roster"),
                          HasSubstr("targets.people.nobody: not a person of the roster")));
  EXPECT_THAT(problems_of(R"({"targets": [{"global": {"reply_rate": 0.9}}, {"from": "2026-02-30"},
                                          {"from": "2026-03-01", "to": "2026-02-01"}]})"),
              ElementsAre(HasSubstr("targets[0].from: missing"), HasSubstr("targets[1].from: expected a date"),
                          HasSubstr("targets[2].to: is before from")));
  EXPECT_THAT(problems_of(R"({"targets": [{"from": "2026-01-01", "global": {"reply_rate": 95}}]})"),
              ElementsAre(HasSubstr("targets[0].global.reply_rate: expected a ratio between 0 and 1")));
}

TEST(Scorecard, TheRuleIsReadAndItsMistakesAreNamed) {
  const Config c = parse_config(R"({"targets": {"global": {"reply_rate": 0.97}}, "scorecard": {"metrics": [
      {"metric": "reply_rate", "weight": 60, "floor": 0.9},
      {"metric": "avg_response_s", "weight": 40, "floor": 90, "target": 30}]}})",
                                "kefu.json");
  ASSERT_EQ(c.scorecard.metrics.size(), 2u);
  EXPECT_FALSE(c.scorecard.metrics[0].target);
  EXPECT_DOUBLE_EQ(*c.scorecard.metrics[1].target, 30);
  EXPECT_THAT(problems_of(R"({"scorecard": {"metrics": [
      {"metric": "sessions", "weight": 1, "floor": 0},
      {"metric": "reply_rate", "weight": 0, "floor": 0.99, "target": 0.95},
      {"metric": "avg_response_s", "weight": 1},
      {"metric": "within_3min_rate", "weight": 1, "floor": 0.8}]}})"),
              ElementsAre(HasSubstr("scorecard.metrics[0].metric: \"sessions\": a scorecard scores metrics with a "
                                    "better direction"),
                          HasSubstr("scorecard.metrics[1].weight: expected a weight above 0"),
                          HasSubstr("scorecard.metrics[1].floor: expected the floor below the target (0.95)"),
                          HasSubstr("scorecard.metrics[2].floor: missing"),
                          HasSubstr("scorecard.metrics[2].target: missing, and no targets.global.avg_response_s"),
                          HasSubstr("scorecard.metrics[3].target: missing, and no targets.global.within_3min_rate")));
  EXPECT_THAT(problems_of(R"({"scorecard": {"metrics": [{"metric": "reply_rate", "weight": 1, "floor": 90, "target": 97}]}})"),
              ElementsAre(HasSubstr("scorecard.metrics[0].floor: expected a ratio between 0 and 1 (95% is 0.95), got 90"),
                          HasSubstr("scorecard.metrics[0].target: expected a ratio between 0 and 1")));
}

TEST(Roster, TheSampleConfigHasTheDemoTeamWithOnePersonOnTwoPlatforms) {
  const Config c = load_config(test::data_file("../../config/kefu.json"));
  EXPECT_EQ(c.roster.people.size(), 15u);
  const Person* xiaomei = c.roster.find("xiaomei");
  ASSERT_NE(xiaomei, nullptr);
  EXPECT_EQ(c.roster.person_of("douyin", "dy01", "抖音-小鹿", day("2026-11-16")), xiaomei);
  EXPECT_EQ(c.roster.person_of("tmall", "tm01", "小美", day("2026-11-16")), xiaomei);
  EXPECT_EQ(c.scorecard.metrics.size(), 3u);
}

}  // namespace
}  // namespace kefu::host::config
