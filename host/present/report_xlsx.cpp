// The report as an Excel workbook (libxlsxwriter): a summary sheet of values with KPI misses
// highlighted by conditional formatting, one detail sheet per view (shop, agent, platform), the
// daily values, the unusual days, the platforms' own figures, and a sheet saying what is what.
// Numbers are written as numbers with formats (%, seconds), so a supervisor can keep computing.
#include "base/output_file.h"
#include "model/catalog.h"
#include "present/report_render.h"
#include "present/scorecard.h"
#include "present/sections.h"

#include <xlsxwriter.h>

#include <unistd.h>
#include <filesystem>
#include <stdexcept>

namespace kefu::host::report {
namespace {

class Workbook {
 public:
  Workbook(const std::string& path, Lang lang) : lang_(lang) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;  // conditional formats and frozen panes need the full sheet
    book_ = workbook_new_opt(path.c_str(), &options);
    if (!book_) throw std::runtime_error(path + ": cannot create the workbook");
    header_ = format([](lxw_format* f) {
      format_set_bold(f);
      format_set_bg_color(f, 0xDDEBF7);
      format_set_border(f, LXW_BORDER_THIN);
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    });
    ratio_ = format([](lxw_format* f) { format_set_num_format(f, "0.0%"); });
    seconds_ =
        format([this](lxw_format* f) { format_set_num_format(f, lang_ == Lang::zh ? "0.0\" 秒\"" : "0.0\" s\""); });
    count_ = format([](lxw_format* f) { format_set_num_format(f, "#,##0"); });
    points_ = format([](lxw_format* f) { format_set_num_format(f, "+0.0\"pp\";-0.0\"pp\";0.0\"pp\""); });
    signed_seconds_ = format([this](lxw_format* f) {
      format_set_num_format(
          f, lang_ == Lang::zh ? "+0.0\" 秒\";-0.0\" 秒\";0.0\" 秒\"" : "+0.0\" s\";-0.0\" s\";0.0\" s\"");
    });
    signed_count_ = format([](lxw_format* f) { format_set_num_format(f, "+#,##0;-#,##0;0"); });
    pct_ = format([](lxw_format* f) { format_set_num_format(f, "+0.0%;-0.0%;0.0%"); });
    miss_ = format([](lxw_format* f) {
      format_set_bg_color(f, 0xFFC7CE);
      format_set_font_color(f, 0x9C0006);
    });
    wrap_ = format([](lxw_format* f) { format_set_text_wrap(f); });
  }
  ~Workbook() {
    if (book_) workbook_close(book_);
  }

  lxw_workbook* book() { return book_; }

  void close(const std::string& path) {
    const lxw_error err = workbook_close(book_);
    book_ = nullptr;
    if (err != LXW_NO_ERROR) throw std::runtime_error(path + ": cannot write the workbook: " + lxw_strerror(err));
  }

  lxw_worksheet* sheet(const std::string& name, const std::vector<std::string>& header,
                       const std::vector<double>& widths) {
    lxw_worksheet* ws = workbook_add_worksheet(book_, name.c_str());
    if (!ws) throw std::runtime_error("cannot add the sheet " + name);
    for (std::size_t c = 0; c < header.size(); ++c) {
      worksheet_write_string(ws, 0, col(c), header[c].c_str(), header_);
      worksheet_set_column(ws, col(c), col(c), c < widths.size() ? widths[c] : 14, nullptr);
    }
    worksheet_set_row(ws, 0, 30, nullptr);
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
  }

