#include "report/period.h"

#include "base/calendar.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host::report {
namespace {

using ::testing::HasSubstr;

TEST(Period, IsoWeeksRunMondayToSunday) {
  const Period w = iso_week("2026-W47");
  EXPECT_EQ(w.from(), "2026-11-16");
  EXPECT_EQ(w.to(), "2026-11-22");
  EXPECT_EQ(w.label, "2026-W47");
  EXPECT_EQ(iso_week("2026-W01").from(), "2025-12-29");  // week 1 holds the year's first Thursday
  EXPECT_EQ(iso_week("2020-W53").to(), "2021-01-03");
  EXPECT_EQ(iso_week("2027-W01").from(), "2027-01-04");
}

TEST(Period, WeekOfADayUsesTheIsoYear) {
  EXPECT_EQ(week_of(*calendar::parse_day("2026-11-23")).label, "2026-W48");
  EXPECT_EQ(week_of(*calendar::parse_day("2021-01-01")).label, "2020-W53");
  EXPECT_EQ(week_of(*calendar::parse_day("2025-12-31")).label, "2026-W01");
}

TEST(Period, PreviousPeriods) {
  EXPECT_EQ(previous(iso_week("2026-W01")).label, "2025-W52");
  EXPECT_EQ(previous(iso_week("2021-W01")).label, "2020-W53");
  const Period feb = previous(month("2024-03"));
  EXPECT_EQ(feb.label, "2024-02");
  EXPECT_EQ(feb.to(), "2024-02-29");
  EXPECT_EQ(previous(month("2026-01")).label, "2025-12");
  const Period before = previous(day_range("2026-11-11", "2026-11-20"));  // ten days
  EXPECT_EQ(before.from(), "2026-11-01");
  EXPECT_EQ(before.to(), "2026-11-10");
}

TEST(Period, BadInputSaysWhatWasExpected) {
  EXPECT_THAT([] { iso_week("2026-47"); },
              ::testing::ThrowsMessage<std::invalid_argument>(HasSubstr("expected an ISO week such as 2026-W47")));
  EXPECT_THAT([] { iso_week("2026-W54"); },
              ::testing::ThrowsMessage<std::invalid_argument>(HasSubstr("2026 has weeks 01 to 53")));
  EXPECT_THAT([] { iso_week("2025-W53"); },
              ::testing::ThrowsMessage<std::invalid_argument>(HasSubstr("2025 has weeks 01 to 52")));
  EXPECT_THROW(iso_week("2026-W00"), std::invalid_argument);
  EXPECT_THAT([] { month("2026-13"); },
              ::testing::ThrowsMessage<std::invalid_argument>(HasSubstr("the month is 01 to 12")));
  EXPECT_THAT([] { day_range("2026-02-30", "2026-03-01"); },
              ::testing::ThrowsMessage<std::invalid_argument>(HasSubstr("--from \"2026-02-30\": expected a date")));
  EXPECT_THAT([] { day_range("2026-03-02", "2026-03-01"); },
              ::testing::ThrowsMessage<std::invalid_argument>(HasSubstr("is before")));
}

}  // namespace
}  // namespace kefu::host::report
