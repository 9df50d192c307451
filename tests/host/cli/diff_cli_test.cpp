// `kefu rules` and `kefu diff` end to end: the real binary and the five real plugins.
#include "host/cli/run_kefu.hpp"

#include "present/text.h"

#include <rapidjson/document.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

namespace kefu {
namespace {

using test::data_file;
using ::testing::HasSubstr;
using ::testing::Not;

const char* const kPlatforms[] = {"tmall", "jd", "douyin", "kuaishou", "pinduoduo"};

std::size_t widest_line(const std::string& text);

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  return doc;
}

TEST(RulesCli, EveryPlatformListsSourcedRulesAndMarksUnknowns) {
  for (const char* p : kPlatforms) {
    const auto run = kefu(std::string("rules --platform ") + p + " --format json", "", false);
    ASSERT_EQ(run.exit_code, 0) << p;
    const auto doc = parse(run.out);
    ASSERT_TRUE(doc.IsObject()) << run.out;
    std::set<std::string> keys;
    bool some_unknown = false;
    for (const auto& row : doc["rules"].GetArray()) {
      const auto& r = row["rule"];
      keys.insert(r["key"].GetString());
      EXPECT_STRNE(r["source"]["title"].GetString(), "") << p << " " << r["key"].GetString();
      some_unknown |= !r["value"]["known"].GetBool();
    }
    EXPECT_TRUE(some_unknown) << p << ": the research found gaps on every platform";
    // The minimum the briefing needs, on every platform (unknown where no source was found).
    for (const char* key :
         {"service.response_threshold", "service.response_unit", "service.response_target", "service.bot_replies",
          "service.hours", "satisfaction.scale", "service.message_left", "aftersale.no_reason_return",
          "aftersale.refund_after_return", "conduct.review_cashback", "conduct.offplatform_diversion",
          "aftersale.review_time", "shipping.deadline", "service.response_floor", "penalty.system"})
      EXPECT_TRUE(keys.count(key)) << p << " lacks " << key;
  }
}

TEST(RulesCli, TableFitsATerminalAndShowsSources) {
  const auto run = kefu("rules --platform jd");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("平均响应时长上限：未知（来源冲突：40秒（所引页面未找到）/ 45秒（京喜规则））"));
  EXPECT_THAT(run.out, HasSubstr("扣分（一般违规） 2分"));
  EXPECT_THAT(run.out, HasSubstr("https://maijiaw.com/article/505791"));
  EXPECT_THAT(run.out, HasSubstr("［法律，各平台通用］"));
  EXPECT_LE(widest_line(run.out), 100u);
  const auto md = kefu("rules --platform jd --format md --lang en");
  EXPECT_THAT(md.out, HasSubstr("| Service hours assessed `service.hours` | 9:00-23:00 |"));
}

TEST(RulesCli, AtADateShowsTheVersionThenInForce) {
  const auto before = kefu("rules --platform kuaishou --at 2023-01-01 --format json", "", false);
  const auto after = kefu("rules --platform kuaishou --at 2023-06-01 --format json", "", false);
  auto hours_of = [](const std::string& json) {
    const auto doc = parse(json);
    for (const auto& row : doc["rules"].GetArray())
      if (std::string(row["rule"]["key"].GetString()) == "service.hours")
        return row["rule"]["value"]["window_to_min"].GetInt();
    return -1;
  };
  EXPECT_EQ(hours_of(before.out), 24 * 60);
  EXPECT_EQ(hours_of(after.out), 23 * 60);
  const auto history = kefu("rules --platform kuaishou --history");
  EXPECT_THAT(history.out, HasSubstr("service.hours  自 2023-03-27 起  8:00-23:00"));
  EXPECT_THAT(history.out, HasSubstr("service.hours  （最早的版本）  8:00-24:00"));
}