  void text(lxw_worksheet* ws, std::size_t row, std::size_t c, const std::string& s) {
    if (!s.empty()) worksheet_write_string(ws, static_cast<lxw_row_t>(row), col(c), s.c_str(), nullptr);
  }
  void long_text(lxw_worksheet* ws, std::size_t row, std::size_t c, const std::string& s) {
    if (!s.empty()) worksheet_write_string(ws, static_cast<lxw_row_t>(row), col(c), s.c_str(), wrap_);
  }
  void plain(lxw_worksheet* ws, std::size_t row, std::size_t c, std::optional<double> v) {
    if (v) worksheet_write_number(ws, static_cast<lxw_row_t>(row), col(c), *v, nullptr);
  }
  // A metric's value in its unit's format.
  void value(lxw_worksheet* ws, std::size_t row, std::size_t c, std::string_view metric, std::optional<double> v) {
    if (v) worksheet_write_number(ws, static_cast<lxw_row_t>(row), col(c), *v, unit_format(metric));
  }
  // A change in the metric's unit: percentage points for rates.
  void change(lxw_worksheet* ws, std::size_t row, std::size_t c, std::string_view metric, std::optional<double> v) {
    if (!v) return;
    const std::string_view unit = unit_of(metric);
    const double shown = unit == "ratio" ? *v * 100 : *v;
    lxw_format* f = unit == "ratio" ? points_ : unit == "seconds" ? signed_seconds_ : signed_count_;
    worksheet_write_number(ws, static_cast<lxw_row_t>(row), col(c), shown, f);
  }
  // A platform's own figure in its value_format.
  void native(lxw_worksheet* ws, std::size_t row, std::size_t c, const std::string& format, std::optional<double> v) {
    if (v) worksheet_write_number(ws, static_cast<lxw_row_t>(row), col(c), *v, native_format(format, false));
  }
  void native_change(lxw_worksheet* ws, std::size_t row, std::size_t c, const std::string& format,
                     std::optional<double> v) {
    if (!v) return;
    const bool rate = format == "percent" || format == "ratio";
    worksheet_write_number(ws, static_cast<lxw_row_t>(row), col(c), rate ? *v * 100 : *v, native_format(format, true));
  }
  void pct(lxw_worksheet* ws, std::size_t row, std::size_t c, std::optional<double> v) {
    if (v) worksheet_write_number(ws, static_cast<lxw_row_t>(row), col(c), *v, pct_);
  }

  // Highlights the cell when its value misses `target` in the metric's direction: a real Excel
  // rule, so it follows the number if someone edits it.
  void kpi_rule(lxw_worksheet* ws, std::size_t row, std::size_t c, std::string_view metric, double target) {
    const MetricDef* def = find_metric(metric);
    if (!def || def->better == Better::neither) return;
    lxw_conditional_format cf{};
    cf.type = LXW_CONDITIONAL_TYPE_CELL;
    cf.criteria =
        def->better == Better::higher ? LXW_CONDITIONAL_CRITERIA_LESS_THAN : LXW_CONDITIONAL_CRITERIA_GREATER_THAN;
    cf.value = target;
    cf.format = miss_;
    worksheet_conditional_format_cell(ws, static_cast<lxw_row_t>(row), col(c), &cf);
  }
  // Highlights cells of a column that contain `word` (未达标, 变差).
  void text_rule(lxw_worksheet* ws, std::size_t last_row, std::size_t c, const std::string& word) {
    if (last_row < 1) return;
    lxw_conditional_format cf{};
    cf.type = LXW_CONDITIONAL_TYPE_TEXT;
    cf.criteria = LXW_CONDITIONAL_CRITERIA_TEXT_CONTAINING;
    cf.value_string = const_cast<char*>(word.c_str());  // copied by the library
    cf.format = miss_;
    worksheet_conditional_format_range(ws, 1, col(c), static_cast<lxw_row_t>(last_row), col(c), &cf);
  }
  void filter(lxw_worksheet* ws, std::size_t last_row, std::size_t last_col) {
    if (last_row >= 1) worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(last_row), col(last_col));
  }

 private:
  static lxw_col_t col(std::size_t c) { return static_cast<lxw_col_t>(c); }
  static std::string_view unit_of(std::string_view metric) {
    const MetricDef* def = find_metric(metric);
    return def ? def->unit : "";
  }
  lxw_format* unit_format(std::string_view metric) const {
    const std::string_view unit = unit_of(metric);
    return unit == "ratio" ? ratio_ : unit == "seconds" ? seconds_ : unit == "count" ? count_ : nullptr;
  }
  lxw_format* native_format(const std::string& format, bool change) const {
    if (format == "percent" || format == "ratio") return change ? points_ : ratio_;
    if (format == "seconds") return change ? signed_seconds_ : seconds_;
    if (format == "count") return change ? signed_count_ : count_;
    return nullptr;
  }
  template <class F>
  lxw_format* format(F setup) {
    lxw_format* f = workbook_add_format(book_);
    setup(f);
    return f;
  }

