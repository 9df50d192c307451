// Values a spreadsheet damaged on the way through: a CSV opened in Excel and saved again writes
// long numeric ids as shown (`1.23457E+17`: the digits are gone, so different sessions merge)
// and dates as serial numbers (`46342.4375`). Such a file is refused whole, naming the column and
// the fix, because reading it would lose data silently (docs/data-in.md "Excel damage").
#pragma once

#include <string_view>

namespace kefu::host::excel {

// "1.23457E+17", "1E+18", "6.02e+17": a number in scientific notation, as Excel shows an id of
// more than 11 digits in a General cell. No id a platform issues looks like this.
bool scientific_notation(std::string_view value);

// "46342" or "46342.4375": a date or time Excel turned into its serial number (days since
// 1899-12-30; 36526..73050 is 2000-2099).
bool serial_date(std::string_view value);

}  // namespace kefu::host::excel
