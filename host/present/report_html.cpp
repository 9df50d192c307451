// The report as one self-contained HTML page: inline CSS, inline SVG charts drawn here (no
// chart library, nothing fetched at view time), the same tables as the terminal, and a few lines
// of script that sort a table by a clicked column.
#include "base/calendar.h"
#include "model/catalog.h"
#include "present/report_render.h"
#include "present/scorecard.h"
#include "present/sections.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
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

// Colour-blind-safe palette (Okabe–Ito), cycled for the shops of a trend chart.
constexpr const char* kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                    "#56B4E9", "#D55E00", "#F0E442", "#000000"};

// The value axis of a chart: rates zoom to where the values are (a 97% vs 99% difference must
// be visible) but never past 0-100%; times and counts start at zero.
struct Axis {
  double lo = 0, hi = 1;

  Axis(std::string_view unit, double min_v, double max_v) {
    if (unit == "ratio") {
      lo = std::max(0.0, std::floor((min_v - 0.02) * 20) / 20);
      hi = std::min(1.0, std::ceil((max_v + 0.005) * 20) / 20);
      if (hi <= lo) hi = std::min(1.0, lo + 0.05);
    } else {
      lo = 0;
      hi = max_v > 0 ? max_v * 1.15 : 1;
    }
  }
  double y(double v, double top, double height) const { return top + height * (1 - (v - lo) / (hi - lo)); }
};

constexpr double kW = 640, kH = 260, kLeft = 64, kRight = 16, kTop = 28, kBottom = 64;

std::string axis_svg(const Axis& axis, const std::string& metric, Lang lang) {
  std::string s;
  const double plot_h = kH - kTop - kBottom;
  for (int i = 0; i <= 4; ++i) {
    const double v = axis.lo + (axis.hi - axis.lo) * i / 4;
    const double y = axis.y(v, kTop, plot_h);
    s += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(kW - kRight) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y) +
         "\" class=\"grid\"/>";
    s += "<text x=\"" + num(kLeft - 6) + "\" y=\"" + num(y + 4) + "\" class=\"tick\" text-anchor=\"end\">" +
         esc(format_value(metric, v, lang)) + "</text>";
  }
  return s;
}

std::string svg_open(const std::string& id, const std::string& title) {
  return "<figure class=\"chart\"><figcaption>" + esc(title) + "</figcaption><svg id=\"" + esc(id) +
         "\" viewBox=\"0 0 " + num(kW) + " " + num(kH) + "\" role=\"img\" aria-label=\"" + esc(title) + "\">";
}

// Per metric: one bar per row (shop, agent or platform), red when it misses its KPI, with the
// row's target drawn across its bar.
std::string bar_chart(const Report& r, std::size_t m, const RenderContext& ctx) {
  const std::string& metric = r.metrics[m];
  const MetricDef& def = *find_metric(metric);
  std::vector<const Row*> rows;
  double lo = 1e300, hi = -1e300;
  for (const Row& row : r.rows) {
    const Cell& c = row.cells[m];
    if (row.total || !c.value) continue;
    rows.push_back(&row);
    lo = std::min(lo, *c.value), hi = std::max(hi, *c.value);
    if (c.target) lo = std::min(lo, c.target->value), hi = std::max(hi, c.target->value);
  }
  if (rows.empty()) return "";
  const Axis axis(def.unit, lo, hi);
  const double plot_w = kW - kLeft - kRight, plot_h = kH - kTop - kBottom;
  const double slot = plot_w / static_cast<double>(rows.size()), bar = std::min(48.0, slot * 0.6);
  std::string s = svg_open("bar-" + metric, metric_name(metric, ctx.lang) + tr(ctx.lang, "（按", " (by ") +
                                                (r.by == By::shop    ? tr(ctx.lang, "店铺", "shop")
                                                 : r.by == By::agent ? tr(ctx.lang, "客服", "agent")
                                                 : r.by == By::person ? tr(ctx.lang, "人员", "person")
                                                 : r.by == By::group ? tr(ctx.lang, "组", "group")
                                                                     : tr(ctx.lang, "平台", "platform")) +
                                                tr(ctx.lang, "，横线为目标）", "; ticks are targets)"));
  s += axis_svg(axis, metric, ctx.lang);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Cell& c = rows[i]->cells[m];
    const double x = kLeft + slot * static_cast<double>(i) + (slot - bar) / 2;
    const double y = axis.y(std::max(*c.value, axis.lo), kTop, plot_h);
    const std::string cls = c.status == KpiStatus::missed ? "bar miss" : "bar";
    s += "<rect class=\"" + cls + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(bar) + "\" height=\"" +
         num(kTop + plot_h - y) + "\"><title>" +
         esc(row_name(*rows[i], ctx) + " " + format_value(metric, c.value, ctx.lang)) + "</title></rect>";
    s += "<text class=\"val\" x=\"" + num(x + bar / 2) + "\" y=\"" + num(y - 4) + "\" text-anchor=\"middle\">" +
         esc(format_value(metric, c.value, ctx.lang)) + "</text>";
    if (c.target) {
      const double ty = axis.y(c.target->value, kTop, plot_h);
      s += "<line class=\"target\" x1=\"" + num(x - 6) + "\" x2=\"" + num(x + bar + 6) + "\" y1=\"" + num(ty) +
           "\" y2=\"" + num(ty) + "\"><title>" +
           esc(tr(ctx.lang, "目标 ", "target ") + format_value(metric, c.target->value, ctx.lang)) + "</title></line>";
    }
    s += "<text class=\"label\" x=\"" + num(x + bar / 2) + "\" y=\"" + num(kTop + plot_h + 16) +
         "\" text-anchor=\"middle\">" + esc(row_name(*rows[i], ctx)) + "</text>";
  }
  return s + "</svg></figure>";
}

