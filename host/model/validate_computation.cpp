// Checks a native metric's `computation` (SDK 1.5): every parameter known with a source that
// resolves, or unknown with a reason; values within their types. Enum names are already checked
// by the JSON reader (kefu/json.hpp refuses an unknown name with its path); what it cannot see
// is checked here, each problem naming the JSON path from the metric
// ("metrics[0] 3分钟人工响应率: computation.assessed_hours.value.from \"9:00\": ...").
#include "model/validate.h"

#include "model/catalog.h"
#include "model/definition_names.h"

#include <set>

namespace kefu::host {
namespace {

class ComputationCheck {
 public:
  ComputationCheck(const NativeMetric& m, const MetricComputation& c, std::string where)
      : metric_(m), c_(c), where_(std::move(where)) {}

  std::vector<std::string> run() {
    check_sources();
    param("unit", c_.unit);
    if (param("assessed_hours", c_.assessed_hours)) check_hours(*c_.assessed_hours.value);
    param("bot_replies", c_.bot_replies);
    param("transfers", c_.transfers);
    param("closings", c_.closings);
    if (param("threshold_s", c_.threshold_s) && !(*c_.threshold_s.value >= 0))
      fail("threshold_s.value", "must be 0 (no threshold) or more seconds");
    if (param("period_days", c_.period_days) && *c_.period_days.value < 1)
      fail("period_days.value", "must be 1 (each day alone) or more (rolling days)");
    if (param("min_sample", c_.min_sample) && *c_.min_sample.value < 0)
      fail("min_sample.value", "must be 0 (no minimum) or more");
    if (param("line", c_.line)) check_line(*c_.line.value);
    return std::move(problems_);
  }

 private:
  void fail(const std::string& path, const std::string& why) {
    problems_.push_back(where_ + ": computation." + path + ": " + why);
  }

  void check_sources() {
    for (std::size_t i = 0; i < c_.sources.size(); ++i) {
      const NamedSource& s = c_.sources[i];
      const std::string path = "sources[" + std::to_string(i) + "]";
      if (s.name.empty())
        fail(path + ".name", "is empty: parameters name their source by it");
      else if (s.name == "metric")
        fail(path + ".name", "\"metric\" is reserved for the metric's own source; choose another name");
      else if (!names_.insert(s.name).second)
        fail(path + ".name", "\"" + s.name + "\" is used twice");
      for (const std::string& p : validate_source(s.source, ""))  // p starts with ": source."
        problems_.push_back(where_ + ": computation." + path + p.substr(std::string(": source").size()));
    }
  }

  // A parameter is known (value and a source that resolves) or unknown (a reason); true when
  // known, so its value can be checked.
  template <class T>
  bool param(const char* name, const MetricParam<T>& p) {
    const std::string n = name;
    if (p.known() && !p.unknown.empty()) {
      fail(n, "gives both a value and \"unknown\": keep the one that is true");
      return false;
    }
    if (!p.known() && p.unknown.empty()) {
      fail(n,
           "has neither a value nor an \"unknown\" reason: write {\"value\": ..., \"source\": \"metric\"} or "
           "{\"unknown\": \"why it is not known\"}");
      return false;
    }
    if (p.known() && p.source.empty())
      fail(n + ".source", "is empty: a known value names its source (\"metric\" or a name in computation.sources)");
    else if (!p.source.empty() && p.source != "metric" && !names_.count(p.source))
      fail(n + ".source", "\"" + p.source + "\" resolves to nothing: expected \"metric\" or the name of one of " +
                              "computation.sources" + known_names());
    return p.known();
  }

  std::string known_names() const {
    if (names_.empty()) return " (there are none)";
    std::string out = " (";
    for (const auto& n : names_) out += (out.size() > 2 ? ", " : "") + n;
    return out + ")";
  }

  void check_hours(const HoursWindow& h) {
    if (h.all_day) {
      if (!h.from.empty() || !h.to.empty() || h.applies_to)
        fail("assessed_hours.value", "all_day with from, to or applies_to: give all_day alone, or the window");
      return;
    }
    const int from = minutes_of(h.from), to = minutes_of(h.to);
    if (from < 0 || from >= 1440)
      fail("assessed_hours.value.from", "\"" + h.from + "\": expected HH:MM, 00:00-23:59 (+08:00)");
    if (to < 0) fail("assessed_hours.value.to", "\"" + h.to + "\": expected HH:MM, 00:01-24:00 (+08:00)");
    if (from >= 0 && to >= 0 && from >= to)
      fail("assessed_hours.value", "from " + h.from + " is not before to " + h.to +
                                       ": a window that crosses midnight is not supported; 24:00 ends the day");
    if (!h.applies_to) fail("assessed_hours.value.applies_to", "is missing: turn_start | session_start | message");
  }

  void check_line(const MetricLine& l) {
    if (l.none) {
      if (l.op || l.value != 0 || !l.penalty.empty())
        fail("line.value", "none with op, value or penalty: give none alone, or the line");
      return;
    }
    if (!l.op) {
      fail("line.value.op", "is missing: one of >= > <= <, or {\"none\": true} when the platform states no line");
      return;
    }
    const MetricDef* def = find_metric(metric_.canonical_key);
    const bool ratio =
        def ? def->unit == "ratio" : metric_.value_format == "percent" || metric_.value_format == "ratio";
    if (ratio && (l.value < 0 || l.value > 1))
      fail("line.value.value", std::to_string(l.value) + ": this metric is a ratio, so the line is 0..1 (90% is 0.9)");
    if (!ratio && l.value < 0) fail("line.value.value", "cannot be negative");
  }

  const NativeMetric& metric_;
  const MetricComputation& c_;
  std::string where_;
  std::set<std::string> names_;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> validate_computation(const NativeMetric& metric, const std::string& where) {
  if (!metric.computation) return {};  // a plugin before SDK 1.5: every parameter reads as unknown
  return ComputationCheck(metric, *metric.computation, where).run();
}

}  // namespace kefu::host
