// The scorecard's sheet (绩效表) of the report workbook: numbers as numbers (values in their
// unit's format, points and score to one decimal), the rule written under the table, frozen
// header row, a filter, and landscape printing fitted to one page wide.
#include "model/catalog.h"
#include "present/scorecard.h"

#include <xlsxwriter.h>

#include <stdexcept>

namespace kefu::host::report {

void scorecard_sheet(lxw_workbook* book, const Scorecard& card, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  const Section s = scorecard_section(card, ctx);
  lxw_worksheet* ws = workbook_add_worksheet(book, tr(lang, "绩效表", "Scorecard"));
  if (!ws) throw std::runtime_error("cannot add the scorecard sheet");
  auto format = [&](auto setup) {
    lxw_format* f = workbook_add_format(book);
    setup(f);
    return f;
  };
  lxw_format* header = format([](lxw_format* f) {
    format_set_bold(f);
    format_set_bg_color(f, 0xDDEBF7);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_text_wrap(f);
  });
  lxw_format* ratio = format([](lxw_format* f) { format_set_num_format(f, "0.0%"); });
  lxw_format* seconds = format([&](lxw_format* f) { format_set_num_format(f, lang == Lang::zh ? "0.0\" 秒\"" : "0.0\" s\""); });
  lxw_format* one = format([](lxw_format* f) { format_set_num_format(f, "0.0"); });
  lxw_format* score = format([](lxw_format* f) {
    format_set_num_format(f, "0.0");
    format_set_bold(f);
  });
  lxw_format* wrap = format([](lxw_format* f) { format_set_text_wrap(f); });

  for (std::size_t c = 0; c < s.header.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), s.header[c].c_str(), header);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c < 4 ? 12 : 11, nullptr);
  }
  worksheet_set_row(ws, 0, 32, nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t row = 1;
  for (const ScoreRow& x : card.rows) {
    const auto& text = s.rows[row - 1];
    for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(ws, row, c, text[c].c_str(), nullptr);
    if (x.rank) worksheet_write_number(ws, row, 1, *x.rank, nullptr);  // a number, so it sorts
    lxw_col_t c = 4;
    for (const ScoreLine& l : x.lines) {
      const MetricDef* def = find_metric(l.metric);
      const std::string_view unit = def ? def->unit : "";
      if (l.value) worksheet_write_number(ws, row, c, *l.value, unit == "ratio" ? ratio : unit == "seconds" ? seconds : nullptr);
      if (l.points) worksheet_write_number(ws, row, c + 1, *l.points, one);
      else worksheet_write_string(ws, row, c + 1, text[c + 1].c_str(), nullptr);
      if (l.contribution) worksheet_write_number(ws, row, c + 2, *l.contribution, one);
      c += 3;
    }
    if (x.score) worksheet_write_number(ws, row, c, *x.score, score);
    ++row;
  }
  if (row > 1) worksheet_autofilter(ws, 0, 0, row - 1, static_cast<lxw_col_t>(s.header.size() - 1));
  // The rule under the table, merged across it so it wraps readably.
  row += 1;
  const lxw_col_t last = static_cast<lxw_col_t>(std::max<std::size_t>(s.header.size(), 8) - 1);
  for (const std::string& line : s.lines) {
    worksheet_merge_range(ws, row, 0, row, last, line.c_str(), wrap);
    worksheet_set_row(ws, row, line.size() > 200 ? 48 : 18, nullptr);
    ++row;
  }
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, 0, 0);
}

}  // namespace kefu::host::report