// Per metric: one line per shop over the days of the period.
std::string trend_chart(const Report& r, const std::string& metric, const RenderContext& ctx,
                        const std::map<std::string, std::string>& shop_names) {
  std::map<std::string, std::vector<const DailyPoint*>> lines;
  double lo = 1e300, hi = -1e300;
  for (const DailyPoint& p : r.daily) {
    if (p.metric != metric) continue;
    lines[p.row_key].push_back(&p);
    lo = std::min(lo, p.value), hi = std::max(hi, p.value);
  }
  if (lines.empty()) return "";
  const MetricDef& def = *find_metric(metric);
  const Axis axis(def.unit, lo, hi);
  const double plot_w = kW - kLeft - kRight, plot_h = kH - kTop - kBottom;
  const int days = r.period.days();
  const auto x_of = [&](const std::string& day) {
    const double index = calendar::parse_day(day).value_or(r.period.first) - r.period.first;
    return kLeft + (days > 1 ? plot_w * index / (days - 1) : plot_w / 2);
  };
  std::string s = svg_open(
      "trend-" + metric, metric_name(metric, ctx.lang) + tr(ctx.lang, "：每日走势（按店铺）", ": daily trend by shop"));
  s += axis_svg(axis, metric, ctx.lang);
  for (int d = 0; d < days; ++d) {
    const std::string day = calendar::format_day(r.period.first + d);
    if (days <= 14 || d % (days / 7) == 0)
      s += "<text class=\"tick\" x=\"" + num(x_of(day)) + "\" y=\"" + num(kTop + plot_h + 16) +
           "\" text-anchor=\"middle\">" + day.substr(5) + "</text>";
  }
  std::size_t colour = 0;
  std::string legend;
  for (const auto& [key, points] : lines) {
    const char* stroke = kPalette[colour++ % std::size(kPalette)];
    std::string path;
    for (const DailyPoint* p : points)
      path += (path.empty() ? "" : " ") + num(x_of(p->day)) + "," + num(axis.y(p->value, kTop, plot_h));
    const auto name = shop_names.contains(key) ? shop_names.at(key) : key;
    s += "<polyline class=\"line\" stroke=\"" + std::string(stroke) + "\" points=\"" + path + "\"><title>" + esc(name) +
         "</title></polyline>";
    for (const DailyPoint* p : points)
      s += "<circle r=\"2.5\" fill=\"" + std::string(stroke) + "\" cx=\"" + num(x_of(p->day)) + "\" cy=\"" +
           num(axis.y(p->value, kTop, plot_h)) + "\"><title>" +
           esc(name + " " + p->day + " " + format_value(metric, p->value, ctx.lang)) + "</title></circle>";
    legend += "<span class=\"key\"><i style=\"background:" + std::string(stroke) + "\"></i>" + esc(name) + "</span>";
  }
  return s + "</svg><div class=\"legend\">" + legend + "</div></figure>";
}

