// The period a report covers — an ISO week, a calendar month or a day range — and the period
// it is compared with (the one just before, of the same kind).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kefu::host::report {

struct Period {
  enum class Kind { week, month, range };
  Kind kind = Kind::range;
  std::string label;                 // 2026-W47 | 2026-11 | 2026-11-01..2026-11-10
  std::int32_t first = 0, last = 0;  // days since 1970-01-01, inclusive (China calendar days)

  std::string from() const;
  std::string to() const;
  int days() const { return last - first + 1; }

  template <class S, class V>
  static void fields(S& s, V& v) {
    std::string from = s.from(), to = s.to();
    v("label", s.label);
    v("from", from);
    v("to", to);
  }
};

// Each throws std::invalid_argument saying what was expected.
Period iso_week(std::string_view text);  // 2026-W47: Monday to Sunday
Period month(std::string_view text);     // 2026-11
Period day_range(std::string_view from, std::string_view to);
Period one_day(std::string_view day);  // 2026-11-19: a range of one day, labelled by it

// The ISO week that contains `day`.
Period week_of(std::int32_t day);
// The period just before `p`: the previous week or month, or a range of the same length.
Period previous(const Period& p);

}  // namespace kefu::host::report
