// Definitions built by hand for tests: a parameter known with a value, and a definition with
// every parameter known (turns, all day, no bots, transfers carried, closings ignored, one day,
// no minimum sample, no line) that a test then changes one parameter of.
#pragma once

#include "model/definition.h"

#include <cstdint>
#include <optional>
#include <string>

namespace kefu::test {

template <class T>
host::Param<T> known(T v) {
  host::Param<T> p;
  p.value = std::move(v);
  return p;
}

inline host::Definition complete_definition(const std::string& measure, host::CountUnit unit = host::CountUnit::turn,
                                            std::int64_t threshold_ms = 0) {
  host::Definition d;
  d.id = "test/" + measure;
  d.measure = measure;
  d.unit = known(unit);
  d.hours = known(std::optional<host::AssessedHours>());
  d.bots = known(host::BotReplies::none);
  d.transfers = known(host::Transfers::carry);
  d.closings = known(host::Closings::ignore);
  d.threshold_ms = known(threshold_ms);
  d.period_days = known(1);
  d.min_sample = known(std::int64_t{0});
  d.line = known(std::optional<host::Line>());
  return d;
}

}  // namespace kefu::test