std::string table_html(const Section& s) {
  std::string h = "<section id=\"" + esc(s.id) + "\"><h2>" + esc(s.title) + "</h2>";
  for (const auto& line : s.lines) h += "<p class=\"note\">" + esc(line) + "</p>";
  if (!s.rows.empty()) {
    h += "<div class=\"scroll\"><table class=\"sortable\"><thead><tr>";
    for (const auto& c : s.header) h += "<th>" + esc(c) + "</th>";
    h += "</tr></thead><tbody>";
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
      const bool miss = i < s.row_missed.size() && s.row_missed[i];
      const std::string id = i < s.row_ids.size() ? s.row_ids[i] : "";
      const std::string link = i < s.row_links.size() ? s.row_links[i] : "";
      h += "<tr" + std::string(miss ? " class=\"miss\"" : "") + (id.empty() ? "" : " id=\"" + esc(id) + "\"") + ">";
      for (std::size_t c = 0; c < s.rows[i].size(); ++c) {
        // A grid row links from its name to the sessions behind its shortfalls.
        const bool linked = c == 0 && !link.empty();
        h += "<td>" + std::string(linked ? "<a href=\"" + esc(link) + "\">" : "") + esc(s.rows[i][c]) +
             (linked ? "</a>" : "") + "</td>";
      }
      h += "</tr>";
    }
    h += "</tbody></table></div>";
  }
  return h + "</section>";
}

constexpr const char* kStyle = R"(
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1f3b57;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;opacity:.85}
main{max-width:1320px;margin:0 auto;padding:16px 24px}
h2{font-size:17px;border-left:4px solid #1f3b57;padding-left:8px;margin-top:28px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:16px}
figure.chart{background:#fff;border:1px solid #ddd;border-radius:6px;margin:0;padding:8px}
figcaption{font-weight:600;font-size:14px;margin-bottom:4px}svg{width:100%;height:auto}
.grid{stroke:#e5e5e5}.tick,.label,.val{font-size:11px;fill:#555}.val{fill:#222}
.bar{fill:#4e79a7}.bar.miss{fill:#d62728}.target{stroke:#111;stroke-width:2.5}
.line{fill:none;stroke-width:2}.legend{font-size:12px}.key{margin-right:12px;white-space:nowrap}
.key i{display:inline-block;width:12px;height:3px;margin-right:4px;vertical-align:middle}
.scroll{overflow-x:auto}table{border-collapse:collapse;background:#fff;font-size:13px}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}th{background:#eef3f8;cursor:pointer}
tr.miss td{background:#fdecea}.note{color:#555;font-size:13px;max-width:980px}
)";

// Click a header to sort by that column (numbers by value, text by Chinese collation).
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
document.body.dataset.charts = String(document.querySelectorAll('svg rect.bar, svg polyline.line').length);
)";

}  // namespace

void render_html(const Report& r, const RenderContext& ctx, std::ostream& out) {
  const Lang lang = ctx.lang;
  std::map<std::string, std::string> shop_names;
  for (const Row& row : r.rows)
    if (r.by == By::shop && !row.total) shop_names[row.key] = row.label;
  for (const Anomaly& a : r.anomalies) shop_names.emplace(a.row_key, a.label);

  out << "<!doctype html>\n<html lang=\"" << (lang == Lang::zh ? "zh-CN" : "en") << "\"><head><meta charset=\"utf-8\">"
      << "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      << "<title>" << esc(report_title(r, lang)) << "</title><style>" << kStyle << "</style></head><body>\n"
      << "<header><h1>" << esc(tr(lang, "客服报表", "Customer-service report")) << "</h1><p>"
      << esc(period_line(r, lang)) << "</p></header><main>\n";

  out << "<section id=\"charts\"><h2>" << esc(tr(lang, "图表：各指标对比", "Charts: each metric compared"))
      << "</h2><div class=\"charts\">";
  for (std::size_t m = 0; m < r.metrics.size(); ++m) out << bar_chart(r, m, ctx);
  out << "</div><h2>" << esc(tr(lang, "图表：每日走势", "Charts: daily trends")) << "</h2><div class=\"charts\">";
  std::set<std::string> charted;
  for (const std::string& metric : r.metrics) {
    const MetricDef& def = *find_metric(metric);
    if (def.unit != "count" && charted.insert(metric).second) out << trend_chart(r, metric, ctx, shop_names);
  }
  out << "</div></section>\n";

  for (const Section& s : report_sections(r, ctx)) out << table_html(s) << "\n";
  if (ctx.scorecard) out << table_html(scorecard_section(*ctx.scorecard, ctx)) << "\n";
  out << "<p class=\"note\">"
      << esc(tr(lang, "由 Kefu 生成；页面不依赖网络。", "Made by Kefu; the page needs no network.")) << "</p>"
      << "</main><script>" << kScript << "</script></body></html>\n";
}

}  // namespace kefu::host::report
