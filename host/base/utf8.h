// UTF-8 decoding and encoding, strict: overlong forms, surrogates, code points above U+10FFFF
// and truncated sequences are invalid (they are how bad GBK/UTF-8 guesses show up).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kefu::host::utf8 {

// Decodes the code point at `p` (p < end) into `cp`; returns its length in bytes, or 0 when the
// bytes at `p` are not valid UTF-8.
inline int decode(const unsigned char* p, const unsigned char* end, char32_t& cp) {
  const unsigned b0 = p[0];
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  const std::ptrdiff_t room = end - p;
  auto cont = [&](int i) { return (p[i] & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (room < 2 || !cont(1)) return 0;
    cp = ((b0 & 0x1F) << 6) | (p[1] & 0x3F);
    return 2;
  }
  if ((b0 & 0xF0) == 0xE0) {
    if (room < 3 || !cont(1) || !cont(2)) return 0;
    cp = ((b0 & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (room < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    cp = ((b0 & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    if (cp < 0x10000 || cp > 0x10FFFF) return 0;
    return 4;
  }
  return 0;
}

inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Byte offset of the first invalid sequence, or npos when `text` is valid UTF-8.
inline std::size_t find_invalid(std::string_view text) {
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = begin + text.size();
  for (const unsigned char* p = begin; p < end;) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    char32_t cp;
    const int len = decode(p, end, cp);
    if (len == 0) return static_cast<std::size_t>(p - begin);
    p += len;
  }
  return std::string_view::npos;
}

// Code points of valid UTF-8 text (invalid bytes become U+FFFD).
inline std::u32string to_u32(std::string_view text) {
  std::u32string out;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    char32_t cp;
    const int len = decode(p, end, cp);
    out += len ? cp : U'\uFFFD';
    p += len ? len : 1;
  }
  return out;
}

inline std::string from_u32(std::u32string_view text) {
  std::string out;
  for (char32_t cp : text) append(out, cp);
  return out;
}

// Number of code points in valid UTF-8 (continuation bytes are not counted).
inline std::size_t count_chars(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace kefu::host::utf8