  Lang lang_;
  lxw_workbook* book_ = nullptr;
  lxw_format *header_, *ratio_, *seconds_, *count_, *points_, *signed_seconds_, *signed_count_, *pct_, *miss_, *wrap_;
};

std::string view_sheet_name(By by, Lang lang) {
  switch (by) {
    case By::agent:
      return tr(lang, "按客服", "By agent");
    case By::platform:
      return tr(lang, "按平台", "By platform");
    case By::person:
      return tr(lang, "按人员", "By person");
    case By::group:
      return tr(lang, "按组", "By group");
    case By::shop:
      break;
  }
  return tr(lang, "按店铺", "By shop");
}

// Summary: one row per row of the main view, one column per metric, misses highlighted.
void summary_sheet(Workbook& wb, const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  std::vector<std::string> header{tr(lang, "名称", "Name"), tr(lang, "平台", "Platform"), tr(lang, "组", "Group")};
  for (const auto& m : r.metrics) header.push_back(metric_name(m, lang));
  lxw_worksheet* ws = wb.sheet(tr(lang, "汇总", "Summary"), header, {22, 10, 10});
  std::size_t row = 1;
  for (const Row& x : r.rows) {
    wb.text(ws, row, 0, row_name(x, ctx));
    wb.text(ws, row, 1, x.total ? "" : platform_name(x.platform, ctx));
    wb.text(ws, row, 2, x.group);
    for (std::size_t i = 0; i < r.metrics.size(); ++i) {
      const Cell& c = x.cells[i];
      wb.value(ws, row, 3 + i, r.metrics[i], c.value);
      if (c.value && c.target) wb.kpi_rule(ws, row, 3 + i, r.metrics[i], c.target->value);
    }
    ++row;
  }
}

// A view in long form: one line per row and metric with everything the grid cell summarizes.
void view_sheet(Workbook& wb, const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  const std::vector<std::string> header{tr(lang, "名称", "Name"),        tr(lang, "平台", "Platform"),
                                        tr(lang, "组", "Group"),         tr(lang, "指标", "Metric"),
                                        tr(lang, "本期", "This period"), tr(lang, "上期", "Previous"),
                                        tr(lang, "变化", "Change"),      tr(lang, "变化 %", "Change %"),
                                        tr(lang, "目标", "Target"),      tr(lang, "目标来自", "Target set at"),
                                        tr(lang, "差距", "Gap"),         tr(lang, "状态", "Status"),
                                        tr(lang, "分母", "Denominator")};
  lxw_worksheet* ws = wb.sheet(view_sheet_name(r.by, lang), header, {22, 10, 10, 14});
  std::size_t row = 1;
  for (const Row& x : r.rows)
    for (std::size_t i = 0; i < r.metrics.size(); ++i, ++row) {
      const Cell& c = x.cells[i];
      const std::string& m = r.metrics[i];
      wb.text(ws, row, 0, row_name(x, ctx));
      wb.text(ws, row, 1, x.total ? "" : platform_name(x.platform, ctx));
      wb.text(ws, row, 2, x.group);
      wb.text(ws, row, 3, metric_name(m, lang));
      wb.value(ws, row, 4, m, c.value);
      wb.value(ws, row, 5, m, c.previous);
      wb.change(ws, row, 6, m, c.change);
      wb.pct(ws, row, 7, c.change_pct);
      if (c.target) {
        wb.value(ws, row, 8, m, c.target->value);
        wb.text(ws, row, 9, scope_name(c.target->scope, ctx));
      }
      wb.change(ws, row, 10, m, c.gap);
      wb.text(ws, row, 11, status_name(c.status, lang));
      if (c.denominator > 0) wb.plain(ws, row, 12, c.denominator);
    }
  wb.text_rule(ws, row - 1, 11, status_name(KpiStatus::missed, lang));
  wb.filter(ws, row - 1, header.size() - 1);
}

