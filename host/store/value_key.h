// What both backends share of writing a batch's values: a value's key in figure_values
// (schema 5) and the one rule for a key met twice in a batch. Internal to host/store.
#pragma once

#include "base/calendar.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kefu::host::store {

// A value's key in figure_values: the primary key's order.
struct ValueKey {
  std::int64_t shop = 0, agent = 0, figure = 0;
  std::int32_t day = 0;
  auto operator<=>(const ValueKey&) const = default;
};

// A value's day as the store keeps it: its number (days since 1970-01-01).
inline std::int32_t day_number(const std::string& day) {
  const auto d = calendar::parse_day(day);
  if (!d) throw std::runtime_error("a value's day \"" + day + "\" is not a date (YYYY-MM-DD); nothing was stored");
  return *d;
}

// The batch's values (key, index in the batch) in the primary key's order, so that a B-tree is
// appended to rather than written all over; `keep(key, index)` for each key once, with the
// batch's last value under it (the sort is stable); the others are superseded, and counted.
// `after_each(n)` runs after each of them (tests), inside the caller's transaction.
template <class Keep>
std::int64_t in_key_order(std::vector<std::pair<ValueKey, std::size_t>>& order, Keep keep,
                          const std::function<void(std::size_t)>& after_each) {
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::int64_t superseded = 0;
  for (std::size_t n = 0; n < order.size(); ++n) {
    if (n + 1 < order.size() && order[n + 1].first == order[n].first)
      ++superseded;
    else
      keep(order[n].first, order[n].second);
    if (after_each) after_each(n + 1);
  }
  return superseded;
}

}  // namespace kefu::host::store