TEST(DiffCli, EveryOrderedPairProducesABriefing) {
  for (const char* from : kPlatforms) {
    for (const char* to : kPlatforms) {
      if (std::string(from) == to) continue;
      const std::string pair = std::string(from) + " " + to;
      const auto text = kefu("diff " + pair);
      // 3: the briefing shows a category whose stance on one side is not known (never 0 then).
      ASSERT_TRUE(text.exit_code == 0 || text.exit_code == 3) << pair << "\n" << text.out;
      EXPECT_THAT(text.out, HasSubstr("轮岗简报")) << pair;
      EXPECT_THAT(text.out, HasSubstr("一、第一周最要注意的")) << pair;
      EXPECT_THAT(text.out, HasSubstr("三、在 ")) << pair;
      EXPECT_THAT(text.out, HasSubstr("四、敏感词")) << pair;
      EXPECT_LE(widest_line(text.out), 100u) << pair;

      const auto json = kefu("diff " + pair + " --format json", "", false);
      const auto doc = parse(json.out);
      ASSERT_TRUE(doc.IsObject()) << pair << json.out;
      EXPECT_STREQ(doc["schema"].GetString(), "kefu.briefing/1");
      EXPECT_STREQ(doc["to"]["platform"].GetString(), to);
      EXPECT_GE(doc["headline"].Size(), 1u) << pair;
      EXPECT_LE(doc["headline"].Size(), 5u) << pair;
      EXPECT_TRUE(doc["metrics"]["available"].GetBool());
      EXPECT_TRUE(doc["words"]["available"].GetBool());
      // Each of the catalog's keys the two sides have lands in exactly one section.
      std::size_t placed = 0;
      for (const char* s : {"stricter", "looser", "only_to", "only_from", "changed", "unknown", "same"})
        placed += doc["rules"][s].Size();
      EXPECT_EQ(placed, 19u) << pair;

      const auto md = kefu("diff " + pair + " --format md --lang en", "", false);
      EXPECT_THAT(md.out, HasSubstr("# Rotation briefing: ")) << pair;
      EXPECT_THAT(md.out, HasSubstr("| rule |")) << pair;
    }
  }
}

TEST(DiffCli, TmallToJdLeadsWithJdsPenaltyLines) {
  const auto doc = parse(kefu("diff tmall jd --format json", "", false).out);
  const auto& headline = doc["headline"];
  // JD's 平均响应时长 line is unknown (its sources conflict, 40 s or 45 s): its 留言率 line leads.
  EXPECT_STREQ(headline[0]["key"].GetString(), "service.message_left_limit");
  EXPECT_EQ(headline[0]["score"].GetInt(), 130);
  EXPECT_STREQ(headline[1]["key"].GetString(), "service.response_threshold");
  // 3 minutes → 30 seconds is in the stricter section with both values and sources.
  bool found = false;
  for (const auto& c : doc["rules"]["stricter"].GetArray()) {
    if (std::string(c["key"].GetString()) != "service.response_threshold") continue;
    found = true;
    EXPECT_EQ(c["from"]["value"]["number"].GetDouble(), 180);
    EXPECT_EQ(c["to"]["value"]["number"].GetDouble(), 30);
    EXPECT_STREQ(c["to"]["source"]["url"].GetString(), "https://maijiaw.com/article/505791");
  }
  EXPECT_TRUE(found);
}

// Why two metrics cannot be compared is the profile's own note: Chinese by default (SDK 1.3's
// comparability_note_zh), English with --lang en, both in the JSON.
TEST(DiffCli, ComparabilityNotesSpeakTheOutputsLanguage) {
  const CliRun zh = kefu("diff tmall douyin", "", false);
  EXPECT_THAT(zh.out, HasSubstr("原因：按消息计（每条在 3 分钟内得到回复的客户消息）"));
  EXPECT_THAT(zh.out, ::testing::Not(HasSubstr("Counts messages")));
  const CliRun en = kefu("diff tmall douyin --lang en", "", false);
  EXPECT_THAT(en.out, HasSubstr("why: Counts messages (every customer message replied within 3 min)"));
  const auto doc = parse(kefu("diff tmall douyin --format json", "", false).out);
  bool found = false;
  for (const auto& item : doc["metrics"]["items"].GetArray()) {
    if (std::string(item["to"]["native_name"].GetString()) != "3分钟人工回复率") continue;
    found = true;
    EXPECT_THAT(item["why"].GetString(), HasSubstr("Counts messages"));
    EXPECT_THAT(item["why_zh"].GetString(), HasSubstr("按消息计"));
  }
  EXPECT_TRUE(found);
  EXPECT_THAT(kefu("metrics catalog", "", false).out, HasSubstr("抖音的会话规则（会话何时结束）未公开。"));
}

