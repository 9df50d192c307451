// An RFC 4180 CSV reader over text in memory: quoted fields with commas, doubled quotes and
// CR/LF inside; records may span lines, and each remembers the line it starts on.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host {

struct CsvRecord {
  std::size_t line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}
  // Reads the next record; false at the end. An unterminated quote sets `error` and ends input.
  bool next(CsvRecord& record, std::string& error);

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace kefu::host
