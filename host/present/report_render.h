// The report's outputs: a terminal table, CSV and JSON for machines, Markdown for a wiki, an
// Excel workbook and a self-contained HTML page with charts. Human text in Chinese by default.
#pragma once

#include "present/text.h"
#include "report/report.h"

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace kefu::host::report {

struct Scorecard;  // report/scorecard.h

struct RenderContext {
  Lang lang = Lang::zh;
  std::map<std::string, std::string> platform_names;  // plugin id → its name in `lang`
  // The period's scorecard, when the config has one: a section of the HTML, a sheet of the workbook.
  const Scorecard* scorecard = nullptr;
};

void render_table(const Report& report, const RenderContext& ctx, std::ostream& out);
void render_markdown(const Report& report, const RenderContext& ctx, std::ostream& out);
// One line per row and metric; keys stable and English (docs/report.md).
void render_csv(const Report& report, std::ostream& out);
void render_json(const Report& report, std::ostream& out);
void render_html(const Report& report, const RenderContext& ctx, std::ostream& out);
// Writes the workbook to `path` (through a temporary file, renamed when complete): a summary of
// views[0], then one sheet per view (e.g. by shop, by agent, by platform).
void render_xlsx(const std::vector<Report>& views, const RenderContext& ctx, const std::string& path);

// ---- Shared wording (format.cpp) ------------------------------------------------------------

std::string metric_name(std::string_view metric, Lang lang);
std::string platform_name(const std::string& platform, const RenderContext& ctx);
std::string row_name(const Row& row, const RenderContext& ctx);  // the total row reads 合计 / Total
// What a view's rows are: 店铺 / 客服 / 人员 / 组 / 平台 (Shop, Agent, Person, Group, Platform).
std::string view_name(By by, Lang lang);
// An English label inside a phrase ("by agent" from "Agent"): the first ASCII letter lowered.
inline std::string in_phrase(std::string label) {
  if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z') label[0] = static_cast<char>(label[0] - 'A' + 'a');
  return label;
}
// Where a KPI target was set, for people: 全局 / 平台 京东 / 店铺 jd01.
std::string scope_name(const std::string& scope, const RenderContext& ctx);
// 97.3% | 18.5秒 | 1,204; "—" when there is no value.
std::string format_value(std::string_view metric, std::optional<double> value, Lang lang);
// +1.2pp / -3.0秒 / +120, in the metric's unit; "" when there is nothing to compare.
std::string format_change(std::string_view metric, std::optional<double> change, Lang lang);
// A platform's own figure in its value_format (percent | ratio | seconds | count | amount).
std::string format_native(std::string_view format, std::optional<double> value, Lang lang);
std::string format_native_change(std::string_view format, std::optional<double> change, Lang lang);
std::string format_pct(std::optional<double> change_pct);  // +5.0%
// Whether a change is for the better in the catalog's direction; none for a volume (no
// direction), no change, or one that shows as 0.0 (pp, seconds).
std::optional<bool> change_is_better(std::string_view metric, std::optional<double> change);
std::string status_name(KpiStatus status, Lang lang);      // 达标 / 未达标
std::string period_line(const Report& report, Lang lang);  // 2026-W47（2026-11-16 至 2026-11-22），对比 …
std::string anomaly_rule(Lang lang);                       // the rule, stated for readers
std::string mover_rule(Lang lang);

}  // namespace kefu::host::report
