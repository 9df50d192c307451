#include "base/encoding.h"

#include "base/utf8.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace kefu::host {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// glibc's iconv, one character at a time on failure: converts what it can, records where a
// sequence is invalid, substitutes U+FFFD and goes on.
DecodedText from_gb18030(std::string bytes) {
  DecodedText out;
  out.encoding = Encoding::gb18030;
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("this system's iconv has no GB18030 converter");
  out.text.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* dst = out.text.data();
  std::size_t dst_left = out.text.size();
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &dst, &dst_left) != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      const std::size_t used = static_cast<std::size_t>(dst - out.text.data());
      out.text.resize(out.text.size() * 2);
      dst = out.text.data() + used;
      dst_left = out.text.size() - used;
      continue;
    }
    // EILSEQ or EINVAL (truncated at the end): report, substitute, skip one byte.
    out.invalid.push_back(static_cast<std::size_t>(in - bytes.data()));
    if (dst_left < 3) {
      const std::size_t used = static_cast<std::size_t>(dst - out.text.data());
      out.text.resize(out.text.size() * 2);
      dst = out.text.data() + used;
      dst_left = out.text.size() - used;
    }
    std::memcpy(dst, "\xEF\xBF\xBD", 3);
    dst += 3;
    dst_left -= 3;
    ++in;
    --in_left;
  }
  iconv_close(cd);
  out.text.resize(static_cast<std::size_t>(dst - out.text.data()));
  out.source = std::move(bytes);
  return out;
}

// Offsets (plus `base`) of the invalid UTF-8 sequences in `bytes`.
std::vector<std::size_t> invalid_utf8(std::string_view bytes, std::size_t base) {
  std::vector<std::size_t> invalid;
  for (std::size_t at = utf8::find_invalid(bytes); at != std::string_view::npos;) {
    invalid.push_back(base + at);
    const std::size_t next = utf8::find_invalid(bytes.substr(at + 1));
    at = next == std::string_view::npos ? next : at + 1 + next;
  }
  return invalid;
}

// UTF-8 is kept byte for byte (moved, not copied), so hit offsets are offsets in the file;
// invalid sequences are only recorded (the matcher never matches across them).
DecodedText as_utf8(std::string bytes, bool bom, std::vector<std::size_t> invalid) {
  DecodedText out;
  out.text = std::move(bytes);
  if (bom) out.text.erase(0, kBom.size());
  out.had_bom = bom;
  out.invalid = std::move(invalid);
  return out;
}

}  // namespace

const char* encoding_name(Encoding e) { return e == Encoding::utf8 ? "utf-8" : "gb18030"; }

std::optional<Encoding> parse_encoding(std::string_view name) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  if (n == "utf-8" || n == "utf8") return Encoding::utf8;
  if (n == "gbk" || n == "gb18030" || n == "gb2312" || n == "cp936") return Encoding::gb18030;
  return std::nullopt;
}

DecodedText decode_text(std::string bytes, std::optional<Encoding> forced) {
  const bool bom = std::string_view(bytes).substr(0, 3) == kBom;
  if (forced == Encoding::gb18030) return from_gb18030(std::move(bytes));
  const std::size_t skip = bom ? kBom.size() : 0;
  std::vector<std::size_t> invalid = invalid_utf8(std::string_view(bytes).substr(skip), skip);
  if (forced || invalid.empty() || bom) return as_utf8(std::move(bytes), bom, std::move(invalid));
  DecodedText gb = from_gb18030(std::move(bytes));
  return gb.invalid.empty() ? std::move(gb) : as_utf8(std::move(gb.source), false, std::move(invalid));
}

std::size_t gb18030_char_length(std::string_view text, std::size_t at) {
  const auto b = static_cast<unsigned char>(text[at]);
  if (b < 0x80 || at + 1 >= text.size()) return 1;
  const auto b1 = static_cast<unsigned char>(text[at + 1]);
  return (b1 >= 0x30 && b1 <= 0x39 && at + 3 < text.size()) ? 4 : 2;
}

}  // namespace kefu::host
