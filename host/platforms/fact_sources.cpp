#include "platforms/fact_sources.h"

#include "rules/rule_book.h"
#include "words/lists.h"

#include <kefu/json.hpp>

#include <cstdio>

namespace kefu::host::facts {
namespace {

std::string number_text(double n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", n);
  return buf;
}

// A rule's value in the data's own words: its native text, else the number or the window.
std::string rule_value(const RuleValue& v) {
  if (!v.known) return "";
  if (!v.text.empty()) return v.text;
  if (v.type == ValueType::boolean) return v.flag ? "true" : "false";
  return number_text(v.number);
}

void add_rules(std::vector<Fact>& out, const std::string& platform, const RuleSet& set) {
  for (const Rule& r : set.rules)
    out.push_back({platform, "rule", r.key + " " + r.native_name, rule_value(r.value), r.value.known, r.effective_from,
                   r.source});
}

void add_terms(std::vector<Fact>& out, const std::string& platform, const WordList& list) {
  for (const Term& t : list.terms) out.push_back({platform, "term", t.text, t.category, true, "", t.source});
  for (const Term& t : list.allow) out.push_back({platform, "allow", t.text, "", true, "", t.source});
}

// A parameter's source: the metric's own ("metric"), or the computation's source of that name.
Source param_source(const NativeMetric& m, const std::string& name) {
  if (name.empty() || name == "metric") return m.source;
  for (const NamedSource& s : m.computation->sources)
    if (s.name == name) return s.source;
  return m.source;  // validate_computation rejects an unknown name: not reached for valid data
}

template <class T>
void add_param(std::vector<Fact>& out, const std::string& platform, const NativeMetric& m, const char* name,
               const MetricParam<T>& p) {
  Fact f{platform, "metric_parameter", m.native_name + " / " + name, "", p.known(), "", {}};
  if (p.known()) {
    f.value = json::write(*p.value);
    if (f.value.size() >= 2 && f.value.front() == '"') f.value = f.value.substr(1, f.value.size() - 2);
    f.source = param_source(m, p.source);
    if (!p.note.empty()) f.source.note = p.note + (f.source.note.empty() ? "" : " | " + f.source.note);
  } else if (!p.source.empty()) {
    f.source = param_source(m, p.source);  // where it was looked for
    f.source.note = p.unknown;
  } else {
    f.source = Source{"", "", "", Confidence::none, p.unknown, ""};
  }
  out.push_back(std::move(f));
}

void add_metrics(std::vector<Fact>& out, const std::string& platform, const MetricProfile& profile) {
  for (const NativeMetric& m : profile.metrics) {
    out.push_back({platform, "metric", m.native_name, m.canonical_key, true, "", m.source});
    if (!m.computation) continue;
    const MetricComputation& c = *m.computation;
    add_param(out, platform, m, "unit", c.unit);
    add_param(out, platform, m, "assessed_hours", c.assessed_hours);
    add_param(out, platform, m, "bot_replies", c.bot_replies);
    add_param(out, platform, m, "transfers", c.transfers);
    add_param(out, platform, m, "closings", c.closings);
    add_param(out, platform, m, "threshold_s", c.threshold_s);
    add_param(out, platform, m, "period_days", c.period_days);
    add_param(out, platform, m, "min_sample", c.min_sample);
    add_param(out, platform, m, "line", c.line);
  }
}

void add_plugin(std::vector<Fact>& out, const LoadedPlugin& plugin) {
  const std::string& id = plugin.info().id;
  if (const auto& rules = plugin.valid_rules()) add_rules(out, id, *rules);
  if (const auto& profile = plugin.valid_profile()) add_metrics(out, id, *profile);
  if (const auto& words = plugin.valid_words()) add_terms(out, id, *words);
}

}  // namespace

std::vector<Fact> list_facts(const PluginRegistry& registry, const std::vector<std::string>& ids) {
  std::vector<Fact> out;
  if (ids.empty())
    for (const auto& p : registry.plugins()) add_plugin(out, *p);
  else
    for (const std::string& id : ids) add_plugin(out, registry.require(id));
  add_rules(out, "common", rules::common_rule_set());
  add_terms(out, "common", words::common_word_list());
  return out;
}

}  // namespace kefu::host::facts
