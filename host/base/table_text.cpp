#include "base/table_text.h"

#include "base/input_file.h"
#include "base/output_file.h"
#include "base/xlsx.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace kefu::host {
namespace {

bool has_suffix(const std::string& path, std::string_view suffix) {
  if (path.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), path.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

// A workbook by its bytes; by its name only when the name says .xlsx (an ".xls" from a
// platform back-end is often HTML or TSV text in disguise, and read as text).
bool is_workbook(std::string_view head, const std::string& path) {
  return head.starts_with(xlsx::kZipMagic) || head.starts_with(xlsx::kOleMagic) || has_suffix(path, ".xlsx") ||
         has_suffix(path, ".xlsm");
}

// One sheet row as a CSV line, at least `width` fields wide (0: as wide as it is).
void append_row(std::string& csv, const std::vector<std::string_view>& cells, std::size_t count, std::size_t width) {
  for (std::size_t c = 0; count > 0 && c < std::max(count, width); ++c) {
    if (c) csv += ',';
    if (c < count) append_csv_field(csv, cells[c]);
  }
  csv += '\n';
}

TableSource workbook_source(const xlsx::SheetStats& stats) {
  TableSource s;
  s.kind = TableSource::Kind::xlsx;
  s.sheet = stats.sheet;
  s.date1904 = stats.date1904;
  s.date_cells = stats.date_cells;
  s.rows = stats.rows;
  s.xml_bytes = stats.xml_bytes;
  return s;
}

// The sheet as CSV: one line per sheet row (blank rows stay blank lines, which the CSV readers
// skip, so reject line numbers are sheet row numbers), every row at least as wide as the first
// non-blank one (the header): Excel leaves trailing empty cells out, a CSV row must not.
// `max_bytes` (a file's head) reads from the start and stops early; a whole sheet is read in
// pieces on every core (expat is most of the time) and the pieces' CSV joined in order.
TableText workbook_text(xlsx::Workbook book, const TableOptions& options, std::size_t max_bytes) {
  TableText out;
  std::string& csv = out.decoded.text;
  std::size_t width = 0;
  auto too_large = [](const std::string& text) {
    if (text.size() > kMaxInputBytes)
      throw std::runtime_error("the sheet makes more than 4 GiB of CSV; split the export");
  };
  if (max_bytes > 0) {
    const xlsx::SheetStats stats =
        book.read_sheet(options.sheet, [&](const std::vector<std::string_view>& cells, std::size_t count) {
          if (count > 0 && width == 0) width = count;
          append_row(csv, cells, count, width);
          return csv.size() < max_bytes;
        });
    out.source = workbook_source(stats);
    return out;
  }
  // The header's width first: every piece pads its rows to it.
  book.read_sheet(options.sheet, [&](const std::vector<std::string_view>&, std::size_t count) {
    width = count;
    return count == 0;
  });
  const unsigned cores = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  std::vector<std::string> parts(cores);
  xlsx::SheetStats stats;
  const std::vector<xlsx::SheetPiece> pieces = book.read_sheet_pieces(
      options.sheet, cores,
      [&](unsigned k) {
        return [&part = parts[k], width, &too_large](const std::vector<std::string_view>& cells, std::size_t count) {
          append_row(part, cells, count, width);
          too_large(part);
          return true;
        };
      },
      stats);
  std::size_t total = 0;
  for (const auto& p : parts) total += p.size();
  csv.reserve(total + 16);
  std::uint64_t last = 0;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    if (pieces[k].first_row == 0) continue;  // a piece without rows
    if (pieces[k].first_row <= last) throw std::runtime_error("the sheet's row numbers go backwards; save it again");
    csv.append(pieces[k].first_row - last - 1, '\n');  // the empty rows between two pieces
    csv += parts[k];
    std::string().swap(parts[k]);
    last = pieces[k].last_row;
    too_large(csv);
  }
  stats.rows = last;
  out.source = workbook_source(stats);
  return out;
}

// Decoded UTF-16: Excel's "Unicode text" is TAB-separated; other UTF-16 text stays as it is.
TableText utf16_text(DecodedText decoded) {
  TableText out;
  const std::string_view first_line = std::string_view(decoded.text).substr(0, decoded.text.find('\n'));
  if (first_line.find('\t') != std::string_view::npos) {
    decoded.text = tab_separated_to_csv(decoded.text);
    out.source.kind = TableSource::Kind::unicode_text;
    out.source.rows = static_cast<std::uint64_t>(std::count(decoded.text.begin(), decoded.text.end(), '\n'));
  }
  out.decoded = std::move(decoded);
  return out;
}

}  // namespace

bool needs_conversion(std::string_view head, const std::string& path) {
  return is_workbook(head, path) || utf16_bom(head).has_value();
}

TableText table_text(std::string bytes, const std::string& path, const TableOptions& options, std::size_t max_bytes) {
  if (is_workbook(bytes, path))
    return workbook_text(xlsx::Workbook::open_bytes(std::move(bytes), path), options, max_bytes);
  if (utf16_bom(bytes) && !options.encoding) {
    if (max_bytes && bytes.size() > max_bytes * 2) bytes.resize(max_bytes * 2);  // a head: enough characters
    return utf16_text(decode_text(std::move(bytes)));
  }
  TableText out;
  out.decoded = decode_text(std::move(bytes), options.encoding);
  return out;
}

TableText read_table_text(const std::string& path, const TableOptions& options, std::size_t max_bytes) {
  std::string head(8, '\0');
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot read");
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
  }
  // libzip reads a workbook from the file itself, part by part: never all of it in memory.
  if (is_workbook(head, path)) return workbook_text(xlsx::Workbook::open_file(path), options, max_bytes);
  InputBytes input = read_input_file(path);
  if (!input.bytes) throw std::runtime_error(input.error);
  return table_text(std::move(*input.bytes), path, options, max_bytes);
}

std::string tab_separated_to_csv(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  std::string quoted;
  // The field at `at`; `at` ends on the TAB or line feed after it, or at the end.
  auto next_field = [&](std::size_t& at) -> std::string_view {
    if (at >= text.size() || text[at] != '"') {
      const std::size_t stop = std::min(text.find_first_of("\t\n", at), text.size());
      const std::string_view v = text.substr(at, stop - at);
      at = stop;
      return v;
    }
    quoted.clear();
    std::size_t p = at + 1;
    for (;;) {
      const std::size_t q = text.find('"', p);
      if (q == std::string_view::npos) {  // never closed: the rest is the field
        quoted.append(text.substr(p));
        p = text.size();
        break;
      }
      quoted.append(text.substr(p, q - p));
      p = q + 1;
      if (p < text.size() && text[p] == '"') {
        quoted += '"';
        ++p;
        continue;
      }
      break;
    }
    // Anything between the closing quote and the next TAB or line end belongs to the field.
    const std::size_t stop = std::min(text.find_first_of("\t\n", p), text.size());
    quoted.append(text.substr(p, stop - p));
    at = stop;
    return quoted;
  };
  for (std::size_t at = 0; at < text.size();) {
    for (bool first = true;; first = false) {
      std::string_view value = next_field(at);
      if (!value.empty() && value.back() == '\r' && (at == text.size() || text[at] == '\n')) value.remove_suffix(1);
      if (!first) out += ',';
      append_csv_field(out, value);
      if (at < text.size() && text[at] == '\t') {
        ++at;
        continue;
      }
      break;
    }
    out += '\n';
    if (at < text.size()) ++at;  // the line feed
  }
  return out;
}

}  // namespace kefu::host
