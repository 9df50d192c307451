#include "base/xlsx.h"

#include "base/calendar.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <thread>
#include <type_traits>

namespace kefu::host::xlsx {
namespace {

constexpr std::size_t kChunk = 256 * 1024;                             // bytes inflated and parsed at a time
constexpr std::uint64_t kMaxPartBytes = (std::uint64_t{1} << 32) - 1;  // XML of one part (zip bombs)
constexpr std::size_t kMaxColumns = 16384;                             // Excel's limit (XFD)
constexpr std::uint64_t kMaxRows = 1048576;                            // Excel's limit
constexpr std::size_t kMaxCellBytes = 64u << 20;                       // one cell's text
constexpr std::uint64_t kMaxPiecedBytes = 1u << 30;                    // larger sheets are streamed, not held whole

// "x:sheet" and "sheet" are the same element: OOXML writers differ in namespace prefixes.
// One pass over the (short) name: this runs for every element and attribute of a sheet.
inline std::string_view local_name(const char* name) {
  const char* start = name;
  const char* p = name;
  for (; *p; ++p)
    if (*p == ':') start = p + 1;
  return std::string_view(start, static_cast<std::size_t>(p - start));
}

inline const char* attribute(const char** attrs, std::string_view local) {
  for (; *attrs; attrs += 2)
    if (local_name(attrs[0]) == local) return attrs[1];
  return nullptr;
}

// An attribute whose name has a prefix (r:id, the relationship of a sheet), not the plain one.
const char* prefixed_attribute(const char** attrs, std::string_view local) {
  for (; *attrs; attrs += 2)
    if (std::strchr(attrs[0], ':') && local_name(attrs[0]) == local) return attrs[1];
  return nullptr;
}

template <class T>
std::optional<T> parse_number(std::string_view text) {
  T value{};
  const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// The part `target` names, relative to the folder of the part `from` ("" for the package root).
std::string resolve(std::string_view from, std::string_view target) {
  std::vector<std::string> parts;
  if (!target.starts_with('/')) {
    const std::size_t slash = from.rfind('/');
    std::string_view dir = slash == std::string_view::npos ? std::string_view() : from.substr(0, slash);
    for (std::size_t at = 0; at < dir.size();) {
      const std::size_t next = std::min(dir.find('/', at), dir.size());
      parts.emplace_back(dir.substr(at, next - at));
      at = next + 1;
    }
  }
  for (std::size_t at = 0; at <= target.size();) {
    const std::size_t next = std::min(target.find('/', at), target.size());
    const std::string_view p = target.substr(at, next - at);
    if (p == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!p.empty() && p != ".") {
      parts.emplace_back(p);
    }
    at = next + 1;
  }
  std::string out;
  for (const auto& p : parts) (out += out.empty() ? "" : "/") += p;
  return out;
}

// An XML part's handler: expat calls these through the trampolines below.
class Handler {
 public:
  virtual ~Handler() = default;
  virtual void start(const char* name, const char** attrs) = 0;
  virtual void end(const char* name) = 0;
  virtual void text(const char*, int) {}
  XML_Parser parser = nullptr;
  std::string failure;  // set by a handler that stops the parse on bad content
};

void XMLCALL on_start(void* h, const XML_Char* name, const XML_Char** attrs) {
  static_cast<Handler*>(h)->start(name, attrs);
}
void XMLCALL on_end(void* h, const XML_Char* name) { static_cast<Handler*>(h)->end(name); }
void XMLCALL on_text(void* h, const XML_Char* s, int len) { static_cast<Handler*>(h)->text(s, len); }
// No workbook part has a DOCTYPE; refusing one rules out entity tricks (billion laughs).
void XMLCALL on_doctype(void* h, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* handler = static_cast<Handler*>(h);
  handler->failure = "a DOCTYPE declaration (not allowed in a workbook)";
  XML_StopParser(handler->parser, XML_FALSE);
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

struct Workbook::Impl {
  std::string path;
  std::string bytes;  // open_bytes: the archive, which libzip reads in place
  std::unique_ptr<zip_t, ZipCloser> zip;
  bool date1904 = false;
  std::vector<std::string> names, parts;  // sheets in workbook order, and each one's part
  std::vector<std::string> shared;        // shared strings, by index
  std::vector<DateFormat> styles;         // per cellXfs index
  bool loaded_shared = false;
  std::string shared_part, styles_part;

  [[noreturn]] void damaged(const std::string& what) const { throw Error(Problem::damaged, path, what); }
  [[noreturn]] void encrypted() const { throw Error(Problem::encrypted, path, ""); }

  bool has(const std::string& part) const { return zip_name_locate(zip.get(), part.c_str(), ZIP_FL_NOCASE) >= 0; }

  std::unique_ptr<zip_file_t, FileCloser> open_part(const std::string& part, bool required) {
    const zip_int64_t index = zip_name_locate(zip.get(), part.c_str(), ZIP_FL_NOCASE);
    if (index < 0) {
      if (required) damaged(part + " is missing");
      return nullptr;
    }
    std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(zip.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) {
      const int code = zip_error_code_zip(zip_get_error(zip.get()));
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD) encrypted();
      damaged(part + ": " + zip_strerror(zip.get()));
    }
    return file;
  }

  using Parser = std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)>;
  static Parser make_parser(Handler& handler) {
    Parser parser(XML_ParserCreate(nullptr), &XML_ParserFree);
    if (!parser) throw std::bad_alloc();
    handler.parser = parser.get();
    XML_SetUserData(parser.get(), &handler);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetCharacterDataHandler(parser.get(), on_text);
    XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
    return parser;
  }

  // After XML_Parse* failed: stopped by the handler (false), or an error naming the part.
  void check_failure(XML_Parser parser, const Handler& handler, const std::string& part) const {
    if (!handler.failure.empty())
      damaged(part + ": line " + std::to_string(XML_GetCurrentLineNumber(parser)) + ": " + handler.failure);
    if (XML_GetErrorCode(parser) == XML_ERROR_ABORTED) return;  // stopped by the handler
    damaged(part + ": line " + std::to_string(XML_GetCurrentLineNumber(parser)) + ": " +
            XML_ErrorString(XML_GetErrorCode(parser)));
  }

  // Inflates `part` chunk by chunk into expat; returns the XML bytes parsed. A handler may stop
  // the parse (XML_StopParser): the rest of the part is then not read.
  std::uint64_t parse(const std::string& part, Handler& handler, bool required = true) {
    auto file = open_part(part, required);
    if (!file) return 0;
    Parser parser = make_parser(handler);
    std::uint64_t total = 0;
    for (;;) {
      void* buffer = XML_GetBuffer(parser.get(), static_cast<int>(kChunk));
      if (!buffer) throw std::bad_alloc();
      const zip_int64_t got = zip_fread(file.get(), buffer, kChunk);
      if (got < 0) damaged(part + ": " + zip_file_strerror(file.get()));
      total += static_cast<std::uint64_t>(got);
      if (total > kMaxPartBytes) throw Error(Problem::too_large, path, part + " holds more than 4 GiB of XML");
      if (XML_ParseBuffer(parser.get(), static_cast<int>(got), got == 0) != XML_STATUS_OK) {
        check_failure(parser.get(), handler, part);
        return total;
      }
      if (got == 0) return total;
    }
  }

  // The whole part inflated, when it holds at most `limit` bytes; nullopt when it holds more.
  std::optional<std::string> inflate(const std::string& part, std::uint64_t limit) {
    auto file = open_part(part, true);
    std::string out;
    for (;;) {
      const std::size_t have = out.size();
      out.resize(have + kChunk);
      const zip_int64_t got = zip_fread(file.get(), out.data() + have, kChunk);
      if (got < 0) damaged(part + ": " + zip_file_strerror(file.get()));
      out.resize(have + static_cast<std::size_t>(got));
      if (out.size() > limit) return std::nullopt;
      if (got == 0) return out;
    }
  }

  void load();
  void load_shared_strings();
};

namespace {

// A relationships part (*.rels): Id → (Type, Target).
struct Relationship {
  std::string type, target;
};
class RelsHandler : public Handler {
 public:
  std::map<std::string, Relationship> by_id;
  void start(const char* name, const char** attrs) override {
    if (local_name(name) != "Relationship") return;
    const char* id = attribute(attrs, "Id");
    const char* type = attribute(attrs, "Type");
    const char* target = attribute(attrs, "Target");
    const char* mode = attribute(attrs, "TargetMode");
    if (id && type && target && !(mode && std::string_view(mode) == "External")) by_id[id] = {type, target};
  }
  void end(const char*) override {}
  // The target of the first relationship whose type ends with "/<kind>".
  std::string find_type(std::string_view kind) const {
    for (const auto& [id, r] : by_id) {
      const std::string_view type = r.type;
      if (type.size() > kind.size() && type.ends_with(kind) && type[type.size() - kind.size() - 1] == '/')
        return r.target;
    }
    return {};
  }
};

class WorkbookHandler : public Handler {
 public:
  bool date1904 = false;
  std::vector<std::string> names, ids;
  void start(const char* name, const char** attrs) override {
    const std::string_view n = local_name(name);
    if (n == "workbookPr") {
      const char* v = attribute(attrs, "date1904");
      date1904 = v && (std::string_view(v) == "1" || std::string_view(v) == "true");
    } else if (n == "sheet") {
      const char* sheet = attribute(attrs, "name");
      const char* id = prefixed_attribute(attrs, "id");
      if (sheet && id) names.emplace_back(sheet), ids.emplace_back(id);
    }
  }
  void end(const char*) override {}
};

class StylesHandler : public Handler {
 public:
  std::map<int, std::string> custom;  // numFmtId → formatCode
  std::vector<int> xf_formats;        // cellXfs, in order: numFmtId
  void start(const char* name, const char** attrs) override {
    const std::string_view n = local_name(name);
    if (n == "numFmt") {
      const char* id = attribute(attrs, "numFmtId");
      const char* code = attribute(attrs, "formatCode");
      if (id && code)
        if (auto v = parse_number<int>(id)) custom[*v] = code;
    } else if (n == "cellXfs") {
      in_xfs_ = true;
    } else if (n == "xf" && in_xfs_) {
      const char* id = attribute(attrs, "numFmtId");
      xf_formats.push_back(id ? parse_number<int>(id).value_or(0) : 0);
    }
  }
  void end(const char* name) override {
    if (local_name(name) == "cellXfs") in_xfs_ = false;
  }

