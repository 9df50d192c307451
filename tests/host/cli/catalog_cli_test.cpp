// `kefu catalog`: the keys a plugin author may use, without reading host source.
#include "host/cli/run_kefu.hpp"

#include <kefu/catalog.hpp>
#include <kefu/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace kefu {
namespace {

using ::testing::HasSubstr;

struct RuleKeyRow {
  std::string key, category, type, unit, strictness;
  std::vector<std::string> levels;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("key", s.key);
    v("category", s.category);
    v("type", s.type);
    v("unit", s.unit);
    v("strictness", s.strictness);
    v("levels", s.levels);
  }
};
struct MetricKeyRow {
  std::string key, unit, better;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("key", s.key);
    v("unit", s.unit);
    v("better", s.better);
  }
};
struct TermRow {
  std::string category, rule_key;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("category", s.category);
    v("rule_key", s.rule_key);
  }
};
struct Catalog {
  std::vector<RuleKeyRow> rule_keys;
  std::vector<MetricKeyRow> metric_keys;
  std::vector<TermRow> term_categories;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("rule_keys", s.rule_keys);
    v("metric_keys", s.metric_keys);
    v("term_categories", s.term_categories);
  }
};

Catalog catalog_json(const std::string& args) {
  const CliRun run = kefu("catalog --format json " + args, "", false);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  return json::read<Catalog>(run.out, "kefu catalog");
}

TEST(CatalogCliTest, ListsEveryMetricKeyTheSdkDeclaresWithItsUnitAndDirection) {
  const Catalog c = catalog_json("");
  std::set<std::string> listed;
  for (const MetricKeyRow& m : c.metric_keys) {
    listed.insert(m.key);
    EXPECT_FALSE(m.unit.empty()) << m.key;
    EXPECT_THAT((std::set<std::string>{"higher", "lower", "neither"}), ::testing::Contains(m.better)) << m.key;
  }
  EXPECT_EQ(listed, std::set<std::string>(metric::all.begin(), metric::all.end()));
}

TEST(CatalogCliTest, GivesEachRuleKeyItsTypeStricterSideAndAnEnumsLevelsLoosestFirst) {
  const Catalog c = catalog_json("--kind rules");
  EXPECT_TRUE(c.metric_keys.empty());
  EXPECT_TRUE(c.term_categories.empty());
  const auto bots = std::find_if(c.rule_keys.begin(), c.rule_keys.end(),
                                 [](const RuleKeyRow& r) { return r.key == "service.bot_replies"; });
  ASSERT_NE(bots, c.rule_keys.end());
  EXPECT_EQ(bots->type, "enum");
  EXPECT_EQ(bots->strictness, "higher_is_stricter");
  EXPECT_EQ(bots->levels, (std::vector<std::string>{"all", "assist_only", "none"}));
  const auto threshold = std::find_if(c.rule_keys.begin(), c.rule_keys.end(),
                                      [](const RuleKeyRow& r) { return r.key == "service.response_threshold"; });
  ASSERT_NE(threshold, c.rule_keys.end());
  EXPECT_EQ(threshold->unit, "seconds");
  EXPECT_EQ(threshold->strictness, "lower_is_stricter");
}

TEST(CatalogCliTest, NamesTheRuleThatGivesAPlatformsStanceOnEachWordCategory) {
  const Catalog c = catalog_json("--kind terms");
  std::map<std::string, std::string> rule_of;
  for (const TermRow& t : c.term_categories) rule_of[t.category] = t.rule_key;
  EXPECT_EQ(rule_of["引流/站外联系"], "conduct.offplatform_diversion");
  EXPECT_EQ(rule_of["医疗功效"], "");
}

TEST(CatalogCliTest, PrintsTheTablesInChineseByDefaultAndInEnglishOnRequest) {
  const CliRun zh = kefu("catalog", "", false);
  EXPECT_EQ(zh.exit_code, 0);
  EXPECT_THAT(zh.out, HasSubstr("规则键"));
  EXPECT_THAT(zh.out, HasSubstr("数值越小越严"));
  const CliRun en = kefu("--lang en catalog --kind metrics", "", false);
  EXPECT_THAT(en.out, HasSubstr("Metric keys"));
  EXPECT_THAT(en.out, ::testing::Not(HasSubstr("Rule keys")));
}

}  // namespace
}  // namespace kefu
