// Reading CSV (RFC 4180) text in memory, fast enough for gigabyte chat logs and simple enough
// for a plugin's export files. The one CSV reader of Kefu: the host's engines and the plugins
// both use it.
//
//   kefu::csv::Reader reader(text);
//   kefu::csv::Record record;
//   std::string error;
//   while (auto status = reader.next(record, &error); status != kefu::csv::Status::end) {
//     if (status == kefu::csv::Status::malformed) { reject(record.line, error, record.raw); continue; }
//     use(record.fields);   // views, valid until the next call
//   }
//
// Quoted fields may hold commas, doubled quotes and CR/LF. A quote inside an unquoted field is
// an ordinary character (exports do that). A quoted field that never closes, or whose closing
// quote is followed by anything but a delimiter, makes the record malformed: the reader then
// resumes on the next physical line, so one stray quote costs one line, not the rest of the file.
// Blank lines carry no fields and are skipped. A UTF-8 byte-order mark at the start is skipped.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kefu::csv {

struct Record {
  std::int64_t line = 0;                 // physical line where the record starts (1-based by default)
  std::size_t offset = 0;                // byte offset of the record in the text
  std::string_view raw;                  // the record's text without its final line break (for rejects)
  std::vector<std::string_view> fields;  // into the text, or into the reader when unescaped
};

enum class Status { record, end, malformed };

namespace detail {

// First position in [p, end) holding `a` or `b`, or end. Delimiter search dominates the time
// spent on long unquoted fields (chat content), so it looks at 16 bytes at a time.
inline const char* find_either(const char* p, const char* end, char a, char b) {
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
  while (end - p >= 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, va), _mm_cmpeq_epi8(chunk, vb)));
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && *p != a && *p != b) ++p;
  return p;
}

}  // namespace detail

// For reading a big file block by block: where the block starts, and whether more follows.
struct Slice {
  std::int64_t first_line = 1;  // the physical line the text starts on
  bool file_start = true;       // skip a byte-order mark here
  bool more_follows = false;    // a record running into the end of the text is incomplete:
                                // next() answers `end` and offset() stays at its start
};

