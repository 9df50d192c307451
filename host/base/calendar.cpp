#include "base/calendar.h"

#include <kefu/toolkit/dates.hpp>

#include <chrono>
#include <cstdio>

namespace kefu::host::calendar {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    const unsigned d = static_cast<unsigned char>(s[i]) - '0';
    if (d > 9) return false;
    v = v * 10 + static_cast<int>(d);
  }
  out = v;
  return true;
}

std::optional<std::int64_t> parse_epoch_ms(std::string_view ts) {
  if (ts.size() > 15) return std::nullopt;  // beyond year 33658: not a chat log
  std::int64_t v = 0;
  for (char c : ts) v = v * 10 + (c - '0');
  return v;
}

// The offset at ts[at...]: Z, ±HH:MM, ±HHMM; it must end the text.
std::optional<std::int64_t> parse_offset_ms(std::string_view ts, std::size_t at) {
  if (at >= ts.size()) return std::nullopt;
  if (ts[at] == 'Z' || ts[at] == 'z') return at + 1 == ts.size() ? std::optional<std::int64_t>(0) : std::nullopt;
  if (ts[at] != '+' && ts[at] != '-') return std::nullopt;
  int hh, mm;
  const std::size_t rest = ts.size() - at - 1;
  if (!digits(ts, at + 1, 2, hh)) return std::nullopt;
  if (rest == 5 && ts[at + 3] == ':' && digits(ts, at + 4, 2, mm)) {
  } else if (rest == 4 && digits(ts, at + 3, 2, mm)) {
  } else {
    return std::nullopt;
  }
  if (hh > 23 || mm > 59) return std::nullopt;
  const std::int64_t ms = (hh * 60 + mm) * 60'000LL;
  return ts[at] == '-' ? -ms : ms;
}

}  // namespace

int days_in_month(int y, int m) { return dates::days_in_month(y, m); }

std::optional<std::int32_t> parse_day(std::string_view s) { return dates::parse_day(s); }

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) { return dates::days_from_civil(y, m, d); }

namespace {

// ts without its epoch form; `naive_offset_ms` nullopt: an offset is required.
std::optional<std::int64_t> parse_date_time(std::string_view ts, std::optional<std::int64_t> naive_offset_ms,
                                            bool& naive) {
  // YYYY-MM-DD[T ]HH:MM:SS[.fff][offset], or YYYY/MM/DD ... (how Excel and back-ends write it)
  int year, month, day, hour, minute, second;
  const char sep = ts.size() > 4 ? ts[4] : '\0';
  if (!digits(ts, 0, 4, year) || ts.size() < 19 || (sep != '-' && sep != '/') || !digits(ts, 5, 2, month) ||
      ts[7] != sep || !digits(ts, 8, 2, day) || (ts[10] != 'T' && ts[10] != 't' && ts[10] != ' ') ||
      !digits(ts, 11, 2, hour) || ts[13] != ':' || !digits(ts, 14, 2, minute) || ts[16] != ':' ||
      !digits(ts, 17, 2, second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 59)
    return std::nullopt;
  std::size_t at = 19;
  int millis = 0;
  if (at < ts.size() && (ts[at] == '.' || ts[at] == ',')) {
    std::size_t n = 0;
    for (++at; at < ts.size() && ts[at] >= '0' && ts[at] <= '9'; ++at, ++n)
      if (n < 3) millis = millis * 10 + (ts[at] - '0');
    if (n == 0 || n > 9) return std::nullopt;
    for (; n < 3; ++n) millis *= 10;
  }
  std::optional<std::int64_t> offset;
  naive = at == ts.size();
  if (naive)
    offset = naive_offset_ms;
  else
    offset = parse_offset_ms(ts, at);
  if (!offset) return std::nullopt;
  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return days * kMsPerDay + ((hour * 60LL + minute) * 60 + second) * 1000 + millis - *offset;
}

bool all_digits(std::string_view ts) {
  for (char c : ts)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::optional<std::int64_t> parse_timestamp(std::string_view ts) {
  if (ts.empty()) return std::nullopt;
  if (all_digits(ts)) return parse_epoch_ms(ts);
  bool naive = false;
  return parse_date_time(ts, std::nullopt, naive);
}

std::optional<std::int64_t> parse_timestamp(std::string_view ts, std::int64_t naive_offset_ms, bool& naive) {
  naive = false;
  if (ts.empty()) return std::nullopt;
  if (all_digits(ts)) return parse_epoch_ms(ts);
  return parse_date_time(ts, naive_offset_ms, naive);
}

std::optional<std::int64_t> parse_epoch_seconds(std::string_view ts) {
  if (ts.empty() || ts.size() > 12 || !all_digits(ts)) return std::nullopt;
  return *parse_epoch_ms(ts) * 1000;
}

std::optional<std::int64_t> parse_utc_offset(std::string_view text) {
  if (text == "Z") return 0;
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  return parse_offset_ms(text, 0);
}

std::string format_utc_offset(std::int64_t offset_ms) {
  const std::int64_t minutes = (offset_ms < 0 ? -offset_ms : offset_ms) / 60'000;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_ms < 0 ? '-' : '+', static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return buf;
}

std::int32_t china_day(std::int64_t epoch_ms) {
  const std::int64_t local = epoch_ms + kChinaOffsetMs;
  return static_cast<std::int32_t>(local >= 0 ? local / kMsPerDay : (local - kMsPerDay + 1) / kMsPerDay);
}

std::string format_day(Day days) { return dates::format_day(days); }

Day today() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return china_day(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

std::string today_in_china() { return format_day(today()); }

std::string china_time(std::int64_t ms) {
  const std::int64_t local = ms / 1000 - (ms % 1000 < 0) + 8 * 3600;
  const std::int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  const std::int64_t sec = local - day * 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", static_cast<int>(sec / 3600), static_cast<int>(sec / 60 % 60),
                static_cast<int>(sec % 60));
  return format_day(static_cast<Day>(day)) + buf;
}

}  // namespace kefu::host::calendar
