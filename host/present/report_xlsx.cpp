// The report as an Excel workbook (libxlsxwriter): a summary sheet of values with KPI misses
// highlighted by conditional formatting, one detail sheet per view (shop, agent, platform), the
// daily values, the unusual days, the platforms' own figures, and a sheet saying what is what.
// Numbers are written as numbers with formats (%, seconds), so a supervisor can keep computing.
// Every sheet prints the way supervisors print it: A4 landscape, one page wide, the header rows
// repeated on each page; panes frozen below the header, filters on the header, and input files
// named by their file name only (a local path says nothing to a reader and leaks the machine's
// layout).
#include "base/output_file.h"
#include "model/catalog.h"
#include "present/report_render.h"
#include "present/compliance_sections.h"
#include "present/period_sections.h"
#include "present/scorecard.h"
#include "present/sections.h"

#include <xlsxwriter.h>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <map>
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
    score_ = format([](lxw_format* f) { format_set_num_format(f, "+0.0;-0.0;0.0"); });
    better_ = format([](lxw_format* f) { format_set_font_color(f, 0x1A7F37); });
    worse_ = format([](lxw_format* f) { format_set_font_color(f, 0xB3261E); });
    group_ = format([](lxw_format* f) {
      format_set_bold(f);
      format_set_bg_color(f, 0xBDD7EE);
      format_set_border(f, LXW_BORDER_THIN);
      format_set_align(f, LXW_ALIGN_CENTER);
    });
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

  // A sheet with its header on row `header_row` (rows above it: a group header the caller
  // writes), frozen below the header and, with `frozen_cols`, right of the name columns.
  lxw_worksheet* sheet(const std::string& name, const std::vector<std::string>& header,
                       const std::vector<double>& widths, std::size_t header_row = 0, std::size_t frozen_cols = 0) {
    lxw_worksheet* ws = workbook_add_worksheet(book_, name.c_str());
    if (!ws) throw std::runtime_error("cannot add the sheet " + name);
    const auto hr = static_cast<lxw_row_t>(header_row);
    for (std::size_t c = 0; c < header.size(); ++c) {
      worksheet_write_string(ws, hr, col(c), header[c].c_str(), header_);
      worksheet_set_column(ws, col(c), col(c), c < widths.size() ? widths[c] : 14, nullptr);
    }
    worksheet_set_row(ws, hr, 30, nullptr);
    worksheet_freeze_panes(ws, hr + 1, col(frozen_cols));
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);          // A4
    worksheet_fit_to_pages(ws, 1, 0);    // one page wide, as many long as it takes
    worksheet_repeat_rows(ws, 0, hr);    // the header on every printed page
    if (frozen_cols > 0) worksheet_repeat_columns(ws, 0, col(frozen_cols - 1));
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
    return ws;
  }
  // A header over several columns (汇总: a metric over its 本期/上期/变化/目标).
  void group_header(lxw_worksheet* ws, std::size_t row, std::size_t first, std::size_t last, const std::string& s) {
    worksheet_merge_range(ws, static_cast<lxw_row_t>(row), col(first), static_cast<lxw_row_t>(row), col(last),
                          s.c_str(), group_);
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
  // A change of a count, signed (+3, -1, 0).
  void change_count(lxw_worksheet* ws, std::size_t row, std::size_t c, double v) {
    worksheet_write_number(ws, static_cast<lxw_row_t>(row), col(c), v, signed_count_);
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
  // A z-score, shown to one decimal (the cell keeps the full value).
  void score(lxw_worksheet* ws, std::size_t row, std::size_t c, std::optional<double> v) {
    if (v) worksheet_write_number(ws, static_cast<lxw_row_t>(row), col(c), *v, score_);
  }

  // Colours a column of changes by the metric's direction: green for better, red for worse.
  void direction_rule(lxw_worksheet* ws, std::size_t first_row, std::size_t last_row, std::size_t c,
                      std::string_view metric) {
    const MetricDef* def = find_metric(metric);
    if (!def || def->better == Better::neither || last_row < first_row) return;
    for (const bool up : {true, false}) {
      lxw_conditional_format cf{};
      cf.type = LXW_CONDITIONAL_TYPE_CELL;
      cf.criteria = up ? LXW_CONDITIONAL_CRITERIA_GREATER_THAN : LXW_CONDITIONAL_CRITERIA_LESS_THAN;
      cf.value = 0;
      cf.format = up == (def->better == Better::higher) ? better_ : worse_;
      worksheet_conditional_format_range(ws, static_cast<lxw_row_t>(first_row), col(c),
                                         static_cast<lxw_row_t>(last_row), col(c), &cf);
    }
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
  void filter(lxw_worksheet* ws, std::size_t last_row, std::size_t last_col, std::size_t header_row = 0) {
    if (last_row > header_row)
      worksheet_autofilter(ws, static_cast<lxw_row_t>(header_row), 0, static_cast<lxw_row_t>(last_row), col(last_col));
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
  lxw_format *header_, *ratio_, *seconds_, *count_, *points_, *signed_seconds_, *signed_count_, *pct_, *miss_, *wrap_, *score_,
      *better_, *worse_, *group_;
};

// An input file by its name only: the local path stays on the machine that ran the ingest (the
// JSON output keeps it whole). A URL is not a local path and stays as it is.
std::string file_name(const std::string& source) {
  if (source.find("://") != std::string::npos) return source;
  const auto slash = source.find_last_of("/\\");
  return slash == std::string::npos ? source : source.substr(slash + 1);
}

// 变好 / 变差 for a change, in the catalog's direction; "" when there is none to judge.
std::string change_direction(std::string_view metric, std::optional<double> change, Lang lang) {
  const auto better = change_is_better(metric, change);
  return better ? (*better ? tr(lang, "变好", "better") : tr(lang, "变差", "worse")) : "";
}

std::string view_sheet_name(By by, Lang lang) {
  return tr(lang, "按", "By ") + in_phrase(view_name(by, lang));
}

// Summary: one row per row of the main view; per metric its value this period, the previous
// period's, the change (coloured by direction) and the target (the value red when it misses).
// Volumes take no target, so they have no target column: the sheet stays narrow enough to
// print one page wide in landscape.
void summary_sheet(Workbook& wb, const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  std::vector<std::string> header{tr(lang, "名称", "Name"), tr(lang, "平台", "Platform"), tr(lang, "组", "Group")};
  std::vector<double> widths{26, 9, 7};
  std::vector<std::size_t> first;  // per metric, its first column
  for (const std::string& m : r.metrics) {
    first.push_back(header.size());
    header.insert(header.end(), {tr(lang, "本期", "This period"), tr(lang, "上期", "Previous"), tr(lang, "变化", "Change")});
    widths.insert(widths.end(), {9, 9, 8.5});
    if (find_metric(m) && find_metric(m)->better != Better::neither) {
      header.push_back(tr(lang, "目标", "Target"));
      widths.push_back(8);
    }
  }
  lxw_worksheet* ws = wb.sheet(tr(lang, "汇总", "Summary"), header, widths, 1, 1);
  for (std::size_t i = 0; i < r.metrics.size(); ++i)
    wb.group_header(ws, 0, first[i], (i + 1 < first.size() ? first[i + 1] : header.size()) - 1,
                    metric_name(r.metrics[i], lang));
  std::size_t row = 2;
  for (const Row& x : r.rows) {
    wb.text(ws, row, 0, row_name(x, ctx));
    wb.text(ws, row, 1, x.total ? "" : platform_name(x.platform, ctx));
    wb.text(ws, row, 2, x.group);
    for (std::size_t i = 0; i < r.metrics.size(); ++i) {
      const Cell& c = x.cells[i];
      const std::string& m = r.metrics[i];
      const std::size_t at = first[i];
      wb.value(ws, row, at, m, c.value);
      wb.value(ws, row, at + 1, m, c.previous);
      if (find_metric(m) && find_metric(m)->unit == "count")
        wb.pct(ws, row, at + 2, c.change_pct);  // volumes change in %, as in the report
      else
        wb.change(ws, row, at + 2, m, c.change);
      const bool target_column = (i + 1 < first.size() ? first[i + 1] : header.size()) - at == 4;
      if (c.target && target_column) wb.value(ws, row, at + 3, m, c.target->value);
      if (c.value && c.target) wb.kpi_rule(ws, row, at, m, c.target->value);
    }
    ++row;
  }
  for (std::size_t i = 0; i < r.metrics.size(); ++i) wb.direction_rule(ws, 2, row - 1, first[i] + 2, r.metrics[i]);
  wb.filter(ws, row - 1, header.size() - 1, 1);
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
                                        tr(lang, "分母", "Denominator"), tr(lang, "变好/变差", "Better/worse")};
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
      if (const std::string dir = change_direction(m, c.change, lang); !dir.empty()) wb.text(ws, row, 13, dir);
      if (c.target) {
        wb.value(ws, row, 8, m, c.target->value);
        wb.text(ws, row, 9, scope_name(c.target->scope, ctx));
      }
      wb.change(ws, row, 10, m, c.gap);
      wb.text(ws, row, 11, status_name(c.status, lang));
      if (c.denominator > 0) wb.plain(ws, row, 12, c.denominator);
    }
  wb.text_rule(ws, row - 1, 11, status_name(KpiStatus::missed, lang));
  wb.text_rule(ws, row - 1, 13, tr(lang, "变差", "worse"));
  wb.filter(ws, row - 1, header.size() - 1);
}

// One row per shop and day, a value and a denominator column per metric: a month of 16 shops is
// about 500 rows that print on a few landscape pages (in long form, one row per metric, it was
// thousands). The denominator is what the day's rate or mean divides (segments, turns).
void daily_sheet(Workbook& wb, const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  std::vector<std::string> metrics;  // in the report's order, those with daily points
  for (const std::string& m : r.metrics)
    if (std::any_of(r.daily.begin(), r.daily.end(), [&](const DailyPoint& p) { return p.metric == m; }))
      metrics.push_back(m);
  std::vector<std::string> header{tr(lang, "日期", "Day"), tr(lang, "店铺", "Shop"), tr(lang, "平台", "Platform")};
  std::vector<double> widths{12, 22, 10};
  for (const std::string& m : metrics) {
    header.push_back(metric_name(m, lang));
    header.push_back(metric_name(m, lang) + tr(lang, " 分母", " denominator"));
    widths.insert(widths.end(), {12, 10});
  }
  lxw_worksheet* ws = wb.sheet(tr(lang, "每日", "Daily"), header, widths, 0, 2);
  std::map<std::pair<std::string, std::string>, std::map<std::string, const DailyPoint*>> by_day_shop;
  for (const DailyPoint& p : r.daily) by_day_shop[{p.day, p.row_key}][p.metric] = &p;
  std::size_t row = 1;
  for (const auto& [key, points] : by_day_shop) {
    const auto& [day, row_key] = key;
    wb.text(ws, row, 0, day);
    wb.text(ws, row, 1, row_key.substr(row_key.find('/') + 1));
    wb.text(ws, row, 2, platform_name(row_key.substr(0, row_key.find('/')), ctx));
    for (std::size_t i = 0; i < metrics.size(); ++i) {
      const auto it = points.find(metrics[i]);
      if (it == points.end()) continue;  // no figure that day: an empty cell, never 0
      wb.value(ws, row, 3 + 2 * i, metrics[i], it->second->value);
      if (it->second->denominator > 0) wb.plain(ws, row, 4 + 2 * i, it->second->denominator);
    }
    ++row;
  }
  wb.filter(ws, row - 1, header.size() - 1);
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
    wb.score(ws, row, 6, a.score);
    wb.text(ws, row, 7, a.worse ? tr(lang, "变差", "worse") : tr(lang, "变好", "better"));
    ++row;
  }
  wb.text_rule(ws, row - 1, 7, tr(lang, "变差", "worse"));
  wb.filter(ws, row - 1, 7);
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
    wb.filter(ws, row - 1, s.header.size() - 1);
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
    wb.text(ws, row, 12, file_name(f.source));
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

// A sheet per period view (present/period_sections.h): the section's header and notes, the
// values and changes as numbers in their unit's format.
void period_view_sheets(Workbook& wb, const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  for (const Section& s : period_sections(r, ctx)) {
    const std::string name = s.id == "month_weeks"        ? tr(lang, "本月各周", "Weeks of the month")
                             : s.id == "day_check"        ? tr(lang, "当日核对", "Day check")
                             : s.id == "person_anomalies" ? tr(lang, "个人异常日", "Person unusual days")
                                                          : tr(lang, "轮岗-", "Rotation-") + s.id.substr(9);
    lxw_worksheet* ws = wb.sheet(name, s.header, {18, 10, 14});
    std::size_t row = 1;
    if (s.id == "person_anomalies") {
      for (const Anomaly& a : r.person_anomalies) {
        for (std::size_t c : {0, 1, 2, 3, 7}) wb.text(ws, row, c, s.rows[row - 1][c]);
        wb.value(ws, row, 4, a.metric, a.value);
        wb.value(ws, row, 5, a.metric, a.baseline);
        wb.score(ws, row, 6, a.score);
        ++row;
      }
    } else {
      const PeriodView* view = nullptr;
      for (const PeriodView& v : r.period_views)
        if (s.id == v.kind || s.id == "rotation:" + v.subject) view = &v;
      if (!view) continue;
      const std::size_t n = view->columns.size();
      for (const ViewLine& l : view->lines)
        for (std::size_t m = 0; m < view->metrics.size(); ++m) {
          const std::string& metric = view->metrics[m];
          for (std::size_t c = 0; c < 3; ++c) wb.text(ws, row, c, s.rows[row - 1][c]);
          for (std::size_t c = 0; c < n; ++c) wb.value(ws, row, 3 + c, metric, l.values[m][c]);
          // the changes, as the section computes them: columns after the values
          std::size_t c = 3 + n;
          for (const auto& [a, b] : view_changes(*view)) {
            const auto& x = l.values[m][a];
            const auto& y = l.values[m][b];
            wb.change(ws, row, c++, metric, x && y ? std::optional<double>(*x - *y) : std::nullopt);
          }
          ++row;
        }
    }
    if (row > 1) wb.filter(ws, row - 1, s.header.size() - 1);
    ++row;
    for (const std::string& line : s.lines) wb.long_text(ws, row++, 0, line);
  }
}

// The QC part (report/compliance.h): 质检, one line per row and category with the counts as
// numbers (and the weeks of a longer period below), and 质检明细, every hit with its sentence.
void compliance_sheets(Workbook& wb, const Report& r, const RenderContext& ctx) {
  if (!r.compliance) return;
  const Lang lang = ctx.lang;
  const Compliance& c = *r.compliance;
  const std::vector<Section> sections = compliance_sections(r, ctx, c.hits.size());
  const Section& counts = sections[0];
  lxw_worksheet* ws = wb.sheet(tr(lang, "质检", "QC"), counts.header.empty() ? std::vector<std::string>{""} : counts.header,
                               {22, 10, 18, 8, 8, 10, 10, 8, 14, 18});
  std::size_t row = 1;
  // The section's cells, numbers written as numbers (a "—" or "3 / 1" stays text).
  for (const auto& cells : counts.rows) {
    for (std::size_t col = 0; col < cells.size(); ++col) {
      const std::string& v = cells[col];
      const bool number = !v.empty() && v.find_first_not_of("+-0123456789") == std::string::npos && v != "+" && v != "-";
      if (number && col >= 3 && col <= 7)
        col == 7 ? wb.change_count(ws, row, col, std::stod(v)) : wb.plain(ws, row, col, std::stod(v));
      else
        wb.text(ws, row, col, v);
    }
    ++row;
  }
  if (row > 1) wb.filter(ws, row - 1, counts.header.size() - 1);
  ++row;
  for (const auto& line : counts.lines) wb.long_text(ws, row++, 0, line);
  if (!c.weeks.empty()) {  // each ISO week's hits
    ++row;
    const std::vector<std::string> head{tr(lang, "每周：对象", "By week: row"), tr(lang, "周", "Week"),
                                        tr(lang, "类别", "Category"), tr(lang, "禁用", "Block"),
                                        tr(lang, "提示", "Warn"), tr(lang, "未知", "Unknown")};
    for (std::size_t col = 0; col < head.size(); ++col) wb.text(ws, row, col, head[col]);
    ++row;
    std::map<std::string, std::string> labels;
    for (const ComplianceRow& x : c.rows) labels[x.key] = x.label;
    for (const ComplianceWeek& w : c.weeks) {
      wb.text(ws, row, 0, labels.count(w.row_key) ? labels[w.row_key] : w.row_key);
      wb.text(ws, row, 1, w.week);
      wb.text(ws, row, 2, w.category);
      wb.plain(ws, row, 3, static_cast<double>(w.block));
      wb.plain(ws, row, 4, static_cast<double>(w.warn));
      wb.plain(ws, row, 5, static_cast<double>(w.unknown));
      ++row;
    }
  }
  const Section& lines = sections[1];
  if (lines.rows.empty()) return;
  lxw_worksheet* hits = wb.sheet(tr(lang, "质检明细", "QC hits"), lines.header, {18, 20, 8, 16, 8, 22, 60, 18});
  row = 1;
  for (const auto& cells : lines.rows) {
    for (std::size_t col = 0; col < cells.size(); ++col)
      col == 6 ? wb.long_text(hits, row, col, cells[col]) : wb.text(hits, row, col, cells[col]);
    ++row;
  }
  wb.filter(hits, row - 1, lines.header.size() - 1);
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
    compliance_sheets(wb, views.front(), ctx);
    period_view_sheets(wb, views.front(), ctx);
    missed_sheet(wb, views.front(), ctx);
    native_sheet(wb, views.front(), ctx);
    about_sheet(wb, views.front(), ctx);
    wb.close(path);
  });
}

}  // namespace kefu::host::report