void daily_sheet(Workbook& wb, const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  lxw_worksheet* ws = wb.sheet(tr(lang, "每日", "Daily"),
                               {tr(lang, "日期", "Day"), tr(lang, "店铺", "Shop"), tr(lang, "平台", "Platform"),
                                tr(lang, "指标", "Metric"), tr(lang, "数值", "Value"), tr(lang, "分母", "Denominator")},
                               {12, 22, 10, 14});
  std::size_t row = 1;
  for (const DailyPoint& p : r.daily) {
    const std::string shop = p.row_key.substr(p.row_key.find('/') + 1);
    wb.text(ws, row, 0, p.day);
    wb.text(ws, row, 1, shop);
    wb.text(ws, row, 2, platform_name(p.row_key.substr(0, p.row_key.find('/')), ctx));
    wb.text(ws, row, 3, metric_name(p.metric, lang));
    wb.value(ws, row, 4, p.metric, p.value);
    if (p.denominator > 0) wb.plain(ws, row, 5, p.denominator);
    ++row;
  }
  wb.filter(ws, row - 1, 5);
}

void anomaly_sheet(Workbook& wb, const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  lxw_worksheet* ws = wb.sheet(
      tr(lang, "异常日", "Unusual days"),
      {tr(lang, "日期", "Day"), tr(lang, "店铺", "Shop"), tr(lang, "平台", "Platform"), tr(lang, "指标", "Metric"),
       tr(lang, "当日", "Value"), tr(lang, "近期水平", "Recent level"), "z", tr(lang, "方向", "Direction")},
      {12, 22, 10, 14, 12, 14});
  std::size_t row = 1;
  for (const Anomaly& a : r.anomalies) {
    wb.text(ws, row, 0, a.day);
    wb.text(ws, row, 1, a.label);
    wb.text(ws, row, 2, platform_name(a.platform, ctx));
    wb.text(ws, row, 3, metric_name(a.metric, lang));
    wb.value(ws, row, 4, a.metric, a.value);
    wb.value(ws, row, 5, a.metric, a.baseline);
    wb.plain(ws, row, 6, a.score);
    wb.text(ws, row, 7, a.worse ? tr(lang, "变差", "worse") : tr(lang, "变好", "better"));
    ++row;
  }
  wb.text_rule(ws, row - 1, 7, tr(lang, "变差", "worse"));
  wb.long_text(ws, row + 1, 0, anomaly_rule(lang));
}

// The sessions behind the shortfalls, the same rows as the report's section (sections.cpp).
void missed_sheet(Workbook& wb, const Report& r, const RenderContext& ctx) {
  if (r.missed_totals.empty()) return;
  for (const Section& s : report_sections(r, ctx)) {
    if (s.id != "missed") continue;
    lxw_worksheet* ws = wb.sheet(tr(ctx.lang, "未达标会话", "Missed sessions"), s.header, {10, 12, 12, 16, 12, 22, 10, 10, 48});
    std::size_t row = 1;
    for (const auto& cells : s.rows) {
      for (std::size_t c = 0; c < cells.size(); ++c) wb.text(ws, row, c, cells[c]);
      ++row;
    }
    ++row;
    for (const auto& line : s.lines) wb.long_text(ws, row++, 0, line);
  }
}

