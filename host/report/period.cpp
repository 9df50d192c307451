#include "report/period.h"

#include "base/calendar.h"

#include <cstdio>
#include <stdexcept>

namespace kefu::host::report {
namespace {

using calendar::days_from_civil;
using calendar::format_day;

// 1970-01-01 was a Thursday: Monday = 0 ... Sunday = 6.
int weekday(std::int32_t day) { return static_cast<int>(((day + 3) % 7 + 7) % 7); }

std::int32_t monday_of_week1(int year) {
  const auto jan4 = static_cast<std::int32_t>(days_from_civil(year, 1, 4));  // always in week 1
  return jan4 - weekday(jan4);
}

// ISO year and week of a day: the week belongs to the year of its Thursday.
std::pair<int, int> iso_year_week(std::int32_t day) {
  const std::int32_t thursday = day - weekday(day) + 3;
  const int year = std::stoi(calendar::format_day(thursday).substr(0, 4));
  return {year, (thursday - monday_of_week1(year)) / 7 + 1};
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

std::string week_label(int year, int week) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", year, week);
  return buf;
}

Period month_period(int year, int m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, m);
  const auto first = static_cast<std::int32_t>(days_from_civil(year, static_cast<unsigned>(m), 1));
  return {Period::Kind::month, buf, first, first + calendar::days_in_month(year, m) - 1};
}

}  // namespace

std::string Period::from() const { return calendar::format_day(first); }
std::string Period::to() const { return calendar::format_day(last); }

Period week_of(std::int32_t day) {
  const auto [year, week] = iso_year_week(day);
  const std::int32_t monday = day - weekday(day);
  return {Period::Kind::week, week_label(year, week), monday, monday + 6};
}

Period iso_week(std::string_view text) {
  const std::string bad = "week \"" + std::string(text) + "\": expected an ISO week such as 2026-W47";
  if (text.size() != 8 || text[4] != '-' || (text[5] != 'W' && text[5] != 'w') || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(6)))
    throw std::invalid_argument(bad);
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const int week = std::stoi(std::string(text.substr(6)));
  const std::int32_t monday = monday_of_week1(year) + (week - 1) * 7;
  if (week < 1 || iso_year_week(monday).first != year)
    throw std::invalid_argument("week \"" + std::string(text) + "\": " + std::to_string(year) + " has weeks 01 to " +
                                std::to_string(iso_year_week(monday_of_week1(year + 1) - 1).second));
  return week_of(monday);
}

Period month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-' || !all_digits(text.substr(0, 4)) || !all_digits(text.substr(5)))
    throw std::invalid_argument("month \"" + std::string(text) + "\": expected YYYY-MM, e.g. 2026-11");
  const int m = std::stoi(std::string(text.substr(5)));
  if (m < 1 || m > 12) throw std::invalid_argument("month \"" + std::string(text) + "\": the month is 01 to 12");
  return month_period(std::stoi(std::string(text.substr(0, 4))), m);
}

Period day_range(std::string_view from, std::string_view to) {
  const auto a = calendar::parse_day(from), b = calendar::parse_day(to);
  if (!a) throw std::invalid_argument("--from \"" + std::string(from) + "\": expected a date, YYYY-MM-DD");
  if (!b) throw std::invalid_argument("--to \"" + std::string(to) + "\": expected a date, YYYY-MM-DD");
  if (*b < *a) throw std::invalid_argument("--to " + std::string(to) + " is before --from " + std::string(from));
  return {Period::Kind::range, std::string(from) + ".." + std::string(to), *a, *b};
}

Period one_day(std::string_view day) {
  const auto d = calendar::parse_day(day);
  if (!d) throw std::invalid_argument("--day \"" + std::string(day) + "\": expected a date, YYYY-MM-DD");
  return {Period::Kind::range, std::string(day), *d, *d};
}

Period previous(const Period& p) {
  switch (p.kind) {
    case Period::Kind::week:
      return week_of(p.first - 7);
    case Period::Kind::month: {
      const std::string day = calendar::format_day(p.first - 1);
      return month_period(std::stoi(day.substr(0, 4)), std::stoi(day.substr(5, 2)));
    }
    case Period::Kind::range:
      break;
  }
  const std::int32_t last = p.first - 1, first = last - (p.last - p.first);
  return {Period::Kind::range, calendar::format_day(first) + ".." + calendar::format_day(last), first, last};
}

}  // namespace kefu::host::report
