#include "words/normalize.h"

#include "base/utf8.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace kefu::host::words {
namespace {

struct CharPair {
  char32_t from, to;
};

// OpenCC TSCharacters, one-to-one entries, sorted by `from` (generated at build time).
constexpr CharPair kT2s[] = {
#include "t2s_table.inc"
};

char32_t fold_width(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  if (c == 0x3000) return U' ';
  return c;
}

char32_t fold_case(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 32;
  // Latin-1 capitals À-Þ, except ×.
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  return c;
}

char32_t fold_t2s(char32_t c) {
  if (c < 0x2E80) return c;
  const auto* it =
      std::lower_bound(std::begin(kT2s), std::end(kT2s), c, [](const CharPair& p, char32_t v) { return p.from < v; });
  return it != std::end(kT2s) && it->from == c ? it->to : c;
}

// Single-digit variants only: ⑩ would need two characters and is left alone.
struct DigitRange {
  char32_t first, last;
  int value_of_first;
};
constexpr DigitRange kDigitRanges[] = {
    {0x2460, 0x2468, 1},    // ①-⑨ circled
    {0x24EA, 0x24EA, 0},    // ⓪
    {0x2474, 0x247C, 1},    // ⑴-⑼ parenthesized
    {0x2488, 0x2490, 1},    // ⒈-⒐ full stop
    {0x24F5, 0x24FD, 1},    // ⓵-⓽ double circled
    {0x24FF, 0x24FF, 0},    // ⓿
    {0x2776, 0x277E, 1},    // ❶-❾ dingbat negative circled
    {0x2780, 0x2788, 1},    // ➀-➈ dingbat circled sans-serif
    {0x278A, 0x2792, 1},    // ➊-➒
    {0x2070, 0x2070, 0},    // ⁰
    {0x00B9, 0x00B9, 1},    // ¹
    {0x00B2, 0x00B3, 2},    // ²³
    {0x2074, 0x2079, 4},    // ⁴-⁹
    {0x2080, 0x2089, 0},    // ₀-₉
    {0x3021, 0x3029, 1},    // 〡-〩 Hangzhou numerals
    {0x1D7CE, 0x1D7D7, 0},  // mathematical bold digits
    {0x1D7D8, 0x1D7E1, 0},  // double-struck
    {0x1D7E2, 0x1D7EB, 0},  // sans-serif
    {0x1D7EC, 0x1D7F5, 0},  // sans-serif bold
    {0x1D7F6, 0x1D7FF, 0},  // monospace
};

char32_t fold_digit(char32_t c) {
  for (const DigitRange& r : kDigitRanges)
    if (c >= r.first && c <= r.last) return U'0' + static_cast<char32_t>(r.value_of_first + (c - r.first));
  return c;
}

bool in(char32_t c, char32_t first, char32_t last) { return c >= first && c <= last; }

}  // namespace

char32_t fold(char32_t c, const Normalization& n) {
  if (n.width) c = fold_width(c);
  if (n.case_fold) c = fold_case(c);
  if (n.t2s) c = fold_t2s(c);
  if (n.digits) c = fold_digit(c);
  return c;
}

bool is_line_break(char32_t c) { return c == U'\n' || c == U'\r' || c == 0x2028 || c == 0x2029; }

bool is_noise(char32_t c) {
  if (is_line_break(c)) return false;
  if (c < 0x80) return (c <= 0x20) || in(c, 0x21, 0x2F) || in(c, 0x3A, 0x40) || in(c, 0x5B, 0x60) || in(c, 0x7B, 0x7E);
  return c == 0xA0 || c == 0xB7 || c == 0xD7 ||  // nbsp, middle dot ·, ×
         in(c, 0x2000, 0x206F) ||                // general punctuation, zero-width spaces
         in(c, 0x2190, 0x21FF) ||                // arrows
         in(c, 0x2500, 0x27BF) ||                // box drawing, shapes ○●□■, symbols ★♥, dingbats
         in(c, 0x3001, 0x303F) ||                // CJK punctuation 、。「」【】〜
         c == 0x30FB ||                          // katakana middle dot ・
         in(c, 0xFE10, 0xFE1F) || in(c, 0xFE30, 0xFE6F) ||  // vertical / small forms
         in(c, 0xFF01, 0xFF0F) || in(c, 0xFF1A, 0xFF20) || in(c, 0xFF3B, 0xFF40) || in(c, 0xFF5B, 0xFF65) ||
         c == 0xFEFF ||            // BOM / zero-width no-break space
         in(c, 0x1F300, 0x1FAFF);  // emoji used as separators
}

std::u32string normalize(std::string_view text, const Normalization& n) {
  std::u32string out = utf8::to_u32(text);
  for (char32_t& c : out) c = fold(c, n);
  return out;
}

std::vector<char32_t> astral_variants() {
  std::vector<char32_t> out;
  for (const CharPair& p : kT2s)
    if (p.from >= 0x10000) out.push_back(p.from);
  for (const DigitRange& r : kDigitRanges)
    for (char32_t c = std::max<char32_t>(r.first, 0x10000); c <= r.last; ++c) out.push_back(c);
  return out;
}

std::size_t t2s_table_size() { return std::size(kT2s); }

}  // namespace kefu::host::words
