// Builds the period views (report/period_views.h) and each person's unusual days. Every column
// is a report of its own over that period (build_report, compare none), so the views read the
// store only through the Store interface and add figures the way the report does.
#pragma once

#include "report/report.h"

#include <cstdint>

namespace kefu::host::report {

// The weeks of `options.period` (a month): each ISO week that has days in it, clipped to the
// month, then the whole month and the same month last year.
PeriodView month_weeks(const store::Store& store, const config::Config& config, const ReportOptions& options);

// A day (`options.period`, one day) against the same weekday a week before, and against the
// pooled mean of the same weekday over the 4 weeks before (the days 7, 14, 21 and 28 days back).
inline constexpr int kWeekdayMeanWeeks = 4;
PeriodView day_check(const store::Store& store, const config::Config& config, const ReportOptions& options);

// Every roster person who moved platform (an account on one platform ending and one on another
// starting within kMoveGapDays after it): their figures in each of the kRotationWeeks weeks
// before the first day on the new platform and after it, and the 4 weeks pooled on each side.
// `moved_within`: only moves whose first new day falls in it; none: every move.
inline constexpr int kRotationWeeks = 4;
inline constexpr int kMoveGapDays = 7;
std::vector<PeriodView> rotations(const store::Store& store, const config::Config& config, const ReportOptions& options,
                                  const std::optional<Period>& moved_within);

// Each person's own unusual days in `options.period`: the same rule as a shop's (report.h
// kAnomaly*, report/anomaly_rule.h) on the person's daily figures, their accounts joined through
// the roster on each day (an account nobody holds is a person of its own: its agent key).
std::vector<Anomaly> person_anomalies(const store::Store& store, const config::Config& config,
                                      const ReportOptions& options);

}  // namespace kefu::host::report
