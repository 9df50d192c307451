#include "model/definition.h"

#include "model/definition_names.h"

#include <cstdio>

namespace kefu::host {

std::vector<std::string> Definition::unknown_parameters() const {
  // Named as metrics.json's `computation` writes them, so a message can point at the JSON key.
  const std::array<bool, kParameterNames.size()> known_flags = {unit.known(),         hours.known(),
                                                                bots.known(),         transfers.known(),
                                                                closings.known(),     threshold_ms.known(),
                                                                period_days.known(),  min_sample.known()};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < kParameterNames.size(); ++i)
    if (!known_flags[i]) out.emplace_back(kParameterNames[i]);
  return out;
}

std::string line_text(const Definition& d) {
  if (!d.line.known()) return "unknown";
  if (!*d.line.value) return "";
  char value[32];
  std::snprintf(value, sizeof value, "%.6f", (*d.line.value)->value);
  return std::string(name_of((*d.line.value)->op)) + value;
}

std::string_view name_of(CountUnit u) {
  switch (u) {
    case CountUnit::turn:
      return "turn";
    case CountUnit::session:
      return "session";
    case CountUnit::segment:
      return "segment";
    case CountUnit::message:
      return "message";
    case CountUnit::customer_day:
      return "customer_day";
  }
  return "?";
}

std::string_view name_of(HoursApplyTo a) {
  switch (a) {
    case HoursApplyTo::turn_start:
      return "turn_start";
    case HoursApplyTo::session_start:
      return "session_start";
    case HoursApplyTo::message:
      return "message";
  }
  return "?";
}

std::string_view name_of(BotReplies b) {
  switch (b) {
    case BotReplies::none:
      return "none";
    case BotReplies::all:
      return "all";
    case BotReplies::assist_only:
      return "assist_only";
  }
  return "?";
}

std::string_view name_of(Transfers t) { return t == Transfers::carry ? "carry" : "split"; }

std::string_view name_of(Closings c) { return c == Closings::ignore ? "ignore" : "count"; }

std::string_view name_of(Comparator c) {
  switch (c) {
    case Comparator::ge:
      return ">=";
    case Comparator::gt:
      return ">";
    case Comparator::le:
      return "<=";
    case Comparator::lt:
      return "<";
  }
  return "?";
}

std::string hhmm(int minutes) {
  const int h = minutes / 60, m = minutes % 60;
  std::string out;
  out += static_cast<char>('0' + h / 10);
  out += static_cast<char>('0' + h % 10);
  out += ':';
  out += static_cast<char>('0' + m / 10);
  out += static_cast<char>('0' + m % 10);
  return out;
}

int minutes_of(std::string_view s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.size() != 5 || s[2] != ':' || !digit(s[0]) || !digit(s[1]) || !digit(s[3]) || !digit(s[4])) return -1;
  const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

}  // namespace kefu::host
