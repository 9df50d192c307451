#include "text/csv.h"

namespace kefu::host {

bool CsvReader::next(CsvRecord& record, std::string& error) {
  record.fields.clear();
  error.clear();
  if (pos_ >= text_.size()) return false;
  record.line = line_;
  std::string field;
  bool quoted = false, was_quoted = false;
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') { field += '"'; ++pos_; }
        else quoted = false;
      } else {
        if (c == '\n') ++line_;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !was_quoted) { quoted = was_quoted = true; continue; }
    if (c == ',') { record.fields.push_back(std::move(field)); field.clear(); was_quoted = false; continue; }
    if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') continue;
    if (c == '\n') { ++line_; record.fields.push_back(std::move(field)); return true; }
    field += c;
  }
  if (quoted) {
    error = "unterminated quote in the record starting on line " + std::to_string(record.line);
    return false;
  }
  record.fields.push_back(std::move(field));
  return true;
}

}  // namespace kefu::host
