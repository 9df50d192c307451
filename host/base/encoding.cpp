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

// UTF-16 after its BOM, to UTF-8. Surrogate pairs are joined; a lone surrogate or an odd last
// byte is recorded and becomes U+FFFD.
DecodedText from_utf16(std::string_view bytes, Encoding e) {
  DecodedText out;
  out.encoding = e;
  out.had_bom = true;
  out.text.reserve(bytes.size() / 2 * 3 / 2 + 16);
  const bool le = e == Encoding::utf16le;
  auto unit = [&](std::size_t at) -> char32_t {
    const auto a = static_cast<unsigned char>(bytes[at]), b = static_cast<unsigned char>(bytes[at + 1]);
    return le ? static_cast<char32_t>(a | b << 8) : static_cast<char32_t>(a << 8 | b);
  };
  constexpr std::size_t kBomBytes = 2;
  std::size_t at = kBomBytes;
  for (; at + 1 < bytes.size(); at += 2) {
    const char32_t u = unit(at);
    if (u < 0x80) {
      out.text += static_cast<char>(u);
    } else if (u >= 0xD800 && u <= 0xDBFF && at + 3 < bytes.size() && unit(at + 2) >= 0xDC00 &&
               unit(at + 2) <= 0xDFFF) {
      utf8::append(out.text, 0x10000 + ((u - 0xD800) << 10) + (unit(at + 2) - 0xDC00));
      at += 2;
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      out.invalid.push_back(at);
      utf8::append(out.text, 0xFFFD);
    } else {
      utf8::append(out.text, u);
    }
  }
  if (at < bytes.size()) {
    out.invalid.push_back(at);
    utf8::append(out.text, 0xFFFD);
  }
  return out;
}

}  // namespace

const char* encoding_name(Encoding e) {
  switch (e) {
    case Encoding::utf8:
      return "utf-8";
    case Encoding::gb18030:
      return "gb18030";
    case Encoding::utf16le:
      return "utf-16le";
    case Encoding::utf16be:
      return "utf-16be";
  }
  return "?";
}

std::optional<Encoding> utf16_bom(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xFE")) return Encoding::utf16le;
  if (bytes.starts_with("\xFE\xFF")) return Encoding::utf16be;
  return std::nullopt;
}

std::optional<Encoding> parse_encoding(std::string_view name) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  if (n == "utf-8" || n == "utf8") return Encoding::utf8;
  if (n == "gbk" || n == "gb18030" || n == "gb2312" || n == "cp936") return Encoding::gb18030;
  return std::nullopt;
}

DecodedText decode_text(std::string bytes, std::optional<Encoding> forced) {
  if (forced == Encoding::utf16le || forced == Encoding::utf16be || (!forced && utf16_bom(bytes))) {
    // A UTF-16 BOM decides (an FF or FE byte never starts UTF-8 or GB18030 text).
    if (const auto e = utf16_bom(bytes)) return from_utf16(bytes, *e);
  }
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
