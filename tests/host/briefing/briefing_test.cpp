// The briefing's parts: rule sections, the headline ranking rule, metric pairing, the word
// shift and the script check.
#include "briefing/briefing.h"

#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Source src() { return {"test", "https://example.invalid", "2026-11-23", Confidence::third_party, ""}; }

Rule rule(const std::string& key, RuleValue value, Penalty penalty = {}) {
  const RuleKeyDef& def = *find_rule_key(key);
  Rule r;
  r.key = key;
  r.category = std::string(def.category);
  r.native_name = key;
  r.value = value;
  r.value.type = def.type;
  r.strictness = def.strictness;
  r.penalty = penalty;
  r.source = src();
  return r;
}
RuleValue num(double n) { return {ValueType::duration, true, n, false, "", 0, 0}; }
RuleValue txt(const char* t) { return {ValueType::text, true, 0, false, t, 0, 0}; }
RuleValue win(int a, int b) { return {ValueType::time_window, true, 0, false, "", a, b}; }
RuleValue unknown() { return {}; }

RuleView view(std::vector<Rule> rules) {
  RuleView v{"p", "2026-11-23", "v", "", {}};
  for (Rule& r : rules) v.rules.push_back({std::move(r), false, 1});
  return v;
}

std::vector<std::string> keys(const std::vector<RuleChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(c.key);
  return out;
}

TEST(Briefing, RulesLandInTheirSections) {
  const RuleView from = view({rule("service.response_threshold", num(180)), rule("service.response_unit", txt("round")),
                              rule("service.hours", win(480, 1440)), rule("service.avg_response_limit", unknown()),
                              rule("penalty.system", txt("扣分")), rule("shipping.deadline", num(172800))});
  const RuleView to = view(
      {rule("service.response_threshold", num(30)), rule("service.response_unit", txt("session")),
       rule("service.hours", win(540, 1380)), rule("service.avg_response_limit", num(40), {"扣分", "2分", ""}),
       rule("penalty.system", txt("扣分")), rule("conduct.civility", {ValueType::boolean, true, 0, true, "", 0, 0})});
  const RuleSections s = compare_views(from, to);
  EXPECT_THAT(keys(s.stricter), ElementsAre("service.response_threshold"));
  EXPECT_THAT(keys(s.looser), ElementsAre("service.hours"));
  EXPECT_THAT(keys(s.changed), ElementsAre("service.response_unit"));
  EXPECT_THAT(keys(s.unknown), ElementsAre("service.avg_response_limit"));
  EXPECT_THAT(keys(s.only_to), ElementsAre("conduct.civility"));
  EXPECT_THAT(keys(s.only_from), ElementsAre("shipping.deadline"));
  EXPECT_THAT(keys(s.same), ElementsAre("penalty.system"));
  EXPECT_EQ(s.only_to[0].verdict, Verdict::stricter);
  EXPECT_FALSE(s.only_to[0].from.has_value());
}

TEST(Briefing, HeadlineFollowsTheStatedRankingRule) {
  const RuleView from = view({rule("service.response_threshold", num(180)), rule("service.response_unit", txt("round")),
                              rule("service.hours", win(540, 1380)), rule("service.avg_response_limit", unknown()),
                              rule("satisfaction.scale", txt("5级")), rule("penalty.system", txt("A")),
                              rule("aftersale.review_time", num(3600))});
  const RuleView to =
      view({rule("service.response_threshold", num(30)), rule("service.response_unit", txt("session")),
            rule("service.hours", win(480, 1380)), rule("service.avg_response_limit", num(40), {"扣分", "2分", ""}),
            rule("satisfaction.scale", txt("3级")), rule("penalty.system", txt("B")),
            rule("aftersale.review_time", num(1200))});
  WordsSection words;
  words.available = true;
  words.newly_banned.count = 3;
  const auto headline = rank_headline(compare_views(from, to), words, false);
  // 130 penalty line (FROM unknown), 90 stricter reply limit, 80 stricter hours, 75 words,
  // 70 unit change; cut at five: the scale change (45), the penalty-system change (70, later in
  // the catalog than the unit) and the after-sales review time (65) stay below.
  std::vector<std::pair<std::string, int>> got;
  for (const auto& h : headline) got.emplace_back(h.key, h.score);
  EXPECT_THAT(got, ElementsAre(std::pair<std::string, int>{"service.avg_response_limit", 130},
                               std::pair<std::string, int>{"service.response_threshold", 90},
                               std::pair<std::string, int>{"service.hours", 80},
                               std::pair<std::string, int>{"words.newly_banned", 75},
                               std::pair<std::string, int>{"service.response_unit", 70}));
  EXPECT_EQ(headline[0].section, "unknown");
  EXPECT_EQ(headline[0].rank, 1);
  // A script line hitting a newly banned word puts the words first among equals... and above.
  EXPECT_EQ(rank_headline(compare_views(from, to), words, true)[1].key, "words.newly_banned");
}

