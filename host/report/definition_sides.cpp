#include "report/definition_sides.h"

#include "metrics/definition_engine.h"
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
      if (const PlatformFigure* f = recomputed_figure(report, row.platform, row.shop_id, m.native_name)) {
        side.recomputed = f->value;
        side.recomputed_definition = f->definition;
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
      report.sides.push_back(std::move(side));
    }
  }
}

}  // namespace kefu::host::report