 private:
  bool in_xfs_ = false;
};

// <si> items: plain <t>, or rich text runs <r><t>; phonetic hints (<rPh>) are not the text.
class SharedStringsHandler : public Handler {
 public:
  explicit SharedStringsHandler(std::vector<std::string>& out) : out_(out) {}
  void start(const char* name, const char**) override {
    const std::string_view n = local_name(name);
    if (n == "si")
      current_.clear(), in_si_ = true;
    else if (n == "rPh")
      ++phonetic_;
    else if (n == "t" && in_si_ && phonetic_ == 0)
      collecting_ = true;
  }
  void end(const char* name) override {
    const std::string_view n = local_name(name);
    if (n == "t")
      collecting_ = false;
    else if (n == "rPh")
      --phonetic_;
    else if (n == "si")
      out_.push_back(std::move(current_)), current_ = std::string(), in_si_ = false;
  }
  void text(const char* s, int len) override {
    if (collecting_) current_.append(s, static_cast<std::size_t>(len));
  }

 private:
  std::vector<std::string>& out_;
  std::string current_;
  bool in_si_ = false, collecting_ = false;
  int phonetic_ = 0;
};

// Column index (0-based) of a cell reference such as "AB12"; nullopt when it has no letters.
std::optional<std::size_t> column_of(const char* ref) {
  std::size_t col = 0, letters = 0;
  for (; *ref; ++ref) {
    const char c = *ref;
    if (c >= 'A' && c <= 'Z')
      col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    else if (c >= 'a' && c <= 'z')
      col = col * 26 + static_cast<std::size_t>(c - 'a' + 1);
    else
      break;
    if (++letters > 3) return kMaxColumns;  // past XFD: refused by the caller
  }
  if (letters == 0) return std::nullopt;
  return col - 1;
}

enum class CellType { number, shared, inline_string, string, boolean, other };

class SheetHandler : public Handler {
 public:
  // What the workbook's other parts say about its cells.
  struct Book {
    const std::vector<std::string>& shared;
    const std::vector<DateFormat>& styles;
    bool date1904;
  };
  // `piece`: a piece of the sheet cut at a row start; rows before its first are not reported.
  SheetHandler(Book book, const RowCallback& callback, SheetStats& stats, bool piece = false)
      : book_(book), callback_(callback), stats_(stats), piece_(piece) {}

