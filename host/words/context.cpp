#include "words/context.h"

namespace kefu::host::words {
namespace {

bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool ascii_alnum(char c) { return ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

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

}  // namespace kefu::host::words
