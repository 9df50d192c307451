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
  std::string out =
      lang == Lang::zh ? "xlsx 工作表“" + s.sheet + "”已转为 CSV 读取" : "xlsx sheet \"" + s.sheet + "\" read as CSV";
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

std::string workbook_error(const xlsx::Error& e, Lang lang) {
  if (lang == Lang::en) return e.what();
  switch (e.problem) {
    case xlsx::Problem::not_zip:
      return e.path + "：不是 xlsx 工作簿（" + e.detail + "）；请在 Excel 中另存为 .xlsx，或另存为 CSV";
    case xlsx::Problem::encrypted:
      return e.path +
             "：是加密（设了密码）的工作簿或旧版 Excel .xls，Kefu 无法读取；请在 Excel 中打开，"
             "另存为不带密码的 .xlsx，或另存为 CSV UTF-8";
    case xlsx::Problem::damaged:
      return e.path + "：xlsx 工作簿已损坏（" + e.detail +
             "）；请用 Excel 或 LibreOffice 打开后重新保存为 .xlsx，或另存为 CSV";
    case xlsx::Problem::unknown_sheet: {
      std::string list;
      for (const auto& n : e.sheets) (list += list.empty() ? "" : "、") += "“" + n + "”";
      return e.path + "：没有名为“" + e.detail + "”的工作表；工作簿中的工作表：" + list + "（用 --sheet 指定其一）";
    }
    case xlsx::Problem::too_large:
      return e.path + "：工作簿过大（" + e.detail + "）；请把导出拆成几个文件";
  }
  return e.what();
}

}  // namespace kefu::host
