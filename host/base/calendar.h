// The one calendar of the host: instants of the canonical chat log (`ts`), the +08:00 (China
// Standard Time) calendar days metrics are kept by, and YYYY-MM-DD text. A day is a number
// (days since 1970-01-01), so periods are plain arithmetic; the date algorithms themselves are
// the SDK's (kefu/toolkit/dates.hpp), shared with plugins, so host and plugins never disagree on a date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::host::calendar {

// A calendar day as days since 1970-01-01 (proleptic Gregorian).
using Day = std::int32_t;

// Epoch milliseconds of `ts`: ISO-8601 date-time with an explicit offset (`+08:00`, `Z`,
// `-05:00`, also `+0800`), `T` or a space between date and time, optional fraction (digits past
// milliseconds are truncated); or all digits = epoch milliseconds. nullopt for anything else,
// including a date-time without an offset (its instant would be a guess).
std::optional<std::int64_t> parse_timestamp(std::string_view ts);

// The chat logs' rule (docs/chat-log.md "ts", docs/data-in.md "Times without a time zone"): the
// same, and also `YYYY/MM/DD` dates, and a date-time without an offset is read at
// `naive_offset_ms` (the shop's time zone: +08:00 unless configured); `naive` says it was.
std::optional<std::int64_t> parse_timestamp(std::string_view ts, std::int64_t naive_offset_ms, bool& naive);
// Epoch seconds, all digits (at most 12); nullopt otherwise.
std::optional<std::int64_t> parse_epoch_seconds(std::string_view ts);

// China Standard Time, the offset every platform here reports in.
inline constexpr std::int64_t kChinaOffsetMs = 8 * 3'600'000;
// "+08:00", "-05:00" or "Z" as milliseconds east of UTC; nullopt otherwise.
std::optional<std::int64_t> parse_utc_offset(std::string_view text);
std::string format_utc_offset(std::int64_t offset_ms);  // "+08:00"

// The instants a chat log may hold: from 2000-01-01T00:00:00Z (inclusive) to
// 2100-01-01T00:00:00Z (exclusive). A row outside is a reject: a year-9999 reply would otherwise
// make a response time of millennia, and sums of them overflow. See docs/fuzzing.md.
inline constexpr std::int64_t kMinTimestampMs = 946'684'800'000;    // 2000-01-01T00:00:00Z
inline constexpr std::int64_t kMaxTimestampMs = 4'102'444'800'000;  // 2100-01-01T00:00:00Z
inline constexpr bool timestamp_in_range(std::int64_t epoch_ms) {
  return epoch_ms >= kMinTimestampMs && epoch_ms < kMaxTimestampMs;
}

// Days since 1970-01-01 of a proleptic Gregorian date (valid or not; callers check ranges).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

// The China Standard Time (+08:00) calendar day of an instant.
Day china_day(std::int64_t epoch_ms);

// Today in China, the day platform back-ends and rule dates are written in.
Day today();
std::string today_in_china();  // YYYY-MM-DD

std::string format_day(Day day);  // YYYY-MM-DD
// An instant as China time, "YYYY-MM-DD HH:MM:SS" (no offset written: callers add "+08:00"
// where a machine reads it).
std::string china_time(std::int64_t epoch_ms);

// The day of a real calendar date written YYYY-MM-DD; nullopt otherwise (2026-02-30 included).
std::optional<Day> parse_day(std::string_view day);
inline bool is_iso_date(std::string_view text) { return parse_day(text).has_value(); }

// Days in `month` (1-12) of `year`, leap years counted.
int days_in_month(int year, int month);

}  // namespace kefu::host::calendar
