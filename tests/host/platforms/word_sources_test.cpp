// A platform's stance on each term category comes from the rule that governs it.
#include "platforms/word_sources.h"

#include <gtest/gtest.h>

namespace kefu::host::words {
namespace {

rules::RuleInForce rule(std::string key, bool known, bool flag, bool inherited = false) {
  rules::RuleInForce r;
  r.rule.key = std::move(key);
  r.rule.native_name = "name of " + r.rule.key;
  r.rule.value.type = ValueType::boolean;
  r.rule.value.known = known;
  r.rule.value.flag = flag;
  r.rule.source.title = "source of " + r.rule.key;
  r.inherited = inherited;
  return r;
}

const CategoryStance& of(const std::vector<CategoryStance>& all, std::string_view category) {
  for (const auto& s : all)
    if (s.category == category) return s;
  throw std::runtime_error("no stance for " + std::string(category));
}

TEST(CategoryStances, AKnownRuleBansOrAllowsAndAnUnknownOrMissingOneIsUnknown) {
  rules::RuleView view;
  view.rules = {rule("conduct.offplatform_diversion", true, true), rule("conduct.civility", false, false),
                rule("conduct.review_cashback", true, true, true), rule("conduct.absolute_terms", true, false)};
  const auto stances = category_stances(view);
  EXPECT_EQ(of(stances, "引流/站外联系").stance, Stance::banned);
  EXPECT_EQ(of(stances, "引流/站外联系").source.title, "source of conduct.offplatform_diversion");
  EXPECT_EQ(of(stances, "辱骂/不文明").stance, Stance::unknown);
  EXPECT_EQ(of(stances, "好评返现/虚假交易").stance, Stance::banned);
  EXPECT_TRUE(of(stances, "好评返现/虚假交易").inherited);
  EXPECT_EQ(of(stances, "广告法极限词").stance, Stance::allowed);
  // Categories no rule governs have no stance: their terms apply as their sources say.
  for (const auto& s : stances) EXPECT_NE(s.category, "医疗功效");
  const auto none = category_stances(rules::RuleView{});
  EXPECT_EQ(of(none, "引流/站外联系").stance, Stance::unknown);
}

}  // namespace
}  // namespace kefu::host::words
