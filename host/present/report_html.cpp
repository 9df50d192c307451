// The report as one self-contained HTML page: inline CSS, inline SVG charts drawn here (no
// chart library, nothing fetched at view time), the same tables as the terminal, a few lines of
// script that sort a table by a clicked column, and a print layout (A4 landscape).
//
// Made to stay readable at a real team's size (30 agents, 16 shops): horizontal bars with the
// names beside them rather than under them, axes from zero, the previous period as a faint bar
// under the current one, one small chart per shop for the daily trends instead of one chart of
// 16 tangled lines, and colour on the cell that misses rather than on its whole row. Every
// value that comes from data or config goes through esc().
#include "base/calendar.h"
#include "base/utf8.h"
#include "model/catalog.h"
#include "present/report_render.h"
#include "present/scorecard.h"
#include "present/sections.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

namespace kefu::host::report {
namespace {

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// How wide `s` is drawn at `font_px`, from its terminal width (a CJK character counts two
// columns): generous, so a label sized by it never runs into its neighbour.
double text_px(std::string_view s, double font_px) { return static_cast<double>(display_width(s)) * font_px * 0.6; }

// `s` cut to fit `max_px` (with "…"); the full text stays in the element's <title>.
std::string fit(const std::string& s, double font_px, double max_px) {
  if (text_px(s, font_px) <= max_px) return s;
  std::u32string cps = utf8::to_u32(s);
  while (!cps.empty() && text_px(utf8::from_u32(cps) + "…", font_px) > max_px) cps.pop_back();
  return utf8::from_u32(cps) + "…";
}

const MetricDef& def_of(std::string_view metric) { return *find_metric(metric); }

// "better" / "worse" (a CSS class) for a change in the catalog's direction, "" for neither.
std::string direction_class(std::string_view metric, std::optional<double> change) {
  const auto better = change_is_better(metric, change);
  return better ? (*better ? "better" : "worse") : "";
}

// A metric's change as the grid shows it: % for volumes, the unit's difference otherwise.
std::string change_text(std::string_view metric, const Cell& c, Lang lang) {
  return def_of(metric).unit == "count" ? format_pct(c.change_pct) : format_change(metric, c.change, lang);
}

// A round upper end for a zero-based axis (1, 1.2, 1.5, 2 ... 8 times a power of ten), close
// enough above the largest value that the bars use the width.
double nice_ceiling(double v) {
  if (v <= 0) return 1;
  const double p = std::pow(10, std::floor(std::log10(v)));
  for (double m : {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
    if (m * p >= v) return m * p;
  return 10 * p;
}

// ---- Bar charts: one per metric, a row per shop (agent, platform) ----------------------------

constexpr double kBarW = 620, kBarFont = 12, kRowH = 26, kBarTop = 30, kValueW = 118, kMaxLabel = 250;

std::string bar_chart(const Report& r, std::size_t m, const RenderContext& ctx) {
  const std::string& metric = r.metrics[m];
  const MetricDef& def = def_of(metric);
  std::vector<const Row*> rows;
  double hi = 0, label_w = 0;
  for (const Row& row : r.rows) {
    const Cell& c = row.cells[m];
    if (row.total || (!c.value && !c.previous)) continue;
    rows.push_back(&row);
    for (const auto& v : {c.value, c.previous, c.target ? std::optional(c.target->value) : std::nullopt})
      if (v) hi = std::max(hi, *v);
    label_w = std::max(label_w, text_px(row_name(row, ctx), kBarFont));
  }
  if (rows.empty()) return "";
  // Zero-based: a bar's length is its value. Rates run to 100%; the value column gives the digits.
  const double top = def.unit == "ratio" ? 1.0 : nice_ceiling(hi * 1.05);
  label_w = std::min(label_w, kMaxLabel) + 8;
  const double x0 = label_w, plot_w = kBarW - label_w - kValueW - 8;
  const double height = kBarTop + kRowH * static_cast<double>(rows.size()) + 8;
  const auto x_of = [&](double v) { return x0 + plot_w * std::clamp(v / top, 0.0, 1.0); };

  const std::string title = metric_name(metric, ctx.lang) + tr(ctx.lang, "（按", " (by ") + in_phrase(view_name(r.by, ctx.lang)) +
                            tr(ctx.lang, "）", ")");
  std::string s = "<figure class=\"chart bars\"><figcaption>" + esc(title) + "</figcaption><svg id=\"bar-" +
                  esc(metric) + "\" width=\"" + num(kBarW) + "\" height=\"" + num(height) + "\" viewBox=\"0 0 " +
                  num(kBarW) + " " + num(height) + "\" role=\"img\" aria-label=\"" + esc(title) + "\">";
  for (int i = 0; i <= 4; ++i) {
    const double v = top * i / 4, x = x_of(v);
    s += "<line class=\"grid\" x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + num(kBarTop - 6) + "\" y2=\"" +
         num(height - 8) + "\"/>";
    s += "<text class=\"tick\" x=\"" + num(x) + "\" y=\"" + num(kBarTop - 10) + "\" text-anchor=\"" +
         (i == 0 ? "start" : i == 4 ? "end" : "middle") + "\">" + esc(format_value(metric, v, ctx.lang)) + "</text>";
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& row = *rows[i];
    const Cell& c = row.cells[m];
    const double y = kBarTop + kRowH * static_cast<double>(i);
    const std::string name = row_name(row, ctx);
    s += "<text class=\"label\" x=\"" + num(label_w - 8) + "\" y=\"" + num(y + 13) + "\" text-anchor=\"end\"><title>" +
         esc(name) + "</title>" + esc(fit(name, kBarFont, label_w - 8)) + "</text>";
    if (c.value)
      s += "<rect class=\"" + std::string(c.status == KpiStatus::missed ? "bar miss" : "bar") + "\" x=\"" + num(x0) +
           "\" y=\"" + num(y + 3) + "\" width=\"" + num(x_of(*c.value) - x0) + "\" height=\"13\"><title>" +
           esc(name + " " + format_value(metric, c.value, ctx.lang)) + "</title></rect>";
    if (c.previous)
      s += "<rect class=\"prev\" x=\"" + num(x0) + "\" y=\"" + num(y + 17) + "\" width=\"" +
           num(x_of(*c.previous) - x0) + "\" height=\"5\"><title>" +
           esc(name + tr(ctx.lang, " 上期 ", " previous ") + format_value(metric, c.previous, ctx.lang)) +
           "</title></rect>";
    if (c.target) {
      const double tx = x_of(c.target->value);
      s += "<line class=\"target\" x1=\"" + num(tx) + "\" x2=\"" + num(tx) + "\" y1=\"" + num(y + 1) + "\" y2=\"" +
           num(y + 24) + "\"><title>" +
           esc(tr(ctx.lang, "目标 ", "target ") + format_value(metric, c.target->value, ctx.lang)) + "</title></line>";
    }
    const std::string change = change_text(metric, c, ctx.lang);
    s += "<text class=\"val\" x=\"" + num(kBarW - kValueW) + "\" y=\"" + num(y + 13) + "\">" +
         esc(format_value(metric, c.value, ctx.lang));
    if (!change.empty())
      s += " <tspan class=\"chg " + direction_class(metric, c.change) + "\">" + esc(change) + "</tspan>";
    s += "</text>";
  }
  return s + "</svg></figure>";
}

// ---- Daily trends: small multiples, one panel per shop on one shared axis --------------------

constexpr double kPanelW = 204, kPanelH = 120, kPanelLeft = 46, kPanelTop = 30, kPanelBottom = 18;

struct TrendAxis {
  double lo = 0, hi = 1;
  bool broken = false;  // a rate axis that does not start at 0 %: said in the caption, marked on the axis
};

TrendAxis trend_axis(std::string_view unit, double min_v, double max_v) {
  TrendAxis a;
  if (unit == "ratio") {
    a.hi = 1;
    // Rates sit near 100%: from 0 the lines would be flat. The cut is a round 10% below the
    // lowest day, stated in the caption and drawn as a break on each axis.
    a.lo = std::max(0.0, std::floor((min_v - 0.02) * 10) / 10);
    a.broken = a.lo > 0;
  } else {
    a.hi = nice_ceiling(max_v * 1.05);
  }
  return a;
}

std::string trend_panel(const Report& r, const std::string& metric, const std::string& key, const std::string& name,
                        const std::vector<const DailyPoint*>& points, const TrendAxis& axis,
                        std::optional<double> target, const RenderContext& ctx) {
  const double plot_w = kPanelW - kPanelLeft - 8, plot_h = kPanelH - kPanelTop - kPanelBottom;
  const int days = r.period.days();
  const auto x_of = [&](const std::string& day) {
    const double index = calendar::parse_day(day).value_or(r.period.first) - r.period.first;
    return kPanelLeft + (days > 1 ? plot_w * index / (days - 1) : plot_w / 2);
  };
  const auto y_of = [&](double v) {
    return kPanelTop + plot_h * (1 - (std::clamp(v, axis.lo, axis.hi) - axis.lo) / (axis.hi - axis.lo));
  };
  std::string s = "<svg class=\"panel\" width=\"" + num(kPanelW) + "\" height=\"" + num(kPanelH) + "\" viewBox=\"0 0 " +
                  num(kPanelW) + " " + num(kPanelH) + "\" role=\"img\" aria-label=\"" + esc(name) + "\">";
  s += "<text class=\"ptitle\" x=\"4\" y=\"13\"><title>" + esc(name) + "</title>" +
       esc(fit(name, 11, kPanelW - 8)) + "</text>";
  for (double v : {axis.lo, axis.hi}) {
    s += "<line class=\"grid\" x1=\"" + num(kPanelLeft) + "\" x2=\"" + num(kPanelLeft + plot_w) + "\" y1=\"" +
         num(y_of(v)) + "\" y2=\"" + num(y_of(v)) + "\"/>";
    s += "<text class=\"tick\" x=\"" + num(kPanelLeft - 4) + "\" y=\"" + num(y_of(v) + 3) + "\" text-anchor=\"end\">" +
         esc(format_value(metric, v, ctx.lang)) + "</text>";
  }
  if (axis.broken) {  // a zigzag at the foot of the axis: it does not start at zero
    const double yb = kPanelTop + plot_h;
    s += "<path class=\"break\" d=\"M" + num(kPanelLeft - 3) + "," + num(yb - 6) + " l6,-3 l-6,-3 l6,-3\"/>";
  }
  if (target)
    s += "<line class=\"ttarget\" x1=\"" + num(kPanelLeft) + "\" x2=\"" + num(kPanelLeft + plot_w) + "\" y1=\"" +
         num(y_of(*target)) + "\" y2=\"" + num(y_of(*target)) + "\"><title>" +
         esc(tr(ctx.lang, "目标 ", "target ") + format_value(metric, *target, ctx.lang)) + "</title></line>";
  const std::string first = calendar::format_day(r.period.first), last = calendar::format_day(r.period.first + days - 1);
  s += "<text class=\"tick\" x=\"" + num(kPanelLeft) + "\" y=\"" + num(kPanelH - 4) + "\">" + esc(first.substr(5)) +
       "</text><text class=\"tick\" x=\"" + num(kPanelLeft + plot_w) + "\" y=\"" + num(kPanelH - 4) +
       "\" text-anchor=\"end\">" + esc(last.substr(5)) + "</text>";
  std::string path;
  for (const DailyPoint* p : points) path += (path.empty() ? "" : " ") + num(x_of(p->day)) + "," + num(y_of(p->value));
  s += "<polyline class=\"line\" points=\"" + path + "\"><title>" + esc(name) + "</title></polyline>";
  for (const DailyPoint* p : points) {
    const bool unusual = std::any_of(r.anomalies.begin(), r.anomalies.end(), [&](const Anomaly& a) {
      return a.row_key == key && a.metric == metric && a.day == p->day;
    });
    s += "<circle class=\"" + std::string(unusual ? "dot unusual" : "dot") + "\" r=\"" + (unusual ? "3.5" : "1.6") +
         "\" cx=\"" + num(x_of(p->day)) + "\" cy=\"" + num(y_of(p->value)) + "\"><title>" +
         esc(name + " " + p->day + " " + format_value(metric, p->value, ctx.lang) +
             (unusual ? tr(ctx.lang, "（异常日）", " (unusual day)") : "")) +
         "</title></circle>";
  }
  return s + "</svg>";
}

std::string trend_block(const Report& r, const std::string& metric, const RenderContext& ctx,
                        const std::map<std::string, std::string>& shop_names) {
  std::map<std::string, std::vector<const DailyPoint*>> lines;
  double lo = 1e300, hi = 0;
  for (const DailyPoint& p : r.daily) {
    if (p.metric != metric) continue;
    lines[p.row_key].push_back(&p);
    lo = std::min(lo, p.value), hi = std::max(hi, p.value);
  }
  if (lines.empty()) return "";
  const TrendAxis axis = trend_axis(def_of(metric).unit, lo, hi);
  std::string caption = metric_name(metric, ctx.lang) + tr(ctx.lang, "：每日走势，每店一格，纵轴相同",
                                                             ": daily, one panel per shop on the same axis");
  if (axis.broken)
    caption += tr(ctx.lang, "（纵轴从 ", " (the axis starts at ") + format_value(metric, axis.lo, ctx.lang) +
               tr(ctx.lang, " 起，不从 0 起）", ", not 0)");
  std::string s = "<figure class=\"trend\" id=\"trend-" + esc(metric) + "\"><figcaption>" + esc(caption) +
                  "</figcaption><div class=\"panels\">";
  for (const auto& [key, points] : lines) {
    std::optional<double> target;
    if (r.by == By::shop)
      for (const Row& row : r.rows) {
        const auto at = std::find(r.metrics.begin(), r.metrics.end(), metric);
        if (row.key == key && at != r.metrics.end() && row.cells[at - r.metrics.begin()].target)
          target = row.cells[at - r.metrics.begin()].target->value;
      }
    const auto name = shop_names.contains(key) ? shop_names.at(key) : key;
    s += trend_panel(r, metric, key, name, points, axis, target, ctx);
  }
  return s + "</div></figure>";
}

// ---- Tables -----------------------------------------------------------------------------------

// The metrics grid with a class per cell: the cell that misses its KPI is coloured, not its row,
// and each change is coloured by whether it is for the better in the metric's direction.
std::string grid_html(const Report& r, const Section& s, const RenderContext& ctx) {
  const std::size_t first_metric = s.header.size() - r.metrics.size();
  std::string h = "<section id=\"" + esc(s.id) + "\"><h2>" + esc(s.title) + "</h2>";
  for (const auto& line : s.lines) h += "<p class=\"note\">" + esc(line) + "</p>";
  h += "<div class=\"scroll\"><table class=\"sortable grid\"><thead><tr>";
  for (const auto& c : s.header) h += "<th>" + esc(c) + "</th>";
  h += "</tr></thead><tbody>";
  for (std::size_t i = 0; i < r.rows.size() && i < s.rows.size(); ++i) {
    const Row& row = r.rows[i];
    const std::string link = i < s.row_links.size() ? s.row_links[i] : "";
    h += row.total ? "<tr class=\"total\">" : "<tr>";
    for (std::size_t c = 0; c < first_metric; ++c)
      h += "<td>" + (c == 0 && !link.empty() ? "<a href=\"" + esc(link) + "\">" + esc(s.rows[i][c]) + "</a>"
                                             : esc(s.rows[i][c])) +
           "</td>";
    for (std::size_t m = 0; m < r.metrics.size(); ++m) {
      const Cell& cell = row.cells[m];
      const std::string& metric = r.metrics[m];
      const std::string change = change_text(metric, cell, ctx.lang);
      h += cell.status == KpiStatus::missed ? "<td class=\"miss\">" : "<td>";
      h += esc(format_value(metric, cell.value, ctx.lang));
      if (!change.empty())
        h += " <span class=\"chg " + direction_class(metric, cell.change) + "\">" + esc(change) + "</span>";
      if (cell.status == KpiStatus::missed) h += " <b class=\"mark\">✗</b>";
      if (cell.status == KpiStatus::met) h += " <span class=\"ok\">✓</span>";
      h += "</td>";
    }
    h += "</tr>";
  }
  return h + "</tbody></table></div></section>";
}

// Other tables: a marked row colours its status (or direction) cell only.
std::string table_html(const Section& s, Lang lang) {
  std::string h = "<section id=\"" + esc(s.id) + "\"><h2>" + esc(s.title) + "</h2>";
  for (const auto& line : s.lines) h += "<p class=\"note\">" + esc(line) + "</p>";
  if (!s.rows.empty()) {
    std::size_t marked = 0;
    for (std::size_t c = 0; c < s.header.size(); ++c)
      for (const char* word : {tr(lang, "状态", "Status"), tr(lang, "方向", "Direction")})
        if (s.header[c] == word) marked = c;
    h += "<div class=\"scroll\"><table class=\"sortable\"><thead><tr>";
    for (const auto& c : s.header) h += "<th>" + esc(c) + "</th>";
    h += "</tr></thead><tbody>";
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
      const bool miss = i < s.row_missed.size() && s.row_missed[i];
      const std::string id = i < s.row_ids.size() ? s.row_ids[i] : "";
      const std::string link = i < s.row_links.size() ? s.row_links[i] : "";
      h += "<tr" + (id.empty() ? std::string() : " id=\"" + esc(id) + "\"") + ">";
      for (std::size_t c = 0; c < s.rows[i].size(); ++c) {
        // A grid row links from its name to the sessions behind its shortfalls.
        const bool linked = c == 0 && !link.empty();
        const std::string cls = i < s.cell_classes.size() && c < s.cell_classes[i].size() ? s.cell_classes[i][c] : "";
        h += std::string(miss && c == marked ? "<td class=\"miss\">"
                         : !cls.empty()      ? "<td class=\"" + esc(cls) + "\">"
                                             : "<td>") +
             (linked ? "<a href=\"" + esc(link) + "\">" : "") + esc(s.rows[i][c]) + (linked ? "</a>" : "") + "</td>";
      }
      h += "</tr>";
    }
    h += "</tbody></table></div>";
  }
  return h + "</section>";
}

// What each metric of the page means, from the catalog: its definition, unit and direction.
std::string definitions_html(const Report& r, Lang lang) {
  std::string h = "<section id=\"definitions\"><h2>" + esc(tr(lang, "指标定义", "What the metrics mean")) +
                  "</h2><dl class=\"defs\">";
  for (const std::string& metric : r.metrics) {
    const MetricDef& def = def_of(metric);
    const std::string direction = def.better == Better::higher  ? tr(lang, "越高越好", "higher is better")
                                  : def.better == Better::lower ? tr(lang, "越低越好", "lower is better")
                                                                : tr(lang, "数量，无优劣方向", "a volume, no direction");
    h += "<dt>" + esc(metric_name(metric, lang)) + " <code>" + esc(metric) + "</code> · " + esc(direction) +
         "</dt><dd>" + esc(lang == Lang::zh ? def.definition_zh : def.definition) + "</dd>";
  }
  return h + "</dl><p class=\"note\">" +
         esc(tr(lang,
                "比率与均值按 Σ分子/Σ分母 汇总（不平均每日比率）；完整定义见 docs/metrics.md R1-R15 与 `kefu metrics "
                "catalog`。",
                "Rates and means are Σ numerator / Σ denominator (never an average of daily rates); the full "
                "definitions are docs/metrics.md R1-R15 and `kefu metrics catalog`.")) +
         "</p></section>";
}

constexpr const char* kStyle = R"(
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1f3b57;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;opacity:.85}
main{max-width:1320px;margin:0 auto;padding:12px 24px}
nav.toc{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 16px;font-size:13px}
nav.toc ol{margin:4px 0;padding-left:20px;columns:3}nav.toc a{color:#1f3b57}
h2{font-size:17px;border-left:4px solid #1f3b57;padding-left:8px;margin-top:28px}
.legend{font-size:12px;color:#444;margin:4px 0 8px}.legend i{display:inline-block;width:18px;height:9px;margin:0 4px 0 12px;vertical-align:middle}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(640px,1fr));gap:16px}
figure{background:#fff;border:1px solid #ddd;border-radius:6px;margin:0 0 16px;padding:8px;break-inside:avoid}
figcaption{font-weight:600;font-size:14px;margin-bottom:4px}svg{max-width:100%;height:auto;display:block}
.panels{display:grid;grid-template-columns:repeat(auto-fill,204px);gap:6px 10px}.panels svg{border:1px solid #eee}
.grid{stroke:#e5e5e5}.tick{font-size:10px;fill:#666}.label,.val{font-size:12px;fill:#222}.ptitle{font-size:11px;fill:#222;font-weight:600}
.bar{fill:#4e79a7}.bar.miss{fill:#d62728}.prev{fill:#b9c3cd}.target{stroke:#111;stroke-width:2}
.line{fill:none;stroke:#4e79a7;stroke-width:1.5}.dot{fill:#4e79a7}.dot.unusual{fill:#d62728}
.ttarget{stroke:#111;stroke-dasharray:3 2}.break{fill:none;stroke:#666}
.chg.better,.better{color:#1a7f37;fill:#1a7f37}.chg.worse,.worse{color:#b3261e;fill:#b3261e}.chg{font-size:.92em}
.scroll{overflow-x:auto}table{border-collapse:collapse;background:#fff;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 7px;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}th{background:#eef3f8;cursor:pointer;position:sticky;top:0}
td.miss{background:#fdecea}.mark{color:#b3261e}.ok{color:#1a7f37}tr.total td{font-weight:600;background:#f3f6f9}
.note{color:#555;font-size:13px;max-width:980px}dl.defs{font-size:13px;max-width:1100px}dl.defs dt{font-weight:600;margin-top:8px}dl.defs dd{margin:2px 0 0 16px;color:#333}
@page{size:A4 landscape;margin:10mm}
@media print{
 body{background:#fff;font-size:11px}main{max-width:none;padding:0}nav.toc{display:none}
 header{background:none;color:#000;border-bottom:2px solid #1f3b57;padding:0 0 6px}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .charts{grid-template-columns:1fr 1fr}.scroll{overflow:visible}table{font-size:10px}th{position:static}
 thead{display:table-header-group}tr,figure,svg{break-inside:avoid}h2{break-after:avoid}
 section{break-before:auto}#charts,#trends{break-after:page}
}
)";

// Click a header to sort by that column (numbers by value, text by Chinese collation). Then it
// checks the page's own text for overlaps: every pair of texts in one chart, and every text
// against its chart's edges. The count is on <body data-overlaps> for the browser test.
constexpr const char* kScript = R"(
document.querySelectorAll('table.sortable th').forEach(function (th, col) {
  th.addEventListener('click', function () {
    var body = th.closest('table').tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var up = th.dataset.dir !== 'up';
    th.dataset.dir = up ? 'up' : 'down';
    var key = function (r) { var t = r.cells[th.cellIndex].textContent; var n = parseFloat(t.replace(/[,+%秒s]/g, '')); return isNaN(n) ? t : n; };
    rows.sort(function (a, b) { var x = key(a), y = key(b);
      var c = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y), 'zh');
      return up ? c : -c; });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
(function () {
  var overlaps = [], texts = 0;
  document.querySelectorAll('svg').forEach(function (svg) {
    var box = svg.getBoundingClientRect();
    var rects = Array.prototype.map.call(svg.querySelectorAll('text'), function (t) {
      var shown = Array.prototype.filter.call(t.childNodes, function (n) { return n.nodeName !== 'title'; });
      return {r: t.getBoundingClientRect(), s: shown.map(function (n) { return n.textContent; }).join('')};
    });
    texts += rects.length;
    rects.forEach(function (a, i) {
      if (a.r.left < box.left - 1 || a.r.right > box.right + 1 || a.r.top < box.top - 1 || a.r.bottom > box.bottom + 1)
        overlaps.push('outside its chart: ' + a.s);
      for (var j = i + 1; j < rects.length; ++j) {
        var b = rects[j];
        var w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        var h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1) overlaps.push(a.s + ' / ' + b.s);
      }
    });
  });
  document.body.dataset.texts = String(texts);
  document.body.dataset.overlaps = String(overlaps.length);
  document.body.dataset.overlapList = overlaps.slice(0, 10).join(' | ');
})();
document.body.dataset.charts = String(document.querySelectorAll('svg rect.bar, svg polyline.line').length);
)";

}  // namespace

void render_html(const Report& r, const RenderContext& ctx, std::ostream& out) {
  const Lang lang = ctx.lang;
  std::map<std::string, std::string> shop_names;
  for (const Row& row : r.rows) {
    if (row.total || row.shop_id.empty()) continue;
    if (r.by == By::shop) shop_names[row.key] = row.label;
    // An agent's row is "agent @ shop name": the daily trends are per shop.
    const auto at = row.label.rfind(" @ ");
    if (r.by == By::agent && at != std::string::npos)
      shop_names.emplace(row.platform + "/" + row.shop_id, row.label.substr(at + 3));
  }
  for (const Anomaly& a : r.anomalies) shop_names.emplace(a.row_key, a.label);
  const std::vector<Section> sections = report_sections(r, ctx);

  out << "<!doctype html>\n<html lang=\"" << (lang == Lang::zh ? "zh-CN" : "en") << "\"><head><meta charset=\"utf-8\">"
      << "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      << "<title>" << esc(report_title(r, lang)) << "</title><style>" << kStyle << "</style></head><body>\n"
      << "<header><h1>" << esc(tr(lang, "客服报表", "Customer-service report")) << "</h1><p>"
      << esc(period_line(r, lang)) << "</p></header><main>\n";

  const std::string bars_title = tr(lang, "图表：各指标对比", "Charts: each metric compared");
  const std::string trends_title = tr(lang, "图表：每日走势", "Charts: daily trends");
  out << "<nav class=\"toc\"><strong>" << esc(tr(lang, "目录", "Contents")) << "</strong><ol>"
      << "<li><a href=\"#charts\">" << esc(bars_title) << "</a></li><li><a href=\"#trends\">" << esc(trends_title)
      << "</a></li>";
  std::optional<Section> scorecard;
  if (ctx.scorecard) scorecard = scorecard_section(*ctx.scorecard, ctx);
  for (const Section& s : sections) out << "<li><a href=\"#" << esc(s.id) << "\">" << esc(s.title) << "</a></li>";
  if (scorecard) out << "<li><a href=\"#" << esc(scorecard->id) << "\">" << esc(scorecard->title) << "</a></li>";
  out << "<li><a href=\"#definitions\">" << esc(tr(lang, "指标定义", "What the metrics mean")) << "</a></li></ol></nav>\n";

  out << "<section id=\"charts\"><h2>" << esc(bars_title) << "</h2><p class=\"legend\">"
      << "<i style=\"background:#4e79a7\"></i>" << esc(tr(lang, "本期", "this period"))
      << "<i style=\"background:#d62728\"></i>" << esc(tr(lang, "本期未达标", "this period, KPI missed"))
      << "<i style=\"background:#b9c3cd;height:5px\"></i>" << esc(tr(lang, "上期", "previous period"))
      << "<i style=\"background:#111;width:2px;height:14px\"></i>" << esc(tr(lang, "目标", "target"))
      << "　" << esc(tr(lang, "横轴从 0 起；右侧为本期值与变化（绿色变好，红色变差）。",
                         "Axes start at 0; on the right, the value and its change (green better, red worse)."))
      << "</p><div class=\"charts\">";
  for (std::size_t m = 0; m < r.metrics.size(); ++m) out << bar_chart(r, m, ctx);
  out << "</div></section>\n<section id=\"trends\"><h2>" << esc(trends_title) << "</h2><p class=\"legend\">"
      << esc(tr(lang, "每格一店，同一指标纵轴相同；虚线为目标，红点为异常日。",
                "One panel per shop, the same axis for one metric; the dashed line is the target, red dots are "
                "unusual days."))
      << "</p>";
  std::set<std::string> charted;
  for (const std::string& metric : r.metrics)
    if (def_of(metric).unit != "count" && charted.insert(metric).second) out << trend_block(r, metric, ctx, shop_names);
  out << "</section>\n";

  for (const Section& s : sections) out << (s.id == "grid" ? grid_html(r, s, ctx) : table_html(s, lang)) << "\n";
  if (scorecard) out << table_html(*scorecard, lang) << "\n";
  out << definitions_html(r, lang) << "<p class=\"note\">"
      << esc(tr(lang, "由 Kefu 生成；页面不依赖网络。", "Made by Kefu; the page needs no network.")) << "</p>"
      << "</main><script>" << kScript << "</script></body></html>\n";
}

}  // namespace kefu::host::report
