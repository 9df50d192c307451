// metrics.json's `computation` (SDK 1.5): one case per refusal, each naming the JSON path.
#include "model/validate.h"

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
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string valid_text() { return slurp(test::data_file("metrics/computation-valid.json")); }
NativeMetric valid() { return json::read<NativeMetric>(valid_text(), "computation-valid.json"); }

// The problems of a profile holding just `m`.
std::vector<std::string> problems(const NativeMetric& m) { return validate_metric_profile({{m}}); }

// The text with `from` replaced by `to` once, read as a metric: how a bad enum name is tried.
std::string read_error(const std::string& from, const std::string& to) {
  std::string text = valid_text();
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  try {
    json::read<NativeMetric>(text, "metrics.json");
  } catch (const json::ParseError& e) {
    return e.what();
  }
  return "";
}

constexpr const char* kWhere = "metrics[0] 测试3分钟回复率: computation.";

TEST(ValidateComputationTest, AValidComputationHasNoProblems) { EXPECT_THAT(problems(valid()), IsEmpty()); }

TEST(ValidateComputationTest, AMetricWithoutComputationIsValidAsBeforeSdk15) {
  NativeMetric m = valid();
  m.computation.reset();
  EXPECT_THAT(problems(m), IsEmpty());
}

TEST(ValidateComputationTest, AMetricsFileWrittenForSdk14StillReadsAndValidates) {
  const auto file = json::read<MetricsFile>(slurp(test::data_file("metrics/metrics-sdk-1.4.json")), "sdk-1.4");
  ASSERT_EQ(file.metrics.size(), 1u);
  EXPECT_FALSE(file.metrics[0].computation.has_value());
  EXPECT_THAT(validate_metric_profile(file.profile()), IsEmpty());
}

TEST(ValidateComputationTest, AllDayAndNoLineAreValidKnownValues) {
  NativeMetric m = valid();
  m.computation->assessed_hours.value = HoursWindow{.all_day = true};
  m.computation->line.value = MetricLine{.none = true};
  EXPECT_THAT(problems(m), IsEmpty());
}

TEST(ValidateComputationTest, AWindowMayEndAt2400) {
  NativeMetric m = valid();
  m.computation->assessed_hours.value->to = "24:00";
  EXPECT_THAT(problems(m), IsEmpty());
}

TEST(ValidateComputationTest, AnUnknownUnitNameIsRefusedByTheReaderWithItsPath) {
  EXPECT_THAT(read_error("\"turn\"", "\"round\""),
              HasSubstr("metrics.json: $.computation.unit.value: expected one of turn | session | segment | message | "
                        "customer_day, found \"round\""));
}

TEST(ValidateComputationTest, AnUnknownAppliesToNameIsRefusedByTheReaderWithItsPath) {
  EXPECT_THAT(read_error("\"turn_start\"", "\"start\""),
              HasSubstr("$.computation.assessed_hours.value.applies_to: expected one of turn_start | session_start | "
                        "message, found \"start\""));
}

TEST(ValidateComputationTest, AnUnknownBotRuleIsRefusedByTheReaderWithItsPath) {
  EXPECT_THAT(read_error("\"none\"", "\"human\""),
              HasSubstr("$.computation.bot_replies.value: expected one of none | all | assist_only, found \"human\""));
}

TEST(ValidateComputationTest, ALineOpOtherThanTheFourComparatorsIsRefusedWithItsPath) {
  EXPECT_THAT(read_error("\">=\"", "\"=>\""),
              HasSubstr("$.computation.line.value.op: expected one of >= | > | <= | <, found \"=>\""));
}

TEST(ValidateComputationTest, AFromThatIsNotHhMmIsRefused) {
  NativeMetric m = valid();
  m.computation->assessed_hours.value->from = "9:00";
  EXPECT_THAT(problems(m), ElementsAre(std::string(kWhere) +
                                       "assessed_hours.value.from: \"9:00\": expected HH:MM, 00:00-23:59 (+08:00)"));
}

TEST(ValidateComputationTest, AToThatIsNotHhMmIsRefused) {
  NativeMetric m = valid();
  m.computation->assessed_hours.value->to = "24:30";
  EXPECT_THAT(problems(m), ElementsAre(std::string(kWhere) +
                                       "assessed_hours.value.to: \"24:30\": expected HH:MM, 00:01-24:00 (+08:00)"));
}

TEST(ValidateComputationTest, AWindowWhoseFromIsNotBeforeItsToIsRefused) {
  NativeMetric m = valid();
  m.computation->assessed_hours.value->from = "23:00";
  m.computation->assessed_hours.value->to = "09:00";
  EXPECT_THAT(problems(m), ElementsAre(std::string(kWhere) +
                                       "assessed_hours.value: from 23:00 is not before to 09:00: a window that "
                                       "crosses midnight is not supported; 24:00 ends the day"));
}

TEST(ValidateComputationTest, AWindowWithoutAppliesToIsRefused) {
  NativeMetric m = valid();
  m.computation->assessed_hours.value->applies_to.reset();
  EXPECT_THAT(problems(m),
              ElementsAre(std::string(kWhere) +
                          "assessed_hours.value.applies_to: is missing: turn_start | session_start | message"));
}

TEST(ValidateComputationTest, AllDayWithAWindowIsRefused) {
  NativeMetric m = valid();
  m.computation->assessed_hours.value->all_day = true;
  EXPECT_THAT(problems(m), ElementsAre(std::string(kWhere) +
                                       "assessed_hours.value: all_day with from, to or applies_to: give all_day "
                                       "alone, or the window"));
}