  std::uint64_t first_row() const { return first_row_; }
  std::uint64_t last_row() const { return row_; }

  void start(const char* name, const char** attrs) override {
    if (stopped_) return;
    const std::string_view n = local_name(name);
    if (n == "c") {
      start_cell(attrs);
    } else if (n == "v") {
      if (in_cell_) collecting_ = true;
    } else if (n == "t") {
      if (in_cell_ && in_inline_ && phonetic_ == 0) collecting_ = true;
    } else if (n == "is") {
      in_inline_ = true;
    } else if (n == "rPh") {
      ++phonetic_;
    } else if (n == "row") {
      start_row(attrs);
    }
  }

  void end(const char* name) override {
    if (stopped_) return;
    const std::string_view n = local_name(name);
    if (n == "v" || n == "t") {
      collecting_ = false;
    } else if (n == "c") {
      end_cell();
    } else if (n == "is") {
      in_inline_ = false;
    } else if (n == "rPh") {
      --phonetic_;
    } else if (n == "row") {
      end_row();
    }
  }

  void text(const char* s, int len) override {
    if (!collecting_ || stopped_) return;
    if (value_.size() + static_cast<std::size_t>(len) > kMaxCellBytes) return stop("a cell holds more than 64 MiB");
    value_.append(s, static_cast<std::size_t>(len));
  }

