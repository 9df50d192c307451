#include "words/context.h"

#include "base/utf8.h"

#include <algorithm>

namespace kefu::host::words {
namespace {

bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool ascii_alnum(char c) { return ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool ends_sentence(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'!' || c == U'?' || c == U';';
}
bool space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\r' || c == U'\u3000'; }

}  // namespace

bool inside_code(std::string_view text, std::size_t begin, std::size_t end) {
  if (begin == 0 || end >= text.size() || begin >= end) return false;
  for (std::size_t i = begin; i < end; ++i)
    if (!ascii_alnum(text[i])) return false;
  const char before = text[begin - 1], after = text[end];
  if (!ascii_alnum(before) || !ascii_alnum(after)) return false;
  if (!ascii_digit(before) && !ascii_digit(after)) return false;
  std::size_t from = begin, to = end;
  while (from > 0 && ascii_alnum(text[from - 1])) --from;
  while (to < text.size() && ascii_alnum(text[to])) ++to;
  std::size_t digits = 0;
  for (std::size_t i = from; i < to; ++i) digits += ascii_digit(text[i]);
  return digits >= kCodeDigits;
}

std::string sentence_around(std::string_view text, std::size_t begin, std::size_t end) {
  begin = std::min(begin, text.size());
  end = std::clamp(end, begin, text.size());
  const std::size_t nl = text.rfind('\n', begin == 0 ? 0 : begin - 1);
  const std::size_t line_start = nl == std::string_view::npos || nl >= begin ? 0 : nl + 1;
  const std::size_t line_end = std::min(text.find('\n', end), text.size());
  const std::u32string before = utf8::to_u32(text.substr(line_start, begin - line_start));
  const std::u32string hit = utf8::to_u32(text.substr(begin, end - begin));
  const std::u32string after = utf8::to_u32(text.substr(end, line_end - end));
  std::size_t from = before.size();
  while (from > 0 && !ends_sentence(before[from - 1])) --from;
  std::size_t to = 0;
  while (to < after.size() && !ends_sentence(after[to])) ++to;
  if (to < after.size()) ++to;  // keep the sentence's own end mark
  std::u32string head = before.substr(from), tail = after.substr(0, to);
  if (head.size() + hit.size() + tail.size() > kSentenceMax) {
    if (head.size() > kSentenceSide) head = U"…" + head.substr(head.size() - kSentenceSide);
    if (tail.size() > kSentenceSide) tail = tail.substr(0, kSentenceSide) + U"…";
  }
  std::u32string out = head + hit + tail;
  std::size_t a = 0, b = out.size();
  while (a < b && space(out[a])) ++a;
  while (b > a && space(out[b - 1])) --b;
  return utf8::from_u32(std::u32string_view(out).substr(a, b - a));
}

}  // namespace kefu::host::words