// JD's stance on off-platform diversion is unknown: the briefing never tells an agent moving
// there that 微信 is allowed; it lists it apart, as not known for JD.
TEST(DiffCli, ATermBannedOnFromWhoseStanceOnToIsUnknownIsNeverListedAsAllowed) {
  const auto doc = parse(kefu("diff tmall jd --format json", "", false).out);
  const auto& words = doc["words"];
  auto names = [](const rapidjson::Value& shift) {
    std::set<std::string> out;
    for (const auto& g : shift["by_category"].GetArray())
      for (const auto& e : g["examples"].GetArray()) out.insert(e["text"].GetString());
    return out;
  };
  EXPECT_FALSE(names(words["no_longer_banned"]).count("微信"));
  EXPECT_TRUE(names(words["unknown_on_to"]).count("微信"));
  EXPECT_TRUE(names(words["no_longer_banned"]).count("京东"));  // Tmall's own rival-platform name
  bool diversion = false;
  for (const auto& c : words["stances"].GetArray()) {
    if (std::string(c["category"].GetString()) != "引流/站外联系") continue;
    diversion = true;
    EXPECT_STREQ(c["from"]["stance"].GetString(), "banned");
    EXPECT_STREQ(c["to"]["stance"].GetString(), "unknown");
  }
  EXPECT_TRUE(diversion);
  const CliRun text = kefu("diff tmall jd", "", false);
  EXPECT_THAT(text.out, HasSubstr("天猫/淘宝 禁用、京东 未知"));
  EXPECT_THAT(text.out, HasSubstr("平台立场 引流/站外联系"));
  EXPECT_THAT(text.out, Not(HasSubstr("不禁用：引流/站外联系 1")));
}

// --words / --allow join both sides, as in kefu scan; a team's own category loads there too.
TEST(DiffCli, UserWordFilesJoinBothSidesAsInScan) {
  test::TempDir dir;
  const std::string words = dir.write("team.txt", "微信\t引流/站外联系\tblock\n拼多多\t竞品\tblock\n");
  const std::string all = kefu("diff tmall jd --format json --words " + words, "", false).out;
  EXPECT_THAT(all, Not(HasSubstr(R"("text":"微信")")));   // banned on both now
  EXPECT_THAT(all, Not(HasSubstr(R"("text":"拼多多")")));
  EXPECT_EQ(kefu("diff tmall jd --words " + words + " --allow " + words).exit_code, 3);  // JD's stance on 引流 is not known
}

TEST(DiffCli, ScriptsFindTheLinesThatBecomeViolations) {
  const std::string scripts = data_file("rules/scripts.txt");
  const auto to_tmall = kefu("diff douyin tmall --scripts " + scripts + " --format json", "", false);
  EXPECT_EQ(to_tmall.exit_code, 1);
  const auto doc = parse(to_tmall.out);
  const auto& v = doc["scripts"]["violations"];
  ASSERT_EQ(v.Size(), 2u) << to_tmall.out;
  EXPECT_EQ(v[0]["line"].GetInt(), 3);
  EXPECT_STREQ(v[0]["matched"].GetString(), "Ｖ信");
  EXPECT_STREQ(v[0]["term"].GetString(), "v信");
  EXPECT_STREQ(v[0]["suggestion"].GetString(), "（请在平台客服工具内沟通）");
  EXPECT_EQ(v[1]["line"].GetInt(), 6);
  EXPECT_STREQ(v[1]["term"].GetString(), "特效");
  EXPECT_EQ(doc["scripts"]["lines_violating"].GetInt(), 2);

  // The easy direction: nothing new; Kuaishou adds its counterfeit-wording ban.
  EXPECT_EQ(kefu("diff tmall douyin --scripts " + scripts).exit_code, 3);  // no violation; Douyin's 引流 stance unknown
  const auto to_kuaishou = kefu("diff tmall kuaishou --scripts " + scripts);
  EXPECT_EQ(to_kuaishou.exit_code, 1);
  EXPECT_THAT(to_kuaishou.out, HasSubstr("scripts.txt:7:1  「高仿」 → 高仿 [其他]"));
  EXPECT_THAT(to_kuaishou.out, HasSubstr("共 1 行会在 快手电商 被判违规"));
}

