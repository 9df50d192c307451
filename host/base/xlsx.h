// Reading the cells of one sheet of an .xlsx workbook, the way platform back-ends hand out their
// exports: libzip opens the archive, expat streams each XML part (no DOM: a chat sheet can be
// hundreds of MB of XML). What a cell holds becomes text, as a CSV saved by Excel would show it
// minus Excel's damage:
//   - shared strings (t="s"), inline strings (t="inlineStr") and formula strings (t="str") as
//     written; booleans TRUE/FALSE; errors (#N/A) as written;
//   - numbers with a date or time format: the naive time "YYYY-MM-DD HH:MM:SS" (".mmm" when
//     there are milliseconds), "YYYY-MM-DD" when the format shows no time and the value is a
//     whole day, "HH:MM:SS" for a time of day below one day; 1900 system (Excel's fictitious
//     1900-02-29 included) or 1904 system as the workbook says;
//   - numbers with a percent format as Excel shows them, "98.5%" for 0.985 (the decimal point
//     moved in the text, so nothing is rounded): platform exports keep rates as percentages;
//   - every other number exactly as stored in the XML (never through a double: an id stays
//     its digits).
// Columns skipped by a cell reference (r="C5" after A5) are empty cells in their place.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::xlsx {

// Why a workbook cannot be read (the message says which file and what to do).
enum class Problem {
  not_zip,        // not a zip archive at all
  encrypted,      // a password-protected workbook or an old .xls (an OLE compound file)
  damaged,        // a zip, but a part is missing or its XML is broken
  unknown_sheet,  // --sheet names no sheet; `sheets` lists them
  too_large,      // a part or a cell past the limits
};

// what() is the English message; present/table_notes.h says it in the user's language.
class Error : public std::runtime_error {
 public:
  Error(Problem problem, std::string path, std::string detail, std::vector<std::string> sheets = {});
  Problem problem;
  std::string path;                 // the file
  std::string detail;               // damaged, not_zip, too_large: what; unknown_sheet: the name asked for
  std::vector<std::string> sheets;  // unknown_sheet: the workbook's sheet names, in order
};

// An OLE compound file (legacy .xls, or an encrypted .xlsx) starts with these bytes.
inline constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
// A zip archive (every .xlsx) starts with a local file header.
inline constexpr std::string_view kZipMagic = "PK\x03\x04";

// What reading a sheet did.
struct SheetStats {
  std::string sheet;             // its name
  bool date1904 = false;         // the workbook uses the 1904 date system
  std::uint64_t rows = 0;        // rows passed to the callback (blank ones included)
  std::uint64_t date_cells = 0;  // numbers read as dates or times
  std::uint64_t xml_bytes = 0;   // uncompressed sheet XML parsed
};

// One row: cells[0..count) are its columns from A, valid during the call; the vector may be
// longer (reused storage). Return false to stop reading (the rest of the sheet is not parsed).
using RowCallback = std::function<bool(const std::vector<std::string_view>& cells, std::size_t count)>;

// The rows of one piece of a sheet read in pieces: 0 when it holds none.
struct SheetPiece {
  std::uint64_t first_row = 0, last_row = 0;
};

class Workbook {
 public:
  // `path` names the file in every message. The bytes form reads a workbook already in memory
  // (standard input, fuzzing); it keeps them.
  static Workbook open_file(const std::string& path);
  static Workbook open_bytes(std::string bytes, const std::string& path);
  Workbook(Workbook&&) noexcept;
  ~Workbook();

  const std::vector<std::string>& sheet_names() const;
  bool date1904() const;

  // Streams the sheet named `sheet` ("" : the first) row by row, a row for every row number
  // from 1 up to the last (rows the XML omits are empty). Throws Error.
  SheetStats read_sheet(const std::string& sheet, const RowCallback& row);

  // The same on several cores: the sheet's XML (up to 1 GiB; larger ones are streamed in one
  // piece) is inflated and cut at row starts into at most `pieces` pieces, each parsed by its
  // own expat parser on its own thread. `row_of(k)` makes piece k's callback, called on that
  // thread with the piece's rows in order. A piece reports rows from its first row on; the rows
  // between the last row of one piece (0 before the first piece) and the first row of the next
  // (SheetPiece) are empty rows the caller adds. Sums the stats of all pieces into `stats`.
  std::vector<SheetPiece> read_sheet_pieces(const std::string& sheet, unsigned pieces,
                                            const std::function<RowCallback(unsigned)>& row_of, SheetStats& stats);

 private:
  std::size_t sheet_index(const std::string& sheet) const;  // throws unknown_sheet
  struct Impl;
  explicit Workbook(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Exposed for tests: is a number format (builtin id, or custom code when not empty) a date or
// time format, and does it show a time of day?
struct DateFormat {
  bool is_date = false;
  bool has_time = false;
  bool is_percent = false;  // not a date, and shows the number times 100 with "%"
};
DateFormat classify_format(int builtin_id, std::string_view code);

// Exposed for tests: a number as written in the XML, times 100, with "%" ("0.985" → "98.5%");
// empty for text that is not a plain decimal number (exponents included).
std::string percent_text(std::string_view number);

// Exposed for tests: an Excel serial day number as text (see above); empty when it is not one
// (negative, not finite, past year 9999).
std::string serial_to_text(double serial, bool date1904, bool has_time);

}  // namespace kefu::host::xlsx