 private:
  void stop(std::string why) {
    failure = std::move(why);
    stopped_ = true;
    XML_StopParser(parser, XML_FALSE);
  }

  bool emit(std::size_t count) {
    ++stats_.rows;
    if (!callback_(views_, count)) {
      stopped_ = true;
      XML_StopParser(parser, XML_FALSE);
      return false;
    }
    return true;
  }

  void start_row(const char** attrs) {
    std::uint64_t number = row_ + 1;
    if (const char* r = attribute(attrs, "r")) {
      const auto v = parse_number<std::uint64_t>(r);
      if (!v || *v <= row_ || *v > kMaxRows)
        return stop(std::string("row number ") + r + " out of order or past 1048576");
      number = *v;
    }
    if (first_row_ == 0) {
      first_row_ = number;
      if (piece_) row_ = number - 1;  // the rows before belong to the piece before
    }
    // Rows the XML leaves out are empty rows: one blank line each, so lines stay row numbers.
    while (row_ + 1 < number) {
      ++row_;
      if (!emit(0)) return;
    }
    row_ = number;
    count_ = 0;
    next_column_ = 0;
  }

  void start_cell(const char** attrs) {
    std::size_t col = next_column_;
    const char* r = attribute(attrs, "r");
    if (r)
      if (auto c = column_of(r)) col = *c;
    if (col >= kMaxColumns) return stop(std::string("cell ") + (r ? r : "?") + " is past column XFD");
    if (col < count_) return stop(std::string("cell ") + (r ? r : "?") + " comes after a cell to its right");
    if (cells_.size() <= col) cells_.resize(col + 1), shared_.resize(col + 1), views_.resize(col + 1);
    for (std::size_t c = count_; c < col; ++c) cells_[c].clear(), shared_[c] = nullptr;  // skipped: empty
    shared_[col] = nullptr;
    column_ = col;
    next_column_ = col + 1;
    const char* t = attribute(attrs, "t");
    const std::string_view type = t ? t : "n";
    type_ = type == "n"           ? CellType::number
            : type == "s"         ? CellType::shared
            : type == "inlineStr" ? CellType::inline_string
            : type == "str"       ? CellType::string
            : type == "b"         ? CellType::boolean
                                  : CellType::other;
    style_ = 0;
    if (const char* s = attribute(attrs, "s")) style_ = parse_number<std::size_t>(s).value_or(0);
    value_.clear();
    in_cell_ = true;
    in_inline_ = false;
  }

