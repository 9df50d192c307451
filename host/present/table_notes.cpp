#include "present/table_notes.h"

namespace kefu::host {

std::string table_note(const TableSource& s, Lang lang) {
  switch (s.kind) {
    case TableSource::Kind::text:
      return "";
    case TableSource::Kind::unicode_text:
      return tr(lang, "Excel“Unicode 文本”（UTF-16，制表符分隔）已转为 CSV 读取",
                "Excel \"Unicode text\" (UTF-16, TAB-separated) read as CSV");
    case TableSource::Kind::xlsx:
      break;
  }
  std::string out = lang == Lang::zh ? "xlsx 工作表“" + s.sheet + "”已转为 CSV 读取"
                                     : "xlsx sheet \"" + s.sheet + "\" read as CSV";
  if (s.date_cells > 0) {
    out += lang == Lang::zh ? "；" + std::to_string(s.date_cells) + " 个日期单元格按表中时间读出（" +
                                  (s.date1904 ? "1904" : "1900") + " 日期系统）"
                            : "; " + std::to_string(s.date_cells) + " date cells written as the sheet's own times (" +
                                  (s.date1904 ? "1904" : "1900") + " date system)";
  } else if (s.date1904) {
    out += tr(lang, "（1904 日期系统）", " (1904 date system)");
  }
  return out;
}

}  // namespace kefu::host
