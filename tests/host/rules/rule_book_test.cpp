// Which version of each rule is in force on a date, and how the common set is inherited.
#include "rules/rule_book.h"

#include "model/validate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host::rules {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

Rule hours(int from, int to, const std::string& effective_from, const std::string& native) {
  Rule r;
  r.key = "service.hours";
  r.category = "服务时间";
  r.native_name = native;
  r.value = {ValueType::time_window, true, 0, false, "", from, to};
  r.strictness = Strictness::higher_is_stricter;
  r.effective_from = effective_from;
  r.source = {"test", "https://example.invalid/rule", "2026-11-23", Confidence::third_party, ""};
  return r;
}

const Rule* find(const RuleView& view, const std::string& key) {
  for (const auto& r : view.rules)
    if (r.rule.key == key) return &r.rule;
  return nullptr;
}

TEST(RuleBook, TheLatestVersionInForceWins) {
  const RuleSet own{"2026-11-23", {hours(540, 1380, "2021-12-01", "new"), hours(480, 1440, "", "old")}};
  const RuleSet none{"", {}};
  EXPECT_EQ(find(rules_in_force("jd", own, none, "2021-11-30"), "service.hours")->native_name, "old");
  EXPECT_EQ(find(rules_in_force("jd", own, none, "2021-12-01"), "service.hours")->native_name, "new");
  const RuleView today = rules_in_force("jd", own, none, "2026-11-23");
  EXPECT_EQ(today.version, "2021-12-01");
  EXPECT_EQ(today.rules[0].versions, 2);
}

TEST(RuleBook, ARuleInForceSinceAnUnknownDateFollowsEveryDatedVersionFromTheDayItWasRead) {
  Rule current = hours(480, 1380, std::string(kEffectiveUnknown), "current, start unknown");
  current.source.seen = "2026-12-04";
  const RuleSet own{"v", {current, hours(540, 1380, "2021-12-01", "dated"), hours(0, 1440, "", "first")}};
  EXPECT_THAT(validate_rules(own), IsEmpty());
  const RuleSet none{"", {}};
  EXPECT_EQ(find(rules_in_force("jd", own, none, "2021-11-30"), "service.hours")->native_name, "first");
  EXPECT_EQ(find(rules_in_force("jd", own, none, "2026-12-03"), "service.hours")->native_name, "dated");
  const RuleView today = rules_in_force("jd", own, none, "2026-12-04");
  EXPECT_EQ(find(today, "service.hours")->native_name, "current, start unknown");
  EXPECT_EQ(today.version, "") << "an unknown start is no date: the view names no latest change";
  EXPECT_EQ(today.rules[0].versions, 3);
}

TEST(RuleBook, TheReviewCashbackFineHasAVersionForTheRevisedLaw) {
  const RuleSet& common = common_rule_set();
  const RuleView on_14 = rules_in_force("x", {"v", {}}, common, "2025-10-14");
  const RuleView on_15 = rules_in_force("x", {"v", {}}, common, "2025-10-15");
  const Rule* before = find(on_14, "conduct.review_cashback");
  const Rule* after = find(on_15, "conduct.review_cashback");
  ASSERT_NE(before, nullptr);
  ASSERT_NE(after, nullptr);
  EXPECT_THAT(before->penalty.amount, HasSubstr("20万-100万元"));
  EXPECT_EQ(after->effective_from, "2025-10-15");
  EXPECT_EQ(after->penalty.amount, "") << "the revised law's range was not read: not carried over";
}

TEST(RuleBook, ARuleNotYetInForceIsLeftOut) {
  const RuleSet own{"v", {hours(540, 1380, "2030-01-01", "future")}};
  EXPECT_EQ(find(rules_in_force("x", own, {"", {}}, "2026-11-23"), "service.hours"), nullptr);
}