// As kefu scan: "not known" is not "clean". A comparison showing a category whose stance on a
// side is unknown exits 3; one where every category's stance is known on both sides exits 0.
TEST(DiffCli, ExitsThreeWhenTheComparisonShowsACategoryOfUnknownStance) {
  const auto jd = kefu("diff tmall jd --format json", "", false);
  EXPECT_EQ(jd.exit_code, 3) << jd.out;
  const auto doc = parse(jd.out);
  bool unknown = false;
  for (const auto& c : doc["words"]["stances"].GetArray())
    unknown |= std::string(c["to"]["stance"].GetString()) == "unknown";
  EXPECT_TRUE(unknown);
  for (const char* from : kPlatforms)
    for (const char* to : kPlatforms) {
      if (std::string(from) == to) continue;
      const auto run = kefu(std::string("diff ") + from + " " + to + " --format json", "", false);
      const auto d = parse(run.out);
      bool any = d["words"]["unknown_on_to"]["count"].GetInt() > 0;
      for (const auto& c : d["words"]["stances"].GetArray())
        any |= std::string(c["from"]["stance"].GetString()) == "unknown" ||
               std::string(c["to"]["stance"].GetString()) == "unknown";
      EXPECT_EQ(run.exit_code, any ? 3 : 0) << from << " " << to;
    }
}

TEST(DiffCli, OnePlatformAtTwoDatesShowsWhatChanged) {
  const auto run = kefu("diff jd@2021-11-30 jd@2026-01-01");
  ASSERT_EQ(run.exit_code, 3) << run.out;  // JD's stance on 引流 is not known on either date
  EXPECT_THAT(run.out, HasSubstr("规则变化  京东 2021-11-30 → 京东 2026-01-01"));
  EXPECT_THAT(run.out, HasSubstr("京东 2021-11-30：0:00-24:00"));  // 24-hour data before 2021-12 (docs/sources/jd.md)
  EXPECT_THAT(run.out, HasSubstr("京东 2026-01-01：9:00-23:00"));
  EXPECT_THAT(run.out, HasSubstr("改名：咚咚30秒应答率 → 咚咚首次30秒应答率"));
  EXPECT_THAT(run.out, HasSubstr("[更严] 禁止好评返现：无此规则 → 禁止"));  // the 2024-09-01 regulation
}

TEST(DiffCli, APluginWithRulesOnlyStillGetsABriefing) {
  const std::string dirs =
      std::string("--plugin-dir ") + KEFU_TEST_PLUGIN_DIR + " --plugin-dir " + KEFU_TEST_FIXTURE_DIR + "/rules_only";
  const auto run = kefu("diff tmall rules_only " + dirs);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("[更严] 响应时限：3分钟 → 1分钟；处罚：测试扣分 1分"));
  EXPECT_THAT(run.out, HasSubstr("（暂不可用：rules_only 插件没有提供指标档案）"));
  EXPECT_THAT(run.out, HasSubstr("（暂不可用：rules_only 插件没有提供词表）"));
  // Laws are inherited even by a plugin that ships none.
  EXPECT_THAT(run.out, HasSubstr("七天无理由退货"));
  const auto scripts = kefu("diff tmall rules_only --scripts " + data_file("rules/scripts.txt") + " " + dirs);
  EXPECT_EQ(scripts.exit_code, 2);
  EXPECT_THAT(scripts.out, HasSubstr("--scripts needs the word lists of both platforms"));
}

TEST(DiffCli, BadInputSaysWhatIsWrong) {
  auto run = kefu("diff tmall pdd");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("pdd"));
  run = kefu("diff tmall jd@last-week");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("the part after @ must be a date, YYYY-MM-DD"));
  run = kefu("diff tmall jd --scripts /nonexistent/scripts.txt");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, Not(HasSubstr("轮岗简报")));
}

std::size_t widest_line(const std::string& text) {
  std::size_t widest = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) widest = std::max(widest, host::display_width(line));
  return widest;
}

}  // namespace
}  // namespace kefu
