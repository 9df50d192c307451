// Assumptions fill only the parameters a platform leaves unknown, and say which they filled.
#include "model/assumptions.h"

#include <gtest/gtest.h>
#include <gmock/gmock.h>

namespace kefu::host {
namespace {

using ::testing::ElementsAre;

Definition all_unknown(const std::string& measure) {
  Definition d;
  d.id = "tmall/x";
  d.measure = measure;
  return d;
}

TEST(Assumptions, OneAssignmentFillsItsUnknownParameterAndIsLabelledTheUsers) {
  Definition d = all_unknown("reply_rate");
  EXPECT_THAT(assume(d, {"transfers=split"}), ElementsAre("transfers"));
  EXPECT_EQ(*d.transfers.value, Transfers::split);
  EXPECT_EQ(d.transfers.source.title, kAssumedTitle);
  EXPECT_EQ(d.transfers.source.confidence, "none");
}

TEST(Assumptions, AKnownParameterKeepsThePlatformsValue) {
  Definition d = all_unknown("reply_rate");
  d.transfers.value = Transfers::carry;
  EXPECT_TRUE(assume(d, {"transfers=split"}).empty());
  EXPECT_EQ(*d.transfers.value, Transfers::carry);
}

TEST(Assumptions, Kefu2FillsEveryUnknownAsKefuCountsTheMeasure) {
  Definition d = all_unknown("within_3min_rate");
  d.period_days.value = 30;
  EXPECT_THAT(assume(d, {"kefu/2"}), ElementsAre("unit", "assessed_hours", "bot_replies", "transfers", "closings",
                                                 "threshold_s", "min_sample"));
  EXPECT_EQ(*d.unit.value, CountUnit::turn);
  EXPECT_EQ(*d.threshold_ms.value, 180'000);
  EXPECT_EQ(*d.period_days.value, 30);
}

TEST(Assumptions, HoursAreAWindowWithWhatTheyApplyTo) {
  Definition d = all_unknown("reply_rate");
  assume(d, {"assessed_hours=09:00-23:00@session_start"});
  ASSERT_TRUE(*d.hours.value);
  EXPECT_EQ((*d.hours.value)->from_min, 540);
  EXPECT_EQ((*d.hours.value)->to_min, 1380);
  EXPECT_EQ((*d.hours.value)->applies_to, HoursApplyTo::session_start);
}

TEST(Assumptions, ABadNameOrValueIsRefusedNamingTheAssignment) {
  Definition d = all_unknown("reply_rate");
  EXPECT_THROW(assume(d, {"transfer=carry"}), std::invalid_argument);
  EXPECT_THROW(assume(d, {"transfers=maybe"}), std::invalid_argument);
  EXPECT_THROW(assume(d, {"assessed_hours=9-23"}), std::invalid_argument);
  EXPECT_THROW(assume(d, {"threshold_s=-1"}), std::invalid_argument);
  try {
    assume(d, {"closings=often"});
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("--assume closings=often: the value must be one of ignore | count"));
  }
}

}  // namespace
}  // namespace kefu::host
