// Context a word list cannot say: a hit that is part of a code — an order or tracking number —
// is not a word someone wrote. The allow-list covers phrases (微信支付, 手机号码后四位); this
// covers the letters a code happens to contain (WX in 2023WX8812345).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kefu::host::words {

// Whether the span [begin, end) of `text` (UTF-8 bytes) is letters and digits inside a longer
// run of ASCII letters and digits that reads as a code: the run goes on on both sides of the
// span, one side of the span touches a digit, and the run holds at least kCodeDigits digits.
// "2023WX8812345" is a code; "vx13812345678" (nothing before vx) and "加vx123" are not.
// Kefu's own judgement (docs/words.md "Context"), not a platform fact.
inline constexpr std::size_t kCodeDigits = 6;
bool inside_code(std::string_view text, std::size_t begin, std::size_t end);

// The sentence the span [begin, end) of `text` (UTF-8 bytes) sits in, so a reader sees the hit
// in its words: from after the last 。！？；!?; or line break before it to the first one after
// it (kept), spaces trimmed, never beyond its line; a sentence longer than kSentenceMax
// characters is cut to kSentenceSide characters either side of the span, marked with "…".
inline constexpr std::size_t kSentenceMax = 120, kSentenceSide = 50;
std::string sentence_around(std::string_view text, std::size_t begin, std::size_t end);

}  // namespace kefu::host::words