TEST(Briefing, LooserAndUnknownWithoutPenaltyNeverMakeTheHeadline) {
  const RuleView from = view({rule("service.response_threshold", num(30)), rule("service.hours", win(480, 1380))});
  const RuleView to = view({rule("service.response_threshold", num(180)),
                            rule("service.hours", {ValueType::time_window, false, 0, false, "", 0, 0})});
  EXPECT_THAT(rank_headline(compare_views(from, to), {}, false), IsEmpty());
}

NativeMetric metric(const char* name, const char* key, Comparability c, const char* unit, const char* target = "") {
  NativeMetric m;
  m.native_name = name;
  m.canonical_key = key;
  m.comparability = c;
  m.comparability_note = c == Comparability::same ? "" : "note of " + std::string(name);
  m.unit = unit;
  m.target = target;
  return m;
}

TEST(Briefing, MetricsPairWithTheClosestFromMetric) {
  const MetricProfile from{{metric("3分钟响应率", "within_3min_rate", Comparability::not_comparable, "round"),
                            metric("3分钟人工回复率(会话)", "within_3min_rate", Comparability::convertible, "session"),
                            metric("接待人数", "received_customers", Comparability::same, "person")}};
  const MetricProfile to{{metric("咨询人数", "received_customers", Comparability::same, "person"),
                          metric("3分钟回复率", "within_3min_rate", Comparability::not_comparable, "message", "≥80%"),
                          metric("不服务率", "", Comparability::not_comparable, "session")}};
  const MetricsSection s = pair_metrics(from, to);
  ASSERT_TRUE(s.available);
  ASSERT_EQ(s.items.size(), 3u);
  EXPECT_EQ(s.items[0].to.native_name, "3分钟回复率");               // judged on (has a target): first
  EXPECT_EQ(s.items[0].from->native_name, "3分钟人工回复率(会话)");  // convertible beats not comparable
  EXPECT_FALSE(s.items[0].comparable);
  EXPECT_THAT(s.items[0].differences, ElementsAre("unit: session → message"));
  EXPECT_EQ(s.items[0].why, "note of 3分钟回复率");
  EXPECT_TRUE(s.items[1].comparable);
  EXPECT_FALSE(s.items[2].from.has_value());  // maps to no canonical metric: no counterpart

  EXPECT_FALSE(pair_metrics(from, std::nullopt).available);
  EXPECT_FALSE(pair_metrics(std::nullopt, to).items[0].from.has_value());
}

Term term(const char* text, const char* category, Severity severity, const char* suggestion = "") {
  return {text, category, severity, suggestion, src()};
}

words::Lexicon two_sides() {
  WordList from{{term("微信", "引流/站外联系", Severity::block), term("特效", "医疗功效", Severity::warn)}, {}, {}};
  WordList to{
      {term("加微信", "引流/站外联系", Severity::block), term("特效", "医疗功效", Severity::block),
       term("vx", "引流/站外联系", Severity::block, "请在平台内沟通"), term("第一", "广告法极限词", Severity::block)},
      {term("第一时间", "广告法极限词", Severity::block)},
      {}};
  return words::Lexicon({}, {{"from", from}, {"to", to}}, {});
}

