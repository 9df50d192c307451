// Writing small .xlsx workbooks in tests with libxlsxwriter (what Kefu's reports are written
// with), so the reader is tested against a real writer rather than hand-made XML.
#pragma once

#include <xlsxwriter.h>
#include <zip.h>
#include <kefu/toolkit/csv.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace kefu::test {

// A workbook being written; `constant_memory` makes libxlsxwriter write inline strings
// (t="inlineStr") instead of shared ones.
class WorkbookWriter {
 public:
  explicit WorkbookWriter(const std::string& path, bool constant_memory = false) {
    lxw_workbook_options options{};
    options.constant_memory = constant_memory;
    book_ = workbook_new_opt(path.c_str(), &options);
    if (!book_) throw std::runtime_error("cannot create " + path);
  }
  ~WorkbookWriter() {
    if (book_) workbook_close(book_);
  }
  lxw_worksheet* sheet(const std::string& name) { return workbook_add_worksheet(book_, name.c_str()); }
  lxw_format* format(const std::string& num_format) {
    lxw_format* f = workbook_add_format(book_);
    format_set_num_format(f, num_format.c_str());
    return f;
  }
  void close() {
    if (workbook_close(book_) != LXW_NO_ERROR) throw std::runtime_error("libxlsxwriter could not write the workbook");
    book_ = nullptr;
  }

 private:
  lxw_workbook* book_ = nullptr;
};

// Every field of a CSV file as a string cell (a chat export as a back-end writes it).
inline void csv_to_workbook(const std::string& csv_path, const std::string& xlsx_path, bool constant_memory = false,
                            const std::string& sheet_name = "Sheet1") {
  std::ifstream in(csv_path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  WorkbookWriter book(xlsx_path, constant_memory);
  lxw_worksheet* ws = book.sheet(sheet_name);
  csv::Reader reader(text);
  csv::Record record;
  lxw_row_t row = 0;
  while (reader.next(record) == csv::Status::record) {
    for (std::size_t c = 0; c < record.fields.size(); ++c)
      if (!record.fields[c].empty())
        worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), std::string(record.fields[c]).c_str(), nullptr);
    ++row;
  }
  book.close();
}

// Replaces `from` by `to` in one part of a workbook (what libxlsxwriter cannot write, e.g. the
// 1904 date system flag).
inline void patch_part(const std::string& xlsx_path, const std::string& part, const std::string& from,
                       const std::string& to) {
  int error = 0;
  zip_t* z = zip_open(xlsx_path.c_str(), 0, &error);
  if (!z) throw std::runtime_error("cannot open " + xlsx_path);
  zip_stat_t st;
  zip_stat(z, part.c_str(), 0, &st);
  std::string xml(st.size, '\0');
  zip_file_t* f = zip_fopen(z, part.c_str(), 0);
  zip_fread(f, xml.data(), xml.size());
  zip_fclose(f);
  const auto at = xml.find(from);
  if (at == std::string::npos) throw std::runtime_error(part + " has no " + from);
  xml.replace(at, from.size(), to);
  static thread_local std::string keep;  // libzip reads the buffer at zip_close
  keep = xml;
  zip_source_t* src = zip_source_buffer(z, keep.data(), keep.size(), 0);
  zip_file_add(z, part.c_str(), src, ZIP_FL_OVERWRITE);
  if (zip_close(z) != 0) throw std::runtime_error("cannot write " + xlsx_path);
}

}  // namespace kefu::test
