// The QC sections (present/compliance_sections.h): the counts per agent and category against the
// previous period, the hit lines bounded with how many more, unknown as 未知, "not scanned" told
// from 0 hits, in Chinese and in English.
#include "present/compliance_sections.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host::report {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Report with_hits(std::size_t hits) {
  Report r;
  r.period = iso_week("2026-W47");
  r.previous = previous(r.period);
  Compliance c;
  c.scanned = c.previous_scanned = true;
  c.days = 7, c.messages = 120, c.previous_messages = 100;
  c.violations = 3, c.unknown = 1;
  ComplianceRow wang{"tmall/tm01/小王", "小王 @ 天猫旗舰店", "tmall", "tm01", "A组", 60, 50, true, true, 3, 0, 0, 0,
                     3, {}};
  wang.categories.push_back({"引流/站外联系", 3, 0, 0, 0, 0, 0, 3});
  ComplianceRow jd{"jd/jd01/jd_kf01", "jd_kf01 @ jd01", "jd", "jd01", "", 40, 30, true, true, 0, 0, 1, 0, 0, {}};
  jd.categories.push_back({"引流/站外联系", 0, 0, 1, 0, 0, 0, 0});
  ComplianceRow mei{"tmall/tm01/小美", "小美 @ 天猫旗舰店", "tmall", "tm01", "A组", 20, 20, true, true, 0, 0, 0, 0,
                    0, {}};
  c.rows = {wang, jd, mei};
  for (std::size_t i = 0; i < hits; ++i)
    c.hits.push_back({"tmall/tm01/小王", "小王 @ 天猫旗舰店", "tmall", "tm01", "小王", "s1", "2026-11-17",
                      "2026-11-17 10:00:2" + std::to_string(i % 10), "引流/站外联系", "block", "banned", "薇信", "微信",
                      "pinyin", "可以加我薇信哦，到货了第一时间告诉您"});
  r.compliance = c;
  return r;
}

RenderContext zh() { return {Lang::zh, {{"tmall", "天猫/淘宝"}, {"jd", "京东"}}, nullptr}; }

TEST(ComplianceSections, EachAgentsCategoryCountsAgainstThePreviousPeriod) {
  const auto sections = compliance_sections(with_hits(3), zh());
  ASSERT_EQ(sections.size(), 2u);
  const Section& counts = sections[0];
  EXPECT_EQ(counts.id, "compliance");
  EXPECT_THAT(counts.lines[0], HasSubstr("本期扫描客服消息 120 条（7 个店铺日），违规命中 3 处"));
  EXPECT_THAT(counts.lines[0], HasSubstr("平台立场未知 1 处（单列，不算违规）"));
  EXPECT_THAT(counts.rows, Contains(ElementsAre("小王 @ 天猫旗舰店", "天猫/淘宝", "引流/站外联系", "3", "0", "3", "0",
                                                "+3", "0 / 0", "60 / 50")));
  // Unknown stance: never a violation, its own column.
  EXPECT_THAT(counts.rows, Contains(ElementsAre("jd_kf01 @ jd01", "京东", "引流/站外联系", "0", "0", "0", "0", "0",
                                                "1 / 0", "40 / 30")));
  // Scanned without a hit: 0, of how many messages.
  EXPECT_THAT(counts.rows, Contains(ElementsAre("小美 @ 天猫旗舰店", "天猫/淘宝", "（无命中）", "0", "0", "0", "0", "0",
                                                "0 / 0", "20 / 20")));
}

TEST(ComplianceSections, HitLinesShowTheSentenceAndHowTheTextMatched) {
  const Section lines = compliance_sections(with_hits(2), zh())[1];
  EXPECT_EQ(lines.id, "compliance_hits");
  ASSERT_EQ(lines.rows.size(), 2u);
  EXPECT_THAT(lines.rows[0], ElementsAre("2026-11-17 10:00:20", "小王 @ 天猫旗舰店", "天猫/淘宝", "引流/站外联系", "禁用",
                                         "「薇信」 → 微信（拼音）", "可以加我薇信哦，到货了第一时间告诉您", "s1"));
}

TEST(ComplianceSections, TheHitLinesAreBoundedAndSayHowManyMore) {
  const Section lines = compliance_sections(with_hits(35), zh(), 30)[1];
  EXPECT_EQ(lines.rows.size(), 30u);
  ASSERT_EQ(lines.lines.size(), 1u);
  EXPECT_THAT(lines.lines[0], HasSubstr("共 35 处，列出前 30 处；另有 5 处未列出"));
}

TEST(ComplianceSections, APeriodNotScannedIsUnknownNotZero) {
  Report r = with_hits(0);
  r.compliance = Compliance{};
  const auto sections = compliance_sections(r, zh());
  EXPECT_THAT(sections[0].lines[0], HasSubstr("质检结果未知（不是 0 处）"));
  EXPECT_TRUE(sections[0].rows.empty());
  EXPECT_THAT(sections[1].lines[0], HasSubstr("没有质检数据"));
}

TEST(ComplianceSections, EnglishOnRequest) {
  RenderContext en = zh();
  en.lang = Lang::en;
  const auto sections = compliance_sections(with_hits(1), en);
  EXPECT_EQ(sections[0].title, "QC: agents' messages against their shop's platform list");
  EXPECT_THAT(sections[0].lines[0], HasSubstr("120 agent messages were scanned (7 shop days): 3 violations"));
  EXPECT_EQ(sections[0].header[0], "Agent");
  EXPECT_EQ(sections[1].rows[0][4], "block");
  EXPECT_EQ(sections[1].rows[0][5], "「薇信」 → 微信 (same sound)");
}

}  // namespace
}  // namespace kefu::host::report
