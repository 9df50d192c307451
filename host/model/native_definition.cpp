#include "model/native_definition.h"

#include "model/definition_names.h"

#include <cmath>
#include <stdexcept>

namespace kefu::host {
namespace {

// The SDK's enums and the host's list the same values in the same order (checked below), so
// a value converts by position.
template <class HostEnum, class SdkEnum>
HostEnum same_value(SdkEnum e) {
  return static_cast<HostEnum>(static_cast<int>(e));
}
static_assert(static_cast<int>(CountUnit::customer_day) == static_cast<int>(CountingUnit::customer_day));
static_assert(static_cast<int>(HoursApplyTo::message) == static_cast<int>(HoursAppliesTo::message));
static_assert(static_cast<int>(BotReplies::assist_only) == static_cast<int>(BotReplyRule::assist_only));
static_assert(static_cast<int>(Transfers::split) == static_cast<int>(TransferRule::split));
static_assert(static_cast<int>(Closings::count) == static_cast<int>(ClosingRule::count));
static_assert(static_cast<int>(Comparator::lt) == static_cast<int>(LineOp::lt));

class Converter {
 public:
  Converter(const MetricComputation& c, const Source& own) : c_(c), own_(own) {}

  // Copies known/unknown and the source; `convert` turns a known SDK value into the host's.
  template <class H, class S, class F>
  Param<H> param(const char* name, const MetricParam<S>& p, F&& convert) const {
    Param<H> out;
    if (!p.source.empty()) out.source = resolve(name, p.source);
    if (p.known())
      out.value.emplace(convert(*p.value));
    else
      out.unknown_reason = p.unknown;
    return out;
  }

 private:
  ParamSource resolve(const char* name, const std::string& source) const {
    if (source == "metric") return param_source(own_);
    for (const NamedSource& s : c_.sources)
      if (s.name == source) return param_source(s.source);
    throw std::invalid_argument(std::string("computation.") + name + ".source \"" + source + "\" resolves to nothing");
  }

  const MetricComputation& c_;
  const Source& own_;
};

std::optional<AssessedHours> hours_of(const HoursWindow& h) {
  if (h.all_day) return std::nullopt;
  const int from = minutes_of(h.from), to = minutes_of(h.to);
  if (from < 0 || to < 0 || from >= to || !h.applies_to)
    throw std::invalid_argument("computation.assessed_hours: " + h.from + "-" + h.to + " is not a valid window");
  return AssessedHours{from, to, same_value<HoursApplyTo>(*h.applies_to)};
}

std::optional<Line> line_of(const MetricLine& l) {
  if (l.none) return std::nullopt;
  if (!l.op) throw std::invalid_argument("computation.line: op is missing");
  return Line{same_value<Comparator>(*l.op), l.value, l.penalty};
}

}  // namespace

ParamSource param_source(const Source& s) {
  return {s.title, s.url, s.seen, std::string(enum_name(s.confidence)), s.quoted_in};
}

Definition definition_from(std::string id, std::string measure, const std::optional<MetricComputation>& computation,
                           const Source& own_source) {
  Definition d;
  d.id = std::move(id);
  d.measure = std::move(measure);
  if (!computation) {
    for (std::string* reason : {&d.unit.unknown_reason, &d.hours.unknown_reason, &d.bots.unknown_reason,
                                &d.transfers.unknown_reason, &d.closings.unknown_reason, &d.threshold_ms.unknown_reason,
                                &d.period_days.unknown_reason, &d.min_sample.unknown_reason, &d.line.unknown_reason})
      *reason = kPredatesComputation;
    return d;
  }
  const MetricComputation& c = *computation;
  const Converter to(c, own_source);
  d.unit = to.param<CountUnit>("unit", c.unit, same_value<CountUnit, CountingUnit>);
  d.hours = to.param<std::optional<AssessedHours>>("assessed_hours", c.assessed_hours, hours_of);
  d.bots = to.param<BotReplies>("bot_replies", c.bot_replies, same_value<BotReplies, BotReplyRule>);
  d.transfers = to.param<Transfers>("transfers", c.transfers, same_value<Transfers, TransferRule>);
  d.closings = to.param<Closings>("closings", c.closings, same_value<Closings, ClosingRule>);
  d.threshold_ms = to.param<std::int64_t>("threshold_s", c.threshold_s, [](double s) {
    if (!(s >= 0)) throw std::invalid_argument("computation.threshold_s is negative");
    return static_cast<std::int64_t>(std::llround(s * 1000));
  });
  d.period_days = to.param<int>("period_days", c.period_days, [](int n) {
    if (n < 1) throw std::invalid_argument("computation.period_days is below 1");
    return n;
  });
  d.min_sample = to.param<std::int64_t>("min_sample", c.min_sample, [](std::int64_t n) {
    if (n < 0) throw std::invalid_argument("computation.min_sample is negative");
    return n;
  });
  d.line = to.param<std::optional<Line>>("line", c.line, line_of);
  return d;
}

Definition definition_of(std::string_view platform, const NativeMetric& m) {
  return definition_from(std::string(platform) + "/" + m.native_name, m.canonical_key, m.computation, m.source);
}

}  // namespace kefu::host
