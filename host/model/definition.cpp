#include "model/definition.h"

#include "model/definition_names.h"

namespace kefu::host {

std::vector<std::string> Definition::unknown_parameters() const {
  std::vector<std::string> out;
  // Named as metrics.json's `computation` writes them (definition_names.h), so a message can
  // point at the JSON key. The line is not needed to compute the figure, only to place it.
  if (!unit.known()) out.emplace_back("unit");
  if (!hours.known()) out.emplace_back("assessed_hours");
  if (!bots.known()) out.emplace_back("bot_replies");
  if (!transfers.known()) out.emplace_back("transfers");
  if (!closings.known()) out.emplace_back("closings");
  if (!threshold_ms.known()) out.emplace_back("threshold_s");
  if (!period_days.known()) out.emplace_back("period_days");
  if (!min_sample.known()) out.emplace_back("min_sample");
  return out;
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
