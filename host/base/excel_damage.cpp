#include "base/excel_damage.h"

#include <cctype>

namespace kefu::host::excel {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool scientific_notation(std::string_view v) {
  std::size_t i = 0;
  if (i >= v.size() || !digit(v[i])) return false;
  ++i;
  if (i < v.size() && v[i] == '.') {
    ++i;
    const std::size_t from = i;
    while (i < v.size() && digit(v[i])) ++i;
    if (i == from) return false;
  }
  if (i >= v.size() || (v[i] != 'E' && v[i] != 'e')) return false;
  ++i;
  if (i >= v.size() || v[i] != '+') return false;
  ++i;
  const std::size_t from = i;
  while (i < v.size() && digit(v[i])) ++i;
  return i > from && i == v.size();
}

bool serial_date(std::string_view v) {
  std::size_t i = 0;
  long whole = 0;
  while (i < v.size() && digit(v[i]) && i < 6) whole = whole * 10 + (v[i++] - '0');
  if (i != 5) return false;  // serials of 2000-2099 have five digits
  if (i < v.size()) {
    if (v[i] != '.') return false;
    ++i;
    const std::size_t from = i;
    while (i < v.size() && digit(v[i])) ++i;
    if (i == from || i != v.size()) return false;
  }
  return whole >= 36526 && whole <= 73050;
}

}  // namespace kefu::host::excel
