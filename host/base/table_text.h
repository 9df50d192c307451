// One entry for tabular inputs (chat logs, platform exports, scanned files): whatever the file
// is, its content as UTF-8 CSV text for the CSV readers, and what was done to make it so.
//   - an .xlsx workbook (zip magic, or an .xlsx/.xlsm name): one sheet (the first, or
//     `sheet`) as RFC 4180 CSV, one line per sheet row (base/xlsx.h says how cells read);
//   - UTF-16 text with a BOM (Excel's "Unicode text"): decoded; when its first line holds a TAB
//     it is Excel's TAB-separated table and becomes CSV (Excel's quoting read as written);
//   - anything else: decode_text as before (UTF-8, GB18030), not converted.
// Converting is the simplest correct design: every reader keeps its one CSV path.
#pragma once

#include "base/encoding.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::host {

struct TableOptions {
  std::string sheet;                 // xlsx: the sheet by name ("": the first); ignored for text
  std::optional<Encoding> encoding;  // forced text encoding (--encoding); xlsx is always UTF-8
};

// What was done to the file, said once per file by the commands (present/table_notes.h).
struct TableSource {
  enum class Kind { text, xlsx, unicode_text };
  Kind kind = Kind::text;
  std::string sheet;             // xlsx: the sheet read
  bool date1904 = false;         // xlsx: the workbook's 1904 date system
  std::uint64_t date_cells = 0;  // xlsx: numbers read as dates or times
  std::uint64_t rows = 0;        // xlsx: sheet rows; unicode_text: lines
  std::uint64_t xml_bytes = 0;   // xlsx: sheet XML parsed (benchmarks)

  bool converted() const { return kind != Kind::text; }
};

struct TableText {
  DecodedText decoded;  // .text: UTF-8 CSV (or the decoded text)
  TableSource source;
};

// Whether a file named `path` that starts with `head` is read through a conversion here (a
// workbook, an old .xls or encrypted workbook refused with advice, UTF-16 text) rather than
// as UTF-8/GB18030 text in place. Readers that stream big files look at this first.
bool needs_conversion(std::string_view head, const std::string& path);

// The file as CSV text. `max_bytes` (0: no limit) stops early once that much text is made, for
// detection from a file's head. Throws std::runtime_error naming the file and the fix
// (xlsx::Error for workbooks).
TableText read_table_text(const std::string& path, const TableOptions& options, std::size_t max_bytes = 0);

// The same for bytes already read (`path` names them in messages; standard input, fuzzing).
TableText table_text(std::string bytes, const std::string& path, const TableOptions& options,
                     std::size_t max_bytes = 0);

// Excel's TAB-separated text to CSV: a field starting with a quote runs to its closing quote
// (doubled quotes inside are one), others to the next TAB or line end; CRLF becomes LF.
std::string tab_separated_to_csv(std::string_view text);

}  // namespace kefu::host
