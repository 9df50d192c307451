#include "model/assumptions.h"

#include "model/definition_names.h"

#include <charconv>
#include <stdexcept>

namespace kefu::host {
namespace {

template <class E, std::size_t N>
E enum_value(const std::string& text, const E (&values)[N], const std::string& assignment) {
  for (E e : values)
    if (name_of(e) == text) return e;
  std::string allowed;
  for (E e : values) allowed += (allowed.empty() ? "" : " | ") + std::string(name_of(e));
  throw std::invalid_argument("--assume " + assignment + ": the value must be one of " + allowed);
}

template <class T>
T number(const std::string& text, const std::string& assignment) {
  T v{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0)
    throw std::invalid_argument("--assume " + assignment + ": the value must be a number, 0 or more");
  return v;
}

std::optional<AssessedHours> hours(const std::string& text, const std::string& assignment) {
  if (text == "all_day") return std::nullopt;
  const auto at = text.find('@');
  const std::string window = text.substr(0, at);
  const auto dash = window.find('-');
  const int from = dash == std::string::npos ? -1 : minutes_of(window.substr(0, dash));
  const int to = dash == std::string::npos ? -1 : minutes_of(window.substr(dash + 1));
  if (from < 0 || to < 0 || from >= to)
    throw std::invalid_argument("--assume " + assignment +
                                ": give all_day or HH:MM-HH:MM (optionally @turn_start, @session_start or @message)");
  AssessedHours h{from, to, HoursApplyTo::turn_start};
  if (at != std::string::npos)
    h.applies_to = enum_value(text.substr(at + 1),
                              {HoursApplyTo::turn_start, HoursApplyTo::session_start, HoursApplyTo::message},
                              assignment);
  return h;
}

ParamSource assumed() { return {kAssumedTitle, "", "", "none"}; }

template <class T>
bool fill(Param<T>& p, T value) {
  if (p.known()) return false;
  p.value = std::move(value);
  p.unknown_reason.clear();
  p.source = assumed();
  return true;
}

// What kefu/2 counts for `measure` (docs/metrics.md C1-C6): a session's reply and first
// response, each turn's response time and 3-minute rate.
CountUnit kefu2_unit(const std::string& measure) {
  if (measure == "within_3min_rate" || measure == "avg_response_s") return CountUnit::turn;
  return CountUnit::session;
}
std::int64_t kefu2_threshold_ms(const std::string& measure) {
  if (measure == "within_30s_rate") return 30'000;
  if (measure == "within_3min_rate") return 180'000;
  return 0;
}

}  // namespace

std::vector<std::string> assume(Definition& d, const std::vector<std::string>& assignments) {
  std::vector<bool> filled(kParameterNames.size(), false);
  for (const std::string& a : assignments) {
    if (a == kDefinitionsV2) {
      filled[0] = fill(d.unit, kefu2_unit(d.measure)) || filled[0];
      filled[1] = fill(d.hours, std::optional<AssessedHours>()) || filled[1];
      filled[2] = fill(d.bots, BotReplies::none) || filled[2];
      filled[3] = fill(d.transfers, Transfers::carry) || filled[3];
      filled[4] = fill(d.closings, Closings::ignore) || filled[4];
      filled[5] = fill(d.threshold_ms, kefu2_threshold_ms(d.measure)) || filled[5];
      filled[6] = fill(d.period_days, 1) || filled[6];
      filled[7] = fill(d.min_sample, std::int64_t{0}) || filled[7];
      continue;
    }
    const auto eq = a.find('=');
    if (eq == std::string::npos)
      throw std::invalid_argument("--assume " + a + ": write NAME=VALUE (e.g. transfers=carry) or kefu/2");
    const std::string name = a.substr(0, eq), value = a.substr(eq + 1);
    bool ok = false;
    std::size_t index = 0;
    if (name == "unit") {
      ok = fill(d.unit, enum_value(value,
                                   {CountUnit::turn, CountUnit::session, CountUnit::segment, CountUnit::message,
                                    CountUnit::customer_day},
                                   a));
    } else if (name == "assessed_hours") {
      index = 1, ok = fill(d.hours, hours(value, a));
    } else if (name == "bot_replies") {
      index = 2, ok = fill(d.bots, enum_value(value, {BotReplies::none, BotReplies::all, BotReplies::assist_only}, a));
    } else if (name == "transfers") {
      index = 3, ok = fill(d.transfers, enum_value(value, {Transfers::carry, Transfers::split}, a));
    } else if (name == "closings") {
      index = 4, ok = fill(d.closings, enum_value(value, {Closings::ignore, Closings::count}, a));
    } else if (name == "threshold_s") {
      index = 5, ok = fill(d.threshold_ms, number<std::int64_t>(value, a) * 1000);
    } else if (name == "period_days") {
      index = 6, ok = fill(d.period_days, std::max(1, number<int>(value, a)));
    } else if (name == "min_sample") {
      index = 7, ok = fill(d.min_sample, number<std::int64_t>(value, a));
    } else {
      throw std::invalid_argument("--assume " + a +
                                  ": no such parameter (unit, assessed_hours, bot_replies, transfers, closings, "
                                  "threshold_s, period_days, min_sample)");
    }
    filled[index] = ok || filled[index];
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < filled.size(); ++i)
    if (filled[i]) out.emplace_back(kParameterNames[i]);
  return out;
}

}  // namespace kefu::host
