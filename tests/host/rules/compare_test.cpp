// The stricter/looser logic, per value type (docs/rules.md, "How two values compare").
#include "rules/compare.h"

#include <gtest/gtest.h>

namespace kefu::host::rules {
namespace {

RuleValue number(ValueType type, double n) { return {type, true, n, false, "", 0, 0}; }
RuleValue window(int from, int to) { return {ValueType::time_window, true, 0, false, "", from, to}; }
RuleValue flag(bool b) { return {ValueType::boolean, true, 0, b, "", 0, 0}; }
RuleValue level(ValueType type, const char* text) { return {type, true, 0, false, text, 0, 0}; }
RuleValue unknown(ValueType type) { return {type, false, 0, false, "", 0, 0}; }

const RuleKeyDef& def(const char* key) { return *find_rule_key(key); }

TEST(CompareRules, ShorterDurationIsStricterWhereLowerIsStricter) {
  const auto& d = def("service.response_threshold");  // 180 s → 30 s: Tmall → JD
  EXPECT_EQ(compare_values(d, number(ValueType::duration, 180), number(ValueType::duration, 30)), Verdict::stricter);
  EXPECT_EQ(compare_values(d, number(ValueType::duration, 30), number(ValueType::duration, 180)), Verdict::looser);
  EXPECT_EQ(compare_values(d, number(ValueType::duration, 30), number(ValueType::duration, 30)), Verdict::same);
}

TEST(CompareRules, HigherPercentageIsStricterWhereHigherIsStricter) {
  const auto& target = def("service.response_target");
  EXPECT_EQ(compare_values(target, number(ValueType::percentage, 80), number(ValueType::percentage, 90)),
            Verdict::stricter);
  EXPECT_EQ(compare_values(target, number(ValueType::percentage, 90), number(ValueType::percentage, 80)),
            Verdict::looser);
  // ... and the other way round where a lower limit is stricter (JD's 留言率 < 50%).
  const auto& left = def("service.message_left_limit");
  EXPECT_EQ(compare_values(left, number(ValueType::percentage, 50), number(ValueType::percentage, 30)),
            Verdict::stricter);
}

TEST(CompareRules, LongerReturnWindowIsStricterForTheSeller) {
  const auto& d = def("aftersale.no_reason_return");
  EXPECT_EQ(compare_values(d, number(ValueType::duration, 7 * 86400), number(ValueType::duration, 15 * 86400)),
            Verdict::stricter);
}

TEST(CompareRules, TrueIsStricterForBans) {
  const auto& d = def("conduct.offplatform_diversion");
  EXPECT_EQ(compare_values(d, flag(false), flag(true)), Verdict::stricter);
  EXPECT_EQ(compare_values(d, flag(true), flag(false)), Verdict::looser);
  EXPECT_EQ(compare_values(d, flag(true), flag(true)), Verdict::same);
}

TEST(CompareRules, OrderedEnumFollowsTheCatalogLevels) {
  const auto& bots = def("service.bot_replies");  // all < assist_only < none
  EXPECT_EQ(compare_values(bots, level(ValueType::enumeration, "all"), level(ValueType::enumeration, "none")),
            Verdict::stricter);
  EXPECT_EQ(compare_values(bots, level(ValueType::enumeration, "none"), level(ValueType::enumeration, "assist_only")),
            Verdict::looser);
}

TEST(CompareRules, UnorderedEnumAndTextOnlyChange) {
  const auto& unit = def("service.response_unit");
  EXPECT_EQ(compare_values(unit, level(ValueType::enumeration, "round"), level(ValueType::enumeration, "message")),
            Verdict::changed);
  EXPECT_EQ(compare_values(unit, level(ValueType::enumeration, "round"), level(ValueType::enumeration, "round")),
            Verdict::same);
  const auto& scale = def("satisfaction.scale");
  EXPECT_EQ(compare_values(scale, level(ValueType::text, "5级"), level(ValueType::text, "3级")), Verdict::changed);
}

TEST(CompareRules, AWindowThatContainsTheOtherIsStricter) {
  const auto& hours = def("service.hours");
  EXPECT_EQ(compare_values(hours, window(540, 1380), window(480, 1380)), Verdict::stricter);  // 9-23 → 8-23
  EXPECT_EQ(compare_values(hours, window(480, 1440), window(540, 1380)), Verdict::looser);    // 8-24 → 9-23
  EXPECT_EQ(compare_values(hours, window(480, 1380), window(540, 1440)), Verdict::changed);   // 8-23 → 9-24
  EXPECT_EQ(compare_values(hours, window(480, 1380), window(480, 1380)), Verdict::same);
}

TEST(CompareRules, UnknownIsNeverGuessed) {
  const auto& d = def("service.response_threshold");
  EXPECT_EQ(compare_values(d, unknown(ValueType::duration), number(ValueType::duration, 30)), Verdict::unknown);
  EXPECT_EQ(compare_values(d, number(ValueType::duration, 30), unknown(ValueType::duration)), Verdict::unknown);
}

TEST(CompareRules, WithEqualValuesAPenaltyDecides) {
  const auto& d = def("service.avg_response_limit");
  Rule a, b;
  a.value = b.value = number(ValueType::duration, 40);
  b.penalty = {"扣分", "2分", ""};
  EXPECT_EQ(compare_rules(d, a, b), Verdict::stricter);
  EXPECT_EQ(compare_rules(d, b, a), Verdict::looser);
  a.penalty = {"扣分", "4分", ""};
  EXPECT_EQ(compare_rules(d, a, b), Verdict::changed);
  a.penalty = b.penalty;
  EXPECT_EQ(compare_rules(d, a, b), Verdict::same);
}

}  // namespace
}  // namespace kefu::host::rules
