// kefu/catalog.hpp: the keys plugins spell through the SDK are the keys the host checks against.
#include <kefu/catalog.hpp>
#include <kefu/model.hpp>

#include "model/catalog.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace kefu {
namespace {

template <class Range, class Key>
std::vector<std::string_view> keys_of(const Range& range, Key key) {
  std::vector<std::string_view> out;
  for (const auto& item : range) out.push_back(key(item));
  return out;
}
template <class Array>
std::vector<std::string_view> list(const Array& a) {
  return {a.begin(), a.end()};
}

TEST(Catalog, MetricKeysAreTheHostsMetricCatalogInItsOrder) {
  EXPECT_EQ(list(metric::all), keys_of(host::metric_catalog(), [](const auto& d) { return d.key; }));
}

TEST(Catalog, RuleKeysAreTheHostsRuleKeysInItsOrder) {
  EXPECT_EQ(list(rule::all), keys_of(host::rule_key_catalog(), [](const auto& d) { return d.key; }));
}

TEST(Catalog, RuleAndTermCategoriesAreTheHostsInItsOrder) {
  EXPECT_EQ(list(rule_category::all), list(host::rule_categories()));
  EXPECT_EQ(list(term_category::all), list(host::term_categories()));
}

TEST(Catalog, RuleKeyNamesAreTheKeyWithTheDotAsAnUnderscore) {
  EXPECT_EQ(rule::aftersale_no_reason_return, "aftersale.no_reason_return");
  EXPECT_EQ(host::find_rule_key(rule::service_hours)->category, rule_category::service_hours);
}

TEST(Catalog, EnumNameIsTheNameAnEnumTravelsUnderInJson) {
  EXPECT_EQ(enum_name(Severity::warn), "warn");
  EXPECT_EQ(enum_name(ValueType::boolean), "bool");
  static_assert(enum_name(Comparability::not_comparable) == "not_comparable");
}

}  // namespace
}  // namespace kefu
