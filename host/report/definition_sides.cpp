#include "report/definition_sides.h"

#include "base/calendar.h"
#include "metrics/definition_engine.h"
#include "metrics/line_standing.h"
#include "model/definition_names.h"

#include <cstdio>

namespace kefu::host::report {
namespace {

const NativeFigure* exported_figure(const Report& r, const std::string& platform, const std::string& shop,
                                    const std::string& native_name) {
  for (const NativeFigure& f : r.native)
    if (f.platform == platform && f.shop_id == shop && f.agent_id.empty() && f.native_name == native_name) return &f;
  return nullptr;
}

const PlatformFigure* recomputed_figure(const Report& r, const std::string& platform, const std::string& shop,
                                        const std::string& native_name) {
  for (const PlatformFigure& f : r.platform_figures)
    if (f.platform == platform && f.shop_id == shop && f.native_name == native_name) return &f;
  return nullptr;
}

std::optional<double> canonical_figure(const Report& r, const Row& row, const std::string& metric) {
  for (std::size_t i = 0; i < r.metrics.size(); ++i)
    if (r.metrics[i] == metric) return row.cells[i].value;
  return std::nullopt;
}

// The recomputed figure's (rolling) window ending on its last day in the period, against the
// line: the days within period_days of it added up, as compute_definition adds them.
void add_window_standing(DefinitionSide& side, const PlatformFigure& f, const Definition& d, const Line& line) {
  const auto last = calendar::parse_day(f.latest_day);
  if (!last || !d.period_days.known() || !d.min_sample.known()) return;
  const int period = *d.period_days.value;
  double hits = 0, units = 0;
  for (const PlatformFigure::Day& day : f.days)
    if (day.day > *last - period && day.day <= *last) hits += day.numerator, units += day.denominator;
  side.window_day = f.latest_day;
  side.window_days = period;
  side.window_units = static_cast<std::int64_t>(units);
  side.window_assessed = side.window_units >= *d.min_sample.value;
  const auto s = metrics::standing(line, static_cast<std::int64_t>(hits), side.window_units);
  if (!s) return;
  side.window_margin = s->margin;
  if (s->meets)
    side.can_afford = s->can_afford;
  else
    side.to_meet = s->to_meet;
}

}  // namespace

void add_definition_sides(Report& report, const std::map<std::string, std::vector<PlatformMetric>>& platforms) {
  if (report.by != By::shop) return;
  for (const Row& row : report.rows) {
    if (row.total) continue;
    const auto p = platforms.find(row.platform);
    if (p == platforms.end()) continue;
    for (const PlatformMetric& m : p->second) {
      DefinitionSide side;
      side.platform = row.platform;
      side.shop_id = row.shop_id;
      side.native_name = m.native_name;
      side.metric = m.definition.measure;
      side.definition = m.definition.id;
      side.format = m.format;
      if (const NativeFigure* f = exported_figure(report, row.platform, row.shop_id, m.native_name))
        side.exported = f->value;
      if (!side.metric.empty()) side.canonical = canonical_figure(report, row, side.metric);
      const PlatformFigure* recomputed = recomputed_figure(report, row.platform, row.shop_id, m.native_name);
      if (recomputed) {
        side.recomputed = recomputed->value;
        side.recomputed_definition = recomputed->definition;
      }
      if (side.exported && side.recomputed) side.gap = *side.exported - *side.recomputed;
      if (!side.exported && !side.canonical && !side.recomputed) continue;  // nothing to set side by side
      const auto why = metrics::not_computable(m.definition);
      side.computable = why.empty();
      for (const auto& w : why) (w.reason.starts_with("unknown: ") ? side.unknown : side.uncountable).push_back(w.parameter);
      if (!why.empty()) side.reason = why.front().reason;
      side.line = line_text(m.definition);
      const bool rate = m.format == "percent" || m.format == "ratio";
      if (rate && side.exported && m.definition.line.known() && *m.definition.line.value) {
        const Line& line = **m.definition.line.value;
        const bool higher = line.op == Comparator::ge || line.op == Comparator::gt;
        side.line_margin = higher ? *side.exported - line.value : line.value - *side.exported;
      }
      if (rate && recomputed && m.definition.line.known() && *m.definition.line.value)
        add_window_standing(side, *recomputed, m.definition, **m.definition.line.value);
      report.sides.push_back(std::move(side));
    }
  }
}

}  // namespace kefu::host::report
