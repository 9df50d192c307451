// `kefu sources`: every fact with its source, label and read date, as a supervisor audits it.
#include "host/cli/run_kefu.hpp"

#include <kefu/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace kefu {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct FactRow {
  std::string platform, kind, fact, value, effective_from;
  bool known = true;
  Source source;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("kind", s.kind);
    v("fact", s.fact);
    v("value", s.value);
    v("known", s.known);
    v("effective_from", s.effective_from);
    v("source", s.source);
  }
};
struct Listing {
  std::string platform;
  std::vector<FactRow> facts;
  int quoted = 0;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("facts", s.facts);
    v("quoted", s.quoted);
  }
};

Listing sources_json(const std::string& args) {
  const CliRun run = kefu("sources " + args, "", false);
  EXPECT_EQ(run.exit_code, 0);
  return json::read<Listing>(run.out, "kefu sources");
}

const FactRow* find(const Listing& l, const std::string& kind, const std::string& fact_part) {
  for (const FactRow& f : l.facts)
    if (f.kind == kind && f.fact.find(fact_part) != std::string::npos) return &f;
  return nullptr;
}

TEST(SourcesCliTest, ListsAPlatformsRulesMetricParametersAndWordsWithTheCommonLaw) {
  const Listing l = sources_json("--platform jd --format json");
  std::set<std::string> platforms, kinds;
  for (const FactRow& f : l.facts) {
    platforms.insert(f.platform);
    kinds.insert(f.kind);
  }
  EXPECT_EQ(platforms, (std::set<std::string>{"jd", "common"}));
  EXPECT_TRUE(kinds.contains("rule") && kinds.contains("metric") && kinds.contains("metric_parameter") &&
              kinds.contains("term"));
  // A fact read on 2026-12-04 says so; one taken from the research says where it is quoted.
  const FactRow* label = find(l, "rule", "热情掌柜");
  ASSERT_NE(label, nullptr);
  EXPECT_EQ(label->source.seen, "2026-12-04");
  EXPECT_EQ(label->source.quoted_in, "");
  EXPECT_EQ(label->effective_from, "unknown");
  const FactRow* hours = find(l, "rule", "service.hours 考核时段（23:00-9:00");
  ASSERT_NE(hours, nullptr);
  EXPECT_THAT(hours->source.quoted_in, HasSubstr("docs/research/platforms.md"));
  EXPECT_GT(l.quoted, 0);
}

TEST(SourcesCliTest, AnEntryWithNoSourceIsLabelledNoneNeverThirdParty) {
  const Listing l = sources_json("--platform jd --json");
  const FactRow* shipping = find(l, "rule", "shipping.deadline");
  ASSERT_NE(shipping, nullptr);
  EXPECT_FALSE(shipping->known);
  EXPECT_EQ(shipping->source.confidence, Confidence::none);
  const CliRun zh = kefu("sources --platform jd");
  EXPECT_THAT(zh.out, HasSubstr("无来源"));
  EXPECT_THAT(zh.out, HasSubstr("转引自 docs/research/platforms.md"));
  const CliRun en = kefu("sources --platform jd --lang en");
  EXPECT_THAT(en.out, HasSubstr("as quoted in docs/research/platforms.md"));
  EXPECT_THAT(en.out, Not(HasSubstr("无来源")));
  const CliRun rules = kefu("rules --platform jd");
  EXPECT_THAT(rules.out, HasSubstr("未找到公开来源（Kefu 调研，2026-11-23）（无来源"));
}

TEST(SourcesCliTest, EveryPlatformIsListedWithoutAFilter) {
  const Listing l = sources_json("--format json");
  std::set<std::string> platforms;
  for (const FactRow& f : l.facts) platforms.insert(f.platform);
  for (const char* id : {"tmall", "jd", "douyin", "kuaishou", "pinduoduo", "common"}) EXPECT_TRUE(platforms.contains(id)) << id;
}

TEST(SourcesCliTest, AnUnknownPlatformIsAnError) {
  const CliRun run = kefu("sources --platform nowhere");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("nowhere"));
}

}  // namespace
}  // namespace kefu
