// Reading text files the way platforms and merchants produce them: UTF-8 (with or without a
// BOM) or GBK/GB18030 from Windows tools and platform exports. Detection: valid UTF-8 is UTF-8;
// otherwise text that decodes completely as GB18030 is GB18030; otherwise it is UTF-8 with
// errors. Every invalid byte sequence is reported with its offset, never skipped silently.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host {

enum class Encoding { utf8, gb18030 };
const char* encoding_name(Encoding e);
// "utf-8" | "utf8" | "gbk" | "gb18030" | "gb2312" (case-insensitive); nullopt otherwise.
std::optional<Encoding> parse_encoding(std::string_view name);

struct DecodedText {
  // The text as UTF-8, BOM removed. UTF-8 input is kept byte for byte (invalid sequences stay
  // and match nothing); GB18030 input is converted, invalid sequences becoming U+FFFD.
  std::string text;
  Encoding encoding = Encoding::utf8;
  bool had_bom = false;
  std::vector<std::size_t> invalid;  // byte offsets (in the original) of invalid sequences
  std::string source;                // GB18030: the bytes as stored; empty for UTF-8
};

// Takes the bytes by value: UTF-8 input moves into the result, so pass std::move(bytes) when
// the caller is done with them (a large file is then never copied).
DecodedText decode_text(std::string bytes, std::optional<Encoding> forced = std::nullopt);

// Byte length of the GB18030 character starting at `p` (1, 2 or 4).
std::size_t gb18030_char_length(std::string_view text, std::size_t at);

}  // namespace kefu::host
