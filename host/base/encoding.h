// Reading text files the way platforms and merchants produce them: UTF-8 (with or without a
// BOM), GBK/GB18030 from Windows tools and platform exports, or UTF-16 with a BOM (Excel's
// "Unicode text"). Detection: a UTF-16 BOM (FF FE, FE FF) is UTF-16; valid UTF-8 is UTF-8;
// otherwise text that decodes completely as GB18030 is GB18030; otherwise it is UTF-8 with
// errors. Every invalid byte sequence is reported with its offset, never skipped silently.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host {

// UTF-16 is only ever detected from its BOM (never forced: without a BOM its byte order is a
// guess), and always converted to UTF-8.
enum class Encoding { utf8, gb18030, utf16le, utf16be };
const char* encoding_name(Encoding e);  // utf-8 | gb18030 | utf-16le | utf-16be
// "utf-8" | "utf8" | "gbk" | "gb18030" | "gb2312" (case-insensitive); nullopt otherwise.
std::optional<Encoding> parse_encoding(std::string_view name);

struct DecodedText {
  // The text as UTF-8, BOM removed. UTF-8 input is kept byte for byte (invalid sequences stay
  // and match nothing); GB18030 and UTF-16 input is converted, invalid sequences (UTF-16: a
  // lone surrogate, an odd last byte) becoming U+FFFD.
  std::string text;
  Encoding encoding = Encoding::utf8;
  bool had_bom = false;
  std::vector<std::size_t> invalid;  // byte offsets (in the original) of invalid sequences
  std::string source;                // GB18030: the bytes as stored; empty for UTF-8
};

// Takes the bytes by value: UTF-8 input moves into the result, so pass std::move(bytes) when
// the caller is done with them (a large file is then never copied).
DecodedText decode_text(std::string bytes, std::optional<Encoding> forced = std::nullopt);

// Whether `bytes` starts with a UTF-16 byte-order mark, and which.
std::optional<Encoding> utf16_bom(std::string_view bytes);

// Byte length of the GB18030 character starting at `p` (1, 2 or 4).
std::size_t gb18030_char_length(std::string_view text, std::size_t at);

}  // namespace kefu::host
