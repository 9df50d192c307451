// The scorecard as people read it: the rule stated beside the scores, points and contributions
// to one decimal, the unscored shown as unknown (never 0), in Chinese and English, and the
// workbook's 绩效表 sheet with numbers as numbers.
#include "present/scorecard.h"

#include "host/cli/run_kefu.hpp"
#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace kefu::host::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Scorecard card() {
  Scorecard c;
  c.period = month("2026-11");
  c.rule = {{"reply_rate", 60, 0.90, std::nullopt}, {"avg_response_s", 40, 90, 30}};
  ScoreRow a{"xiaomei", "小美", "A组", "douyin,tmall", {}, 50, 1, 2, {}};
  a.lines = {{"reply_rate", 60, 0.90, 0.97, "global", 0.935, 30, 50, 30},
             {"avg_response_s", 40, 90, 30, "scorecard", 60, 25, 50, 20}};
  ScoreRow b{"xiaoyu", "小雨", "B组", "tmall", {}, std::nullopt, std::nullopt, 0, {"reply_rate"}};
  b.lines = {{"reply_rate", 60, 0.90, 0.97, "global", std::nullopt, 0, std::nullopt, std::nullopt},
             {"avg_response_s", 40, 90, 30, "scorecard", 20, 12, 100, 40}};
  c.rows = {a, b};
  c.not_in_roster = {"tmall/tm01/旗舰店:阿杰"};
  return c;
}

TEST(ScorecardText, StatesTheRuleAndShowsEachMetricsPointsAndContribution) {
  std::ostringstream zh, en;
  RenderContext ctx{Lang::zh, {{"tmall", "天猫"}, {"douyin", "抖音"}}, nullptr};
  render_scorecard_table(card(), ctx, zh);
  EXPECT_THAT(zh.str(), HasSubstr("绩效表（2026-11）"));
  EXPECT_THAT(zh.str(), HasSubstr("评分规则"));
  EXPECT_THAT(zh.str(), HasSubstr("回复率：权重 60 (60%)，底线 90.0%，目标 各人适用的 KPI 目标"));
  EXPECT_THAT(zh.str(), HasSubstr("平均响应时长：权重 40 (40%)，底线 90.0秒，目标 30.0秒"));
  EXPECT_THAT(zh.str(), HasSubstr("抖音、天猫"));
  EXPECT_THAT(zh.str(), HasSubstr("1/2"));
  EXPECT_THAT(zh.str(), HasSubstr("无数据"));
  EXPECT_THAT(zh.str(), HasSubstr("1 个账号不在花名册中：tmall/tm01/旗舰店:阿杰"));
  ctx.lang = Lang::en;
  render_scorecard_table(card(), ctx, en);
  EXPECT_THAT(en.str(), HasSubstr("Scorecard (2026-11)"));
  EXPECT_THAT(en.str(), HasSubstr("no data"));
  EXPECT_THAT(en.str(), HasSubstr("1 account not in the roster"));
  EXPECT_THAT(en.str(), Not(HasSubstr("绩效")));
}

TEST(ScorecardJson, KeysAreStableAndTheUnscoredHaveNoScore) {
  std::ostringstream out;
  render_scorecard_json(card(), out);
  EXPECT_THAT(out.str(), HasSubstr("\"schema\":\"kefu.scorecard/1\""));
  EXPECT_THAT(out.str(), HasSubstr("\"person\":\"xiaoyu\""));
  EXPECT_THAT(out.str(), HasSubstr("\"score\":null"));
  EXPECT_THAT(out.str(), HasSubstr("\"missing\":[\"reply_rate\"]"));
}

TEST(ScorecardHtml, IsASectionOfTheReportWithTheRule) {
  Report r;
  r.period = month("2026-11");
  const Scorecard c = card();
  RenderContext ctx{Lang::zh, {}, &c};
  std::ostringstream out;
  render_html(r, ctx, out);
  const std::string html = out.str();
  EXPECT_THAT(html, HasSubstr("<section id=\"scorecard\"><h2>绩效表（2026-11）</h2>"));
  EXPECT_THAT(html, HasSubstr("评分规则"));
  EXPECT_THAT(html, HasSubstr("<td>50.0</td>"));
}

TEST(ScorecardXlsx, IsASheetWithNumbersAndTheRule) {
  test::TempDir dir;
  Report r;
  r.period = month("2026-11");
  const Scorecard c = card();
  const std::string path = dir.path() + "/r.xlsx";
  render_xlsx({r}, RenderContext{Lang::zh, {}, &c}, path);
  const auto inspected = run_command("python3 " + test::data_file("../host/report/inspect.py") + " xlsx " + path);
  ASSERT_EQ(inspected.exit_code, 0) << inspected.out;
  EXPECT_THAT(inspected.out, HasSubstr("\"绩效表\""));
  EXPECT_THAT(inspected.out, HasSubstr("评分规则"));
}

}  // namespace
}  // namespace kefu::host::report
