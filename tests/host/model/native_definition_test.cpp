// A native metric's computation as a host::Definition, and the definition's own helpers.
#include "model/native_definition.h"

#include "model/definition_names.h"
#include "test_paths.hpp"

#include <kefu/json.hpp>
#include <kefu/toolkit/native_export.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace kefu::host {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

NativeMetric valid() {
  return json::read<NativeMetric>(slurp(test::data_file("metrics/computation-valid.json")), "computation-valid.json");
}

TEST(NativeDefinitionTest, TheIdIsPlatformSlashNativeNameAndTheMeasureTheCanonicalKey) {
  const Definition d = definition_of("tmall", valid());
  EXPECT_EQ(d.id, "tmall/测试3分钟回复率");
  EXPECT_EQ(d.measure, "within_3min_rate");
}

TEST(NativeDefinitionTest, KnownParametersConvertToTheHostsUnits) {
  const Definition d = definition_of("tmall", valid());
  EXPECT_EQ(d.unit.value, CountUnit::turn);
  ASSERT_TRUE(d.hours.known() && d.hours.value->has_value());
  EXPECT_EQ((*d.hours.value)->from_min, 9 * 60);
  EXPECT_EQ((*d.hours.value)->to_min, 23 * 60);
  EXPECT_EQ((*d.hours.value)->applies_to, HoursApplyTo::turn_start);
  EXPECT_EQ(d.bots.value, BotReplies::none);
  EXPECT_EQ(d.threshold_ms.value, 180000);
  EXPECT_EQ(d.period_days.value, 30);
  EXPECT_EQ(d.min_sample.value, 100);
  ASSERT_TRUE(d.line.known() && d.line.value->has_value());
  EXPECT_EQ((*d.line.value)->op, Comparator::ge);
  EXPECT_DOUBLE_EQ((*d.line.value)->value, 0.9);
  EXPECT_EQ((*d.line.value)->penalty, "测试扣分");
}

TEST(NativeDefinitionTest, UnknownParametersKeepTheirReasonAndAreListedInOrder) {
  const Definition d = definition_of("tmall", valid());
  EXPECT_FALSE(d.transfers.known());
  EXPECT_EQ(d.transfers.unknown_reason, "no test source says");
  EXPECT_THAT(d.unknown_parameters(), ElementsAre("transfers", "closings"));
}

TEST(NativeDefinitionTest, MetricAndNamedSourcesResolveToTheirDocuments) {
  const Definition d = definition_of("tmall", valid());
  EXPECT_EQ(d.unit.source.title, "测试来源（不是平台事实）");
  EXPECT_EQ(d.unit.source.url, "https://example.invalid/metric");
  EXPECT_EQ(d.unit.source.confidence, "third_party");
  EXPECT_EQ(d.line.source.title, "测试规则（不是平台事实）");
  EXPECT_EQ(d.line.source.seen, "2026-11-20");
  EXPECT_EQ(d.line.source.confidence, "official");
  EXPECT_EQ(d.transfers.source.url, "https://example.invalid/rules");  // where it was looked for
  EXPECT_EQ(d.closings.source.title, "");
}

TEST(NativeDefinitionTest, AllDayAndNoLineAreKnownValuesDistinctFromUnknown) {
  NativeMetric m = valid();
  m.computation->assessed_hours.value = HoursWindow{.all_day = true};
  m.computation->line.value = MetricLine{.none = true};
  const Definition d = definition_of("tmall", m);
  EXPECT_TRUE(d.hours.known());
  EXPECT_FALSE(d.hours.value->has_value());
  EXPECT_TRUE(d.line.known());
  EXPECT_FALSE(d.line.value->has_value());
}

TEST(NativeDefinitionTest, AMetricFromBeforeSdk15HasEveryParameterUnknownAndSaysWhy) {
  const auto file = json::read<MetricsFile>(slurp(test::data_file("metrics/metrics-sdk-1.4.json")), "sdk-1.4");
  const Definition d = definition_of("kuaishou", file.metrics[0]);
  EXPECT_EQ(d.id, "kuaishou/人工客服3分钟回复率");
  EXPECT_THAT(d.unknown_parameters(), ElementsAre("unit", "assessed_hours", "bot_replies", "transfers", "closings", "threshold_s",
                                                  "period_days", "min_sample"));
  EXPECT_FALSE(d.line.known());
  EXPECT_EQ(d.unit.unknown_reason, kPredatesComputation);
  EXPECT_EQ(d.line.unknown_reason, kPredatesComputation);
}

TEST(NativeDefinitionTest, AFractionalThresholdRoundsToTheMillisecond) {
  NativeMetric m = valid();
  m.computation->threshold_s.value = 0.0005;
  EXPECT_EQ(definition_of("tmall", m).threshold_ms.value, 1);
}

TEST(NativeDefinitionTest, ASourceThatResolvesToNothingThrowsNamingTheParameter) {
  NativeMetric m = valid();
  m.computation->unit.source = "nowhere";
  EXPECT_THROW(definition_of("tmall", m), std::invalid_argument);
}

TEST(NativeDefinitionTest, HoursAreWrittenAndReadAsHhMmUpTo2400) {
  EXPECT_EQ(hhmm(9 * 60 + 5), "09:05");
  EXPECT_EQ(hhmm(1440), "24:00");
  EXPECT_EQ(minutes_of("24:00"), 1440);
  EXPECT_EQ(minutes_of("23:59"), 23 * 60 + 59);
  EXPECT_EQ(minutes_of("9:00"), -1);
  EXPECT_EQ(minutes_of("24:01"), -1);
  EXPECT_EQ(minutes_of("12:60"), -1);
}

TEST(NativeDefinitionTest, EnumNamesMatchTheJsonNames) {
  EXPECT_EQ(name_of(CountUnit::customer_day), enum_name(CountingUnit::customer_day));
  EXPECT_EQ(name_of(HoursApplyTo::session_start), enum_name(HoursAppliesTo::session_start));
  EXPECT_EQ(name_of(BotReplies::assist_only), enum_name(BotReplyRule::assist_only));
  EXPECT_EQ(name_of(Transfers::carry), enum_name(TransferRule::carry));
  EXPECT_EQ(name_of(Closings::ignore), enum_name(ClosingRule::ignore));
  EXPECT_EQ(name_of(Comparator::le), enum_name(LineOp::le));
}

}  // namespace
}  // namespace kefu::host