TEST(Briefing, WordShiftCountsByCategoryInOrderOfHarm) {
  const WordsSection s = shift_words(two_sides());
  EXPECT_EQ(s.newly_banned.count, 4);
  ASSERT_EQ(s.newly_banned.by_category.size(), 3u);
  EXPECT_EQ(s.newly_banned.by_category[0].category, "引流/站外联系");  // diversion first
  EXPECT_EQ(s.newly_banned.by_category[0].count, 2);
  EXPECT_EQ(s.newly_banned.by_category[1].category, "广告法极限词");
  EXPECT_EQ(s.newly_banned.by_category[2].examples[0].text, "特效");
  EXPECT_EQ(s.newly_banned.by_category[2].examples[0].other_side, "warn");
  EXPECT_EQ(s.no_longer_banned.count, 1);  // 微信 alone is not listed on TO
  EXPECT_EQ(s.no_longer_banned.by_category[0].examples[0].other_side, "none");
}

// TO's stance on diversion is unknown: a common term FROM bans is "unknown on TO", never "no
// longer banned"; a term FROM's own list bans and TO does not list stays "no longer banned".
TEST(Briefing, ATermWhoseCategoryIsUnknownOnToIsListedApartFromNoLongerBanned) {
  WordList common{{term("微信", "引流/站外联系", Severity::block)}, {}, {}};
  WordList from{{term("京东", "引流/站外联系", Severity::block)}, {}, {}};
  auto stance = [](words::Stance st) {
    words::CategoryStance c;
    c.category = "引流/站外联系";
    c.stance = st;
    c.rule = "conduct.offplatform_diversion";
    return c;
  };
  const words::Lexicon lexicon(common,
                               {{"from", from, {}, {stance(words::Stance::banned)}},
                                {"to", {}, {}, {stance(words::Stance::unknown)}}},
                               {});
  const WordsSection s = shift_words(lexicon);
  EXPECT_EQ(s.no_longer_banned.count, 1);
  EXPECT_EQ(s.no_longer_banned.by_category[0].examples[0].text, "京东");
  ASSERT_EQ(s.unknown_on_to.count, 1);
  EXPECT_EQ(s.unknown_on_to.by_category[0].examples[0].text, "微信");
  EXPECT_EQ(s.unknown_on_to.by_category[0].examples[0].other_side, "unknown");
  EXPECT_EQ(s.newly_banned.count, 0);
  ASSERT_EQ(s.stances.size(), 1u);
  EXPECT_EQ(s.stances[0].from.stance, "banned");
  EXPECT_EQ(s.stances[0].to.stance, "unknown");
}

TEST(Briefing, ScriptCheckReportsOnlyNewViolations) {
  test::TempDir dir;
  const std::string file = dir.write("scripts.txt",
                                     "亲，在的呢\n"
                                     "可以加微信聊\n"      // TO's 加微信 overlaps FROM's 微信: flagged before
                                     "祛痘特效\n"          // warn on FROM, block on TO: new
                                     "我们第一时间发货\n"  // allow-listed on TO
                                     "加我 ＶＸ 吧\n");    // full-width, new on TO
  const ScriptsSection s = lint_scripts(two_sides(), {file});
  EXPECT_EQ(s.lines, 5);
  EXPECT_EQ(s.lines_violating, 2);
  ASSERT_EQ(s.violations.size(), 2u);
  EXPECT_EQ(s.violations[0].line, 3);
  EXPECT_EQ(s.violations[0].column, 3);
  EXPECT_EQ(s.violations[0].term, "特效");
  EXPECT_EQ(s.violations[0].script, "祛痘特效");
  EXPECT_EQ(s.violations[1].line, 5);
  EXPECT_EQ(s.violations[1].matched, "ＶＸ");
  EXPECT_EQ(s.violations[1].suggestion, "请在平台内沟通");
}

}  // namespace
}  // namespace kefu::host::rules