TEST(ValidateComputationTest, ANegativeThresholdIsRefused) {
  NativeMetric m = valid();
  m.computation->threshold_s.value = -1;
  EXPECT_THAT(problems(m),
              ElementsAre(std::string(kWhere) + "threshold_s.value: must be 0 (no threshold) or more seconds"));
}

TEST(ValidateComputationTest, APeriodBelowOneDayIsRefused) {
  NativeMetric m = valid();
  m.computation->period_days.value = 0;
  EXPECT_THAT(problems(m), ElementsAre(std::string(kWhere) +
                                       "period_days.value: must be 1 (each day alone) or more (rolling days)"));
}

TEST(ValidateComputationTest, ANegativeMinimumSampleIsRefused) {
  NativeMetric m = valid();
  m.computation->min_sample.value = -5;
  EXPECT_THAT(problems(m), ElementsAre(std::string(kWhere) + "min_sample.value: must be 0 (no minimum) or more"));
}

TEST(ValidateComputationTest, AParameterWithNeitherValueNorUnknownReasonIsRefused) {
  NativeMetric m = valid();
  m.computation->closings = {};
  EXPECT_THAT(problems(m), ElementsAre(std::string(kWhere) +
                                       "closings: has neither a value nor an \"unknown\" reason: write {\"value\": "
                                       "..., \"source\": \"metric\"} or {\"unknown\": \"why it is not known\"}"));
}

TEST(ValidateComputationTest, AComputationMissingAParameterKeyIsRefused) {
  std::string text = valid_text();
  text.erase(text.find("  \"closings\""),
             std::string("  \"closings\": {\"unknown\": \"no test source says\"},\n").size());
  EXPECT_THAT(problems(json::read<NativeMetric>(text, "metrics.json")),
              ElementsAre(HasSubstr("computation.closings: has neither a value nor an \"unknown\" reason")));
}

TEST(ValidateComputationTest, AParameterBothKnownAndUnknownIsRefused) {
  NativeMetric m = valid();
  m.computation->unit.unknown = "not sure";
  EXPECT_THAT(problems(m),
              ElementsAre(std::string(kWhere) + "unit: gives both a value and \"unknown\": keep the one that is true"));
}

TEST(ValidateComputationTest, AKnownValueWithoutSourceIsRefused) {
  NativeMetric m = valid();
  m.computation->threshold_s.source.clear();
  EXPECT_THAT(problems(m), ElementsAre(std::string(kWhere) +
                                       "threshold_s.source: is empty: a known value names its source (\"metric\" or "
                                       "a name in computation.sources)"));
}

TEST(ValidateComputationTest, ASourceNameThatDoesNotResolveIsRefused) {
  NativeMetric m = valid();
  m.computation->bot_replies.source = "rulez";
  EXPECT_THAT(problems(m), ElementsAre(std::string(kWhere) +
                                       "bot_replies.source: \"rulez\" resolves to nothing: expected \"metric\" or the "
                                       "name of one of computation.sources (rules)"));
}

TEST(ValidateComputationTest, NamedSourcesNeedAUniqueNameOtherThanMetricAndAValidSource) {
  NativeMetric m = valid();
  NamedSource reserved = m.computation->sources[0];
  reserved.name = "metric";
  NamedSource twice = m.computation->sources[0];
  twice.source.seen = "recently";
  m.computation->sources.push_back(reserved);
  m.computation->sources.push_back(twice);
  EXPECT_THAT(
      problems(m),
      ElementsAre(std::string(kWhere) +
                      "sources[1].name: \"metric\" is reserved for the metric's own source; choose another name",
                  std::string(kWhere) + "sources[2].name: \"rules\" is used twice",
                  std::string(kWhere) + "sources[2].seen \"recently\": expected the date it was read, YYYY-MM-DD"));
}

TEST(ValidateComputationTest, ALineWithoutOpIsRefused) {
  NativeMetric m = valid();
  m.computation->line.value->op.reset();
  EXPECT_THAT(problems(m), ElementsAre(std::string(kWhere) +
                                       "line.value.op: is missing: one of >= > <= <, or {\"none\": true} when the "
                                       "platform states no line"));
}

TEST(ValidateComputationTest, NoLineWithAnOpIsRefused) {
  NativeMetric m = valid();
  m.computation->line.value->none = true;
  EXPECT_THAT(problems(m), ElementsAre(std::string(kWhere) +
                                       "line.value: none with op, value or penalty: give none alone, or the line"));
}

TEST(ValidateComputationTest, ARatioLineWrittenAsAPercentageIsRefused) {
  NativeMetric m = valid();
  m.computation->line.value->value = 90;
  EXPECT_THAT(problems(m), ElementsAre(std::string(kWhere) +
                                       "line.value.value: 90.000000: this metric is a ratio, so the line is 0..1 "
                                       "(90% is 0.9)"));
}

TEST(ValidateComputationTest, AnInvalidValueFormatIsRefused) {
  NativeMetric m = valid();
  m.value_format = "percentage";
  EXPECT_THAT(problems(m), ElementsAre("metrics[0] 测试3分钟回复率: value_format \"percentage\": expected one of "
                                       "percent, ratio, seconds, minutes, count, amount"));
}

TEST(ValidateComputationTest, ExportColumnsWithoutValueFormatAreRefused) {
  NativeMetric m = valid();
  m.value_format.clear();
  EXPECT_THAT(problems(m), ElementsAre(HasSubstr("export_columns without value_format")));
}

}  // namespace
}  // namespace kefu::host