TEST(RuleBook, EveryPlatformInheritsTheLawsAndMayOverrideAKey) {
  const RuleSet& common = common_rule_set();
  EXPECT_THAT(validate_rules(common), IsEmpty());
  const RuleView before = rules_in_force("x", {"v", {}}, common, "2024-08-31");
  const RuleView after = rules_in_force("x", {"v", {}}, common, "2024-09-01");
  EXPECT_EQ(find(before, "conduct.review_cashback"), nullptr);  // 《网络反不正当竞争暂行规定》 from 2024-09-01
  ASSERT_NE(find(after, "conduct.review_cashback"), nullptr);
  EXPECT_EQ(find(after, "conduct.review_cashback")->source.confidence, Confidence::law);
  EXPECT_TRUE(after.rules.back().inherited);

  Rule own_return = common.rules[0];
  own_return.native_name = "平台自己的说法";
  const RuleView overridden = rules_in_force("x", {"v", {own_return}}, common, "2026-11-23");
  const auto it = std::find_if(overridden.rules.begin(), overridden.rules.end(),
                               [&](const RuleInForce& r) { return r.rule.key == own_return.key; });
  EXPECT_EQ(it->rule.native_name, "平台自己的说法");
  EXPECT_FALSE(it->inherited);
}

TEST(RuleBook, ViewsFollowCatalogOrder) {
  const RuleView view = rules_in_force("x", {"v", {}}, common_rule_set(), "2026-11-23");
  ASSERT_EQ(view.rules.size(), 4u);
  EXPECT_EQ(view.rules[0].rule.key, "aftersale.no_reason_return");
  EXPECT_EQ(view.rules[3].rule.key, "conduct.absolute_terms");
}

TEST(RuleBook, PlatformAtParsesAndSaysWhatIsWrong) {
  EXPECT_EQ(parse_platform_at("jd").date, "");
  EXPECT_EQ(parse_platform_at("jd@2021-11-30").date, "2021-11-30");
  EXPECT_EQ(parse_platform_at("jd@2021-11-30").id, "jd");
  try {
    parse_platform_at("jd@yesterday");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("the part after @ must be a date, YYYY-MM-DD"));
  }
  EXPECT_THROW(parse_platform_at("@2021-11-30"), std::invalid_argument);
  EXPECT_THROW(parse_platform_at("jd@2021-13-01"), std::invalid_argument);
}

TEST(RuleBook, ValidationAllowsOneEntryPerKeyAndDate) {
  const RuleSet ok{"v", {hours(540, 1380, "2021-12-01", "new"), hours(480, 1440, "", "old")}};
  EXPECT_THAT(validate_rules(ok), IsEmpty());
  const RuleSet twice{"v", {hours(540, 1380, "2021-12-01", "a"), hours(480, 1440, "2021-12-01", "b")}};
  EXPECT_THAT(validate_rules(twice),
              testing::ElementsAre("rules[1] service.hours: key appears twice with effective_from 2021-12-01"));
}

TEST(RuleBook, ValidationHoldsEachKeyToTheCatalogsTypeAndDirection) {
  Rule r = hours(540, 1380, "", "x");
  r.value.type = ValueType::text;
  r.strictness = Strictness::lower_is_stricter;
  r.category = "处罚";
  EXPECT_THAT(
      validate_rules({"v", {r}}),
      testing::ElementsAre(
          "rules[0] service.hours: category \"处罚\": the catalog files this key under \"服务时间\"",
          "rules[0] service.hours: value.type text: the catalog expects time_window for this key",
          "rules[0] service.hours: strictness lower_is_stricter: the catalog expects higher_is_stricter for this key"));
  Rule bots;
  bots.key = "service.bot_replies";
  bots.category = "服务/响应";
  bots.native_name = "x";
  bots.value = {ValueType::enumeration, true, 0, false, "sometimes", 0, 0};
  bots.strictness = Strictness::higher_is_stricter;
  bots.source = r.source;
  EXPECT_THAT(validate_rules({"v", {bots}}),
              testing::ElementsAre(
                  "rules[0] service.bot_replies: value.text \"sometimes\": expected one of all,assist_only,none"));
}

}  // namespace
}  // namespace kefu::host::rules
