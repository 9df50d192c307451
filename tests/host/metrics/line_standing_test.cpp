// Where a rate stands against a platform's line: margin, good units still needed, misses affordable.
#include "metrics/line_standing.h"

#include <gtest/gtest.h>

namespace kefu::host::metrics {
namespace {

TEST(LineStanding, NineOfTenMeetsANinetyPercentLineExactlyAndAffordsNoMiss) {
  const auto s = standing({Comparator::ge, 0.9, ""}, 9, 10);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->meets);
  EXPECT_EQ(*s->can_afford, 0);
  EXPECT_NEAR(s->margin, 0.0, 1e-12);
}

TEST(LineStanding, BelowTheLineItCountsTheGoodUnitsStillNeeded) {
  // 80 of 100 against 90 %: (80 + k) / (100 + k) >= 0.9 needs k = 100.
  const auto s = standing({Comparator::ge, 0.9, ""}, 80, 100);
  EXPECT_FALSE(s->meets);
  EXPECT_EQ(*s->to_meet, 100);
}

TEST(LineStanding, AboveTheLineItCountsTheMissesStillAffordable) {
  // 95 of 100 against 90 %: 95 / (100 + k) >= 0.9 up to k = 5.
  const auto s = standing({Comparator::ge, 0.9, ""}, 95, 100);
  EXPECT_TRUE(s->meets);
  EXPECT_EQ(*s->can_afford, 5);
}

TEST(LineStanding, AHundredPercentLineAfterAMissCanNeverBeMet) {
  const auto s = standing({Comparator::ge, 1.0, ""}, 9, 10);
  EXPECT_FALSE(s->meets);
  EXPECT_FALSE(s->to_meet.has_value());
}

TEST(LineStanding, ALineOnWhatShouldStayRareCountsTheOtherWay) {
  // 留言率 <= 5 %: 3 of 100 may take 2 more (5 / 102 = 4.9 %, 6 / 103 = 5.8 %).
  auto s = standing({Comparator::le, 0.05, ""}, 3, 100);
  EXPECT_TRUE(s->meets);
  EXPECT_EQ(*s->can_afford, 2);
  // 10 of 100: 10 / (100 + k) <= 0.05 needs k = 100 units without one.
  s = standing({Comparator::le, 0.05, ""}, 10, 100);
  EXPECT_FALSE(s->meets);
  EXPECT_EQ(*s->to_meet, 100);
}

TEST(LineStanding, NoUnitsNoStanding) { EXPECT_FALSE(standing({Comparator::ge, 0.9, ""}, 0, 0)); }

}  // namespace
}  // namespace kefu::host::metrics