  void end_cell() {
    in_cell_ = false;
    std::string& cell = cells_[column_];
    switch (type_) {
      case CellType::shared: {
        const auto index = parse_number<std::size_t>(value_);
        if (!index || *index >= book_.shared.size())
          return stop("shared string " + value_ + " does not exist (the workbook has " +
                      std::to_string(book_.shared.size()) + ")");
        shared_[column_] = &book_.shared[*index];  // read in place, not copied
        count_ = column_ + 1;
        return;
      }
      case CellType::boolean:
        cell = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
        break;
      case CellType::number:
        if (style_ < book_.styles.size() && book_.styles[style_].is_date && !value_.empty()) {
          const auto serial = parse_number<double>(value_);
          std::string text = serial ? serial_to_text(*serial, book_.date1904, book_.styles[style_].has_time) : "";
          if (!text.empty()) {
            cell = std::move(text);
            ++stats_.date_cells;
            break;
          }
        }
        if (style_ < book_.styles.size() && book_.styles[style_].is_percent)
          if (std::string text = percent_text(value_); !text.empty()) {
            cell = std::move(text);
            break;
          }
        cell.swap(value_);  // as written: never reformatted through a double
        break;
      default:
        cell.swap(value_);
        break;
    }
    count_ = column_ + 1;
  }

  void end_row() {
    // A row of empty cells is a blank line (the CSV readers skip those).
    bool blank = true;
    for (std::size_t c = 0; c < count_; ++c) {
      views_[c] = shared_[c] ? std::string_view(*shared_[c]) : std::string_view(cells_[c]);
      blank = blank && views_[c].empty();
    }
    emit(blank ? 0 : count_);
  }