void native_sheet(Workbook& wb, const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  lxw_worksheet* ws =
      wb.sheet(tr(lang, "平台原生指标", "Platform figures"),
               {tr(lang, "平台", "Platform"), tr(lang, "店铺", "Shop"), tr(lang, "客服", "Agent"),
                tr(lang, "平台指标名", "Platform's name"), tr(lang, "对应指标", "Maps to"),
                tr(lang, "本期", "This period"), tr(lang, "上期", "Previous"), tr(lang, "变化", "Change"),
                tr(lang, "天数", "Days"), tr(lang, "待统计天数", "Pending days"), tr(lang, "汇总方式", "Aggregation"),
                tr(lang, "平台口径", "Platform's definition"), tr(lang, "来源", "Source"), tr(lang, "目标", "Target"),
                tr(lang, "目标来自", "Set at"), tr(lang, "状态", "Status")},
               {10, 10, 14, 22, 14, 12, 12, 12, 6, 8, 10, 50, 30, 12, 14, 10});
  std::size_t row = 1;
  for (const NativeFigure& f : r.native) {
    wb.text(ws, row, 0, platform_name(f.platform, ctx));
    wb.text(ws, row, 1, f.shop_id);
    wb.text(ws, row, 2, f.agent_id.empty() ? tr(lang, "整店", "whole shop") : f.agent_id);
    wb.text(ws, row, 3, f.native_name.empty() ? f.metric : f.native_name);
    wb.text(ws, row, 4, find_metric(f.metric) ? metric_name(f.metric, lang) : "—");
    wb.native(ws, row, 5, f.format, f.value);
    wb.native(ws, row, 6, f.format, f.previous);
    wb.native_change(ws, row, 7, f.format, f.change);
    wb.plain(ws, row, 8, f.days);
    wb.plain(ws, row, 9, f.pending_days);
    wb.text(ws, row, 10, f.how == "sum" ? tr(lang, "合计", "total") : tr(lang, "日均", "daily mean"));
    wb.long_text(ws, row, 11, f.definition);
    wb.text(ws, row, 12, f.source);
    if (f.target) {
      wb.native(ws, row, 13, f.format, f.target->value);
      wb.text(ws, row, 14, scope_name(f.target->scope, ctx));
      wb.text(ws, row, 15, status_name(f.status, lang));
    }
    ++row;
  }
  wb.text_rule(ws, row - 1, 15, tr(lang, "未达标", "missed"));
  wb.filter(ws, row - 1, 15);
}

void about_sheet(Workbook& wb, const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  lxw_worksheet* ws =
      wb.sheet(tr(lang, "说明", "About"), {tr(lang, "项目", "Item"), tr(lang, "内容", "Text")}, {18, 110});
  std::vector<std::pair<std::string, std::string>> lines{
      {tr(lang, "报表", "Report"), report_title(r, lang)},
      {tr(lang, "口径", "Definitions"), tr(lang,
                                           "汇总与各视图中的指标都由聊天记录按同一口径重算（docs/metrics.md "
                                           "R1-R15），可跨平台比较；比率与均值按 Σ分子/Σ分母 汇总，不平均每日比率。",
                                           "Metrics on the summary and view sheets are recomputed from chat logs under "
                                           "one definition (docs/metrics.md R1-R15), "
                                           "comparable across platforms; rates and means are "
                                           "sum(numerator)/sum(denominator), never an average of daily rates.")},
      {tr(lang, "平台原生指标", "Platform figures"),
       tr(lang, "各平台自己的口径，只与自己的上期比较。",
          "Each platform's own definitions, compared only with their own previous period.")},
      {tr(lang, "KPI 标记", "KPI marks"),
       tr(lang, "红底：未达标（条件格式，按指标方向与适用目标）。",
          "Red: KPI missed (conditional formatting against the applicable target, in the metric's direction).")},
      {tr(lang, "异常规则", "Unusual days"), anomaly_rule(lang)},
      {tr(lang, "变化最大", "Biggest movers"), mover_rule(lang)}};
  std::size_t row = 1;
  for (const auto& [k, v] : lines) {
    wb.text(ws, row, 0, k);
    wb.long_text(ws, row, 1, v);
    ++row;
  }
}

}  // namespace

void render_xlsx(const std::vector<Report>& views, const RenderContext& ctx, const std::string& path) {
  if (views.empty()) throw std::invalid_argument("render_xlsx: no view");
  // Written in a private directory beside the target and renamed: a reader never opens half a
  // workbook, and a link or pipe at the target is refused, never written through.
  write_file_atomically_by_name(path, [&](const std::string& tmp) {
    Workbook wb(tmp, ctx.lang);
    summary_sheet(wb, views.front(), ctx);
    for (const Report& view : views) view_sheet(wb, view, ctx);
    if (ctx.scorecard) scorecard_sheet(wb.book(), *ctx.scorecard, ctx);
    daily_sheet(wb, views.front(), ctx);
    anomaly_sheet(wb, views.front(), ctx);
    missed_sheet(wb, views.front(), ctx);
    native_sheet(wb, views.front(), ctx);
    about_sheet(wb, views.front(), ctx);
    wb.close(path);
  });
}

}  // namespace kefu::host::report
