#include "platforms/conformance.h"

#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

TEST(ConformanceTest, TheFourRealPluginsPass) {
  for (const char* id : {"tmall", "jd", "douyin", "kuaishou"}) {
    const ConformanceReport r = check_conformance(test::plugin_file(id));
    EXPECT_TRUE(r.ok()) << id << ": " << (r.failures.empty() ? "" : r.failures[0]);
    EXPECT_EQ(r.info.id, id);
  }
}

TEST(ConformanceTest, CollectsEveryRuntimeProblem) {
  const ConformanceReport r = check_conformance(test::fixture_file("runtime_faults"));
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.failures.size(), 5u);
  EXPECT_THAT(r.failures[0], HasSubstr("rules() failed: rules.json: line 3"));
  EXPECT_THAT(r.failures[1], HasSubstr("words() failed but reported no error"));
  EXPECT_THAT(r.failures[2], HasSubstr("metric_profile(): metrics[0] 回复率: source.title is empty"));
  EXPECT_THAT(r.failures[3], HasSubstr("metric_profile(): metrics[0] 回复率: source.seen"));
  EXPECT_THAT(r.failures[4], HasSubstr("metric_profile(): metrics[0] 回复率: source.url is empty"));
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