  Book book_;
  const RowCallback& callback_;
  SheetStats& stats_;
  std::vector<std::string> cells_;          // cells read from the sheet's own text
  std::vector<const std::string*> shared_;  // or a shared string, in place
  std::vector<std::string_view> views_;     // what the callback sees
  std::string value_;
  std::uint64_t row_ = 0;
  std::size_t count_ = 0, column_ = 0, next_column_ = 0, style_ = 0;
  CellType type_ = CellType::number;
  bool piece_ = false;
  std::uint64_t first_row_ = 0;
  bool in_cell_ = false, in_inline_ = false, collecting_ = false, stopped_ = false;
  int phonetic_ = 0;
};

}  // namespace

void Workbook::Impl::load() {
  RelsHandler root;
  parse("_rels/.rels", root, false);
  std::string book = resolve("", root.find_type("officeDocument"));
  if (book.empty()) book = "xl/workbook.xml";
  if (!has(book)) {
    // A zip, but not a workbook: a .docx, a zipped CSV, an .ods.
    throw Error(Problem::not_zip, path, "a zip archive without " + book);
  }
  WorkbookHandler wb;
  parse(book, wb);
  date1904 = wb.date1904;
  const std::size_t slash = book.rfind('/');
  const std::string rels_part = (slash == std::string::npos ? "" : book.substr(0, slash + 1)) + "_rels/" +
                                book.substr(slash == std::string::npos ? 0 : slash + 1) + ".rels";
  RelsHandler rels;
  parse(rels_part, rels);
  for (std::size_t i = 0; i < wb.names.size(); ++i) {
    const auto it = rels.by_id.find(wb.ids[i]);
    if (it == rels.by_id.end()) continue;  // a chart sheet or a broken entry: not a sheet of cells
    if (!it->second.type.ends_with("/worksheet")) continue;
    names.push_back(wb.names[i]);
    parts.push_back(resolve(book, it->second.target));
  }
  if (names.empty()) damaged(book + " lists no worksheet");
  if (const std::string s = rels.find_type("sharedStrings"); !s.empty()) shared_part = resolve(book, s);
  if (const std::string s = rels.find_type("styles"); !s.empty()) styles_part = resolve(book, s);

  if (!styles_part.empty()) {
    StylesHandler st;
    parse(styles_part, st, false);
    styles.reserve(st.xf_formats.size());
    for (int id : st.xf_formats) {
      const auto c = st.custom.find(id);
      styles.push_back(classify_format(id, c == st.custom.end() ? std::string_view() : std::string_view(c->second)));
    }
  }
}

void Workbook::Impl::load_shared_strings() {
  if (loaded_shared) return;
  loaded_shared = true;
  if (shared_part.empty()) return;
  SharedStringsHandler handler(shared);
  parse(shared_part, handler, false);
}

namespace {

std::string english(Problem problem, const std::string& path, const std::string& detail,
                    const std::vector<std::string>& sheets) {
  switch (problem) {
    case Problem::not_zip:
      return path + ": not an xlsx workbook (" + detail + "); save it from Excel as .xlsx, or as CSV";
    case Problem::encrypted:
      return path +
             ": an encrypted (password-protected) workbook or an old Excel .xls, which Kefu cannot read; "
             "open it in Excel and save it as .xlsx without a password, or as CSV UTF-8";
    case Problem::damaged:
      return path + ": a damaged xlsx workbook (" + detail +
             "); open it in Excel or LibreOffice and save it again as .xlsx, or as CSV";
    case Problem::unknown_sheet: {
      std::string list;
      for (const auto& n : sheets) (list += list.empty() ? "" : ", ") += "\"" + n + "\"";
      return path + ": no sheet named \"" + detail + "\"; its sheets are " + list + " (give one with --sheet)";
    }
    case Problem::too_large:
      return path + ": " + detail + "; split the export";
  }
  return path + ": " + detail;
}

}  // namespace

Error::Error(Problem problem, std::string path, std::string detail, std::vector<std::string> sheets)
    : std::runtime_error(english(problem, path, detail, sheets)),
      problem(problem),
      path(std::move(path)),
      detail(std::move(detail)),
      sheets(std::move(sheets)) {}

Workbook::Workbook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Workbook::Workbook(Workbook&&) noexcept = default;
Workbook::~Workbook() = default;

namespace {

[[noreturn]] void throw_open_error(const std::string& path, int code) {
  if (code == ZIP_ER_NOZIP) throw Error(Problem::not_zip, path, "not a zip archive");
  if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD)
    throw Error(Problem::encrypted, path, "");
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  const std::string why = zip_error_strerror(&error);
  zip_error_fini(&error);
  throw Error(Problem::damaged, path, why);
}

void refuse_ole(const std::string& path, std::string_view head) {
  if (head.starts_with(kOleMagic)) throw Error(Problem::encrypted, path, "");
}

}  // namespace

Workbook Workbook::open_file(const std::string& path) {
  {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw std::runtime_error(path + ": cannot read: " + std::strerror(errno));
    char head[8] = {};
    const std::size_t n = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
    refuse_ole(path, std::string_view(head, n));
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  int code = 0;
  impl->zip.reset(zip_open(path.c_str(), ZIP_RDONLY, &code));
  if (!impl->zip) throw_open_error(path, code);
  impl->load();
  return Workbook(std::move(impl));
}

Workbook Workbook::open_bytes(std::string bytes, const std::string& path) {
  refuse_ole(path, bytes);
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->bytes = std::move(bytes);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(impl->bytes.data(), impl->bytes.size(), 0, &error);
  if (!source) throw std::bad_alloc();
  impl->zip.reset(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!impl->zip) {
    zip_source_free(source);
    const int code = zip_error_code_zip(&error);
    zip_error_fini(&error);
    throw_open_error(path, code);
  }
  zip_error_fini(&error);
  impl->load();
  return Workbook(std::move(impl));
}

const std::vector<std::string>& Workbook::sheet_names() const { return impl_->names; }
bool Workbook::date1904() const { return impl_->date1904; }

std::size_t Workbook::sheet_index(const std::string& sheet) const {
  std::size_t index = 0;
  if (!sheet.empty()) {
    const auto it = std::find(impl_->names.begin(), impl_->names.end(), sheet);
    if (it == impl_->names.end()) throw Error(Problem::unknown_sheet, impl_->path, sheet, impl_->names);
    index = static_cast<std::size_t>(it - impl_->names.begin());
  }
  return index;
}

SheetStats Workbook::read_sheet(const std::string& sheet, const RowCallback& row) {
  const std::size_t index = sheet_index(sheet);
  impl_->load_shared_strings();
  SheetStats stats;
  stats.sheet = impl_->names[index];
  stats.date1904 = impl_->date1904;
  SheetHandler handler({impl_->shared, impl_->styles, impl_->date1904}, row, stats);
  stats.xml_bytes = impl_->parse(impl_->parts[index], handler);
  return stats;
}

std::vector<SheetPiece> Workbook::read_sheet_pieces(const std::string& sheet, unsigned pieces,
                                                    const std::function<RowCallback(unsigned)>& row_of,
                                                    SheetStats& stats) {
  const std::size_t index = sheet_index(sheet);
  impl_->load_shared_strings();
  const SheetHandler::Book book{impl_->shared, impl_->styles, impl_->date1904};
  stats = SheetStats{};
  stats.sheet = impl_->names[index];
  stats.date1904 = impl_->date1904;
  const std::string& part = impl_->parts[index];
  // One piece (streamed, never whole in memory) when more would not help or not be safe.
  auto whole = [&]() -> std::vector<SheetPiece> {
    const RowCallback row = row_of(0);
    SheetHandler handler(book, row, stats);
    stats.xml_bytes = impl_->parse(part, handler);
    return {SheetPiece{handler.first_row() ? std::uint64_t{1} : std::uint64_t{0}, handler.last_row()}};
  };
  if (pieces < 2) return whole();
  const std::optional<std::string> xml = impl_->inflate(part, kMaxPiecedBytes);
  if (!xml) return whole();
  // Cut at row starts between the first row and </sheetData>. A "<row" can only be a tag there
  // unless a comment, CDATA section or processing instruction holds one: then no cutting.
  constexpr std::string_view kRow = "<row r=\"";
  const std::size_t begin = xml->find(kRow), end = xml->rfind("</sheetData>");
  if (begin == std::string::npos || end == std::string::npos || begin > end || xml->find("<!", begin) < end ||
      xml->find("<?", begin) < end)
    return whole();
  std::vector<std::size_t> cuts{begin};
  for (unsigned k = 1; k < pieces; ++k) {
    const std::size_t at = xml->find(kRow, begin + (end - begin) / pieces * k);
    if (at < end && at > cuts.back()) cuts.push_back(at);
  }
  cuts.push_back(end);
  const std::size_t n = cuts.size() - 1;
  std::vector<SheetStats> piece_stats(n);
  std::vector<SheetPiece> out(n);
  std::vector<std::exception_ptr> errors(n);
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < n; ++k)
    threads.emplace_back([&, k] {
      try {
        const RowCallback row = row_of(static_cast<unsigned>(k));
        SheetHandler handler(book, row, piece_stats[k], /*piece=*/true);
        Impl::Parser parser = Impl::make_parser(handler);
        constexpr std::string_view open = "<sheetData>", close = "</sheetData>";
        const std::string_view body(xml->data() + cuts[k], cuts[k + 1] - cuts[k]);
        if (XML_Parse(parser.get(), open.data(), static_cast<int>(open.size()), XML_FALSE) != XML_STATUS_OK ||
            XML_Parse(parser.get(), body.data(), static_cast<int>(body.size()), XML_FALSE) != XML_STATUS_OK ||
            XML_Parse(parser.get(), close.data(), static_cast<int>(close.size()), XML_TRUE) != XML_STATUS_OK)
          impl_->check_failure(parser.get(), handler, part);
        out[k] = {handler.first_row(), handler.last_row()};
      } catch (...) {
        errors[k] = std::current_exception();
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  stats.xml_bytes = xml->size();
  for (const auto& p : piece_stats) stats.rows += p.rows, stats.date_cells += p.date_cells;
  return out;
}

DateFormat classify_format(int id, std::string_view code) {
  DateFormat f;
  if (code.empty()) {
    // ECMA-376 18.8.30: 14-22 and 45-47 are dates and times; 27-36 and 50-58 are the East Asian
    // (zh-CN: 年月日, 时分秒) dates and times a Chinese Excel writes under the same ids.
    f.is_date = (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
    f.has_time = (id >= 18 && id <= 22) || (id >= 45 && id <= 47) || (id >= 32 && id <= 35) || id == 55 || id == 56;
    f.is_percent = id == 9 || id == 10;
    return f;
  }
  // Date and time tokens outside quoted text, [colour]/[$-804] brackets (but [h], [mm], [ss]
  // elapsed times count), escaped characters (\x) and fill/space characters (*x, _x).
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos)
        f.is_date = f.has_time = true;
      i = close;
    } else if (c == ';') {
      break;  // the first section (positive numbers) decides
    } else if (c == '%') {
      f.is_percent = true;
    } else {
      switch (c | 0x20) {
        case 'y':
        case 'd':
        case 'm':
          f.is_date = true;
          break;
        case 'h':
        case 's':
          f.is_date = f.has_time = true;
          break;
        default:
          break;
      }
    }
  }
  if (f.is_date) f.is_percent = false;
  return f;
}

std::string percent_text(std::string_view number) {
  std::string_view sign;
  if (number.starts_with('-')) sign = "-", number.remove_prefix(1);
  const std::size_t dot = number.find('.');
  std::string whole(number.substr(0, dot));
  std::string fraction(dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1));
  const auto digits = [](const std::string& s) { return s.find_first_not_of("0123456789") == std::string::npos; };
  if (whole.empty() || !digits(whole) || !digits(fraction)) return {};
  fraction.resize(std::max<std::size_t>(fraction.size(), 2), '0');
  whole += fraction.substr(0, 2);
  fraction.erase(0, 2);
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return std::string(sign) + whole + (fraction.empty() ? "" : "." + fraction) + "%";
}

std::string serial_to_text(double serial, bool date1904, bool has_time) {
  if (!std::isfinite(serial) || serial < 0 || serial >= 2958466) return {};  // 9999-12-31 is 2958465
  const auto ms = static_cast<std::int64_t>(std::llround(serial * 86'400'000.0));
  std::int64_t day = ms / 86'400'000;
  const std::int64_t of_day = ms % 86'400'000;
  char clock[24];
  const int s = static_cast<int>(of_day / 1000), milli = static_cast<int>(of_day % 1000);
  if (milli)
    std::snprintf(clock, sizeof clock, "%02d:%02d:%02d.%03d", s / 3600, s / 60 % 60, s % 60, milli);
  else
    std::snprintf(clock, sizeof clock, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  if (day == 0 && !date1904) return clock;  // a time of day (Excel's "1900-01-00")
  std::string date;
  if (date1904) {
    date = calendar::format_day(static_cast<calendar::Day>(calendar::days_from_civil(1904, 1, 1) + day));
  } else if (day == 60) {
    date = "1900-02-29";  // Excel's fictitious leap day (Lotus 1-2-3 compatibility)
  } else {
    // Serial 1 is 1900-01-01; from 61 on, every serial is one day past the real count.
    const std::int64_t base = calendar::days_from_civil(1899, 12, 31);
    date = calendar::format_day(static_cast<calendar::Day>(base + day - (day > 60 ? 1 : 0)));
  }
  if (of_day == 0 && !has_time) return date;
  return date + " " + clock;
}

}  // namespace kefu::host::xlsx