class Reader {
 public:
  explicit Reader(std::string_view text, Slice slice = {})
      : begin_(text.data()),
        pos_(text.data()),
        end_(text.data() + text.size()),
        line_(slice.first_line),
        partial_(slice.more_follows) {
    if (slice.file_start && text.size() >= 3 && std::memcmp(pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
  }

  // Reads the next record. `malformed` leaves the record's line, offset and raw (its first
  // physical line) set, an empty field list, and the reason in *error.
  Status next(Record& record, std::string* error = nullptr) {
    skip_blank_lines();
    if (pos_ >= end_) return Status::end;
    record.fields.clear();
    record.line = line_;
    record.offset = static_cast<std::size_t>(pos_ - begin_);
    escaped_.clear();
    const char* const start = pos_;
    std::int64_t inner_newlines = 0;
    for (;;) {
      const char* field_end;
      if (pos_ < end_ && *pos_ == '"') {
        const char* close = find_closing_quote(pos_ + 1, record.fields.size());
        if (!close && partial_) return incomplete(start);
        if (!close || !is_delimiter_after(close + 1)) {
          // The line is skipped up to its end: when that is not in the text yet, nor is the
          // record's end, and the rest of the line must not be read as a record of its own.
          if (partial_ && !std::memchr(start, '\n', static_cast<std::size_t>(end_ - start))) return incomplete(start);
          return malformed(record, start, close, error);
        }
        inner_newlines += std::count(pos_ + 1, close, '\n');
        record.fields.emplace_back(pos_ + 1, static_cast<std::size_t>(close - pos_ - 1));
        field_end = close + 1;
      } else {
        field_end = detail::find_either(pos_, end_, ',', '\n');
        record.fields.emplace_back(pos_, static_cast<std::size_t>(field_end - pos_));
      }
      pos_ = field_end;
      if (pos_ == end_ || *pos_ != ',') break;
      ++pos_;  // past the comma; a comma at the very end still opens an (empty) last field
    }
    // The record ends at a line break (CRLF or LF) or at the end of the text.
    const char* raw_end = pos_;
    if (pos_ < end_ && *pos_ == '\r') ++pos_;
    if (pos_ < end_ && *pos_ == '\n')
      ++pos_;
    else if (partial_)
      return incomplete(start);
    std::string_view& last = record.fields.back();
    if (!last.empty() && last.back() == '\r' && last.data() + last.size() == raw_end) {
      last.remove_suffix(1);  // CR of a CRLF after an unquoted last field
      --raw_end;
    } else if (raw_end > start && raw_end[-1] == '\r') {
      --raw_end;
    }
    record.raw = std::string_view(start, static_cast<std::size_t>(raw_end - start));
    line_ += 1 + inner_newlines;
    unescape(record);
    return Status::record;
  }

  // Byte offset of the next record (or of the end) in the text.
  std::size_t offset() const { return static_cast<std::size_t>(pos_ - begin_); }
  // Physical line of the next record.
  std::int64_t line() const { return line_; }

 private:
  void skip_blank_lines() {
    while (pos_ < end_ && (*pos_ == '\n' || (*pos_ == '\r' && pos_ + 1 < end_ && pos_[1] == '\n'))) {
      pos_ += *pos_ == '\r' ? 2 : 1;
      ++line_;
    }
  }

  // The quote closing a field whose content starts at p; doubled quotes inside are noted for
  // unescaping. nullptr when the text ends first.
  const char* find_closing_quote(const char* p, std::size_t field_index) {
    for (;;) {
      const char* q = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end_ - p)));
      if (!q) return nullptr;
      if (q + 1 < end_ && q[1] == '"') {
        if (escaped_.empty() || escaped_.back() != field_index) escaped_.push_back(field_index);
        p = q + 2;
        continue;
      }
      return q;
    }
  }

  Status incomplete(const char* start) {
    pos_ = start;
    return Status::end;
  }

  bool is_delimiter_after(const char* p) const {
    return p == end_ || *p == ',' || *p == '\n' || (*p == '\r' && (p + 1 == end_ || p[1] == '\n'));
  }

  Status malformed(Record& record, const char* start, const char* close, std::string* error) {
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', static_cast<std::size_t>(end_ - start)));
    const char* line_end = nl ? nl : end_;
    const char* raw_end = line_end > start && line_end[-1] == '\r' ? line_end - 1 : line_end;
    record.fields.clear();
    record.raw = std::string_view(start, static_cast<std::size_t>(raw_end - start));
    if (error) {
      *error =
          close ? "a quoted field's closing quote is followed by text (a quote inside a quoted field must be doubled)"
                : "a quoted field is never closed";
    }
    pos_ = nl ? nl + 1 : end_;
    ++line_;
    return Status::malformed;
  }

  // Turns the doubled quotes of the noted fields into single ones, in storage the reader owns.
  void unescape(Record& record) {
    if (escaped_.empty()) return;
    std::size_t total = 0;
    for (std::size_t i : escaped_) total += record.fields[i].size();
    scratch_.clear();
    scratch_.reserve(total);  // no reallocation below, so earlier views stay valid
    for (std::size_t i : escaped_) {
      const std::string_view in = record.fields[i];
      const std::size_t from = scratch_.size();
      for (std::size_t k = 0; k < in.size(); ++k) {
        scratch_.push_back(in[k]);
        if (in[k] == '"') ++k;  // the second quote of a pair
      }
      record.fields[i] = std::string_view(scratch_.data() + from, scratch_.size() - from);
    }
  }

  const char* begin_;
  const char* pos_;
  const char* end_;
  std::int64_t line_;
  bool partial_;
  std::vector<std::size_t> escaped_;
  std::string scratch_;
};

}  // namespace kefu::csv
