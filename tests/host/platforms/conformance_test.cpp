#include "platforms/conformance.h"

#include "model/native_definition.h"
#include "platforms/loader.h"

#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

TEST(ConformanceTest, TheFiveRealPluginsPassTheCatalogAndSchemaChecks) {
  for (const char* id : {"tmall", "jd", "douyin", "kuaishou", "pinduoduo"}) {
    const ConformanceReport r = check_conformance(test::plugin_file(id));
    EXPECT_TRUE(r.ok()) << id << ": " << (r.failures.empty() ? "" : r.failures[0]);
    EXPECT_EQ(r.info.id, id);
  }
}

TEST(ConformanceTest, CollectsEveryRuntimeProblem) {
  const ConformanceReport r = check_conformance(test::fixture_file("runtime_faults"));
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.failures.size(), 6u);
  EXPECT_THAT(r.failures[0], HasSubstr("rules() failed: rules.json: line 3"));
  EXPECT_THAT(r.failures[1], HasSubstr("words() failed but reported no error"));
  EXPECT_THAT(r.failures[2], HasSubstr("metric_profile(): metrics[0] 回复率: source.title is empty"));
  EXPECT_THAT(r.failures[3], HasSubstr("metric_profile(): metrics[0] 回复率: source.seen"));
  EXPECT_THAT(r.failures[4], HasSubstr("metric_profile(): metrics[0] 回复率: source.url is empty"));
  // The answer against the SDK's schema too, with its JSON path (the first violation of a metric).
  EXPECT_THAT(r.failures[5],
              HasSubstr("metric_profile(): metrics.schema.json: $.metrics[0].source.title: must not be empty"));
  EXPECT_THAT(r.passed, Contains(HasSubstr("fetch() answers 'unsupported', as declared")));
}

TEST(ConformanceTest, ReportsARefusalInsteadOfChecks) {
  const ConformanceReport r = check_conformance(test::fixture_file("sdk_major2"));
  ASSERT_TRUE(r.refusal.has_value());
  EXPECT_EQ(r.refusal->code, RefusalCode::sdk_version_mismatch);
  EXPECT_TRUE(r.passed.empty());
}

}  // namespace
}  // namespace kefu::host

namespace kefu::host {
namespace {

TEST(ConformanceTest, APluginBuiltWithSdk14WhoseMetricsHaveNoComputationPasses) {
  const ConformanceReport r = check_conformance(test::fixture_file("sdk_1_4_metrics"));
  EXPECT_TRUE(r.ok()) << (r.failures.empty() ? "" : r.failures[0]);
  EXPECT_THAT(r.sdk_version, HasSubstr("1.4"));
  EXPECT_THAT(r.notes, Contains(HasSubstr("1 of 1 metrics give no computation (SDK 1.5)")));
}

TEST(ConformanceTest, ThePredefinitionPluginsParametersReadAsUnknownBecauseItPredatesSdk15) {
  LoadResult loaded = load_plugin(test::fixture_file("sdk_1_4_metrics"));
  ASSERT_TRUE(loaded.plugin) << loaded.refusal->message;
  const auto& profile = loaded.plugin->valid_profile();
  ASSERT_TRUE(profile.has_value());
  const Definition d = definition_of("sdk_1_4_metrics", profile->metrics.at(0));
  EXPECT_EQ(d.unknown_parameters().size(), 8u);
  EXPECT_EQ(d.unit.unknown_reason, kPredatesComputation);
}

TEST(ConformanceTest, AnOldPluginWithoutChatLayoutsStillLoadsAndShipsNone) {
  LoadResult loaded = load_plugin(test::fixture_file("sdk_1_4_metrics"));
  ASSERT_TRUE(loaded.plugin) << loaded.refusal->message;
  const auto& profile = loaded.plugin->valid_profile();
  ASSERT_TRUE(profile.has_value());
  EXPECT_TRUE(profile->chat_layouts.empty());
}

TEST(ConformanceTest, APluginsChatLayoutIsCheckedAndPasses) {
  const ConformanceReport r =
      check_conformance(KEFU_TEST_FIXTURE_DIR + std::string("/chat_layouts/libkefu_fixture_chat_layouts.so"));
  EXPECT_TRUE(r.ok()) << (r.failures.empty() ? "" : r.failures[0]);
  LoadResult loaded = load_plugin(KEFU_TEST_FIXTURE_DIR + std::string("/chat_layouts/libkefu_fixture_chat_layouts.so"));
  ASSERT_TRUE(loaded.plugin);
  ASSERT_TRUE(loaded.plugin->valid_profile().has_value());
  ASSERT_EQ(loaded.plugin->valid_profile()->chat_layouts.size(), 1u);
  EXPECT_EQ(loaded.plugin->valid_profile()->chat_layouts[0].id, "chatfix-export");
}

TEST(ConformanceTest, EveryMetricOfTheFourRealPluginsCarriesAComputation) {
  for (const char* id : {"tmall", "jd", "douyin", "kuaishou", "pinduoduo"}) {
    LoadResult loaded = load_plugin(test::plugin_file(id));
    ASSERT_TRUE(loaded.plugin) << id;
    const auto& profile = loaded.plugin->valid_profile();
    ASSERT_TRUE(profile.has_value()) << id;
    for (const NativeMetric& m : profile->metrics) {
      EXPECT_TRUE(m.computation.has_value()) << id << " " << m.native_name;
      EXPECT_NO_THROW(definition_of(id, m)) << id << " " << m.native_name;
    }
  }
}

}  // namespace
}  // namespace kefu::host
