// Character normalization for the word matcher, applied to terms and text alike (docs/words.md):
//  1. width    full-width ASCII and the ideographic space fold to ASCII (Ｖ→V, ０→0)
//  2. case     Latin letters fold to lower case
//  3. t2s      traditional → simplified, character by character, from OpenCC's TSCharacters
//  4. digits   circled, parenthesized, full-stop, dingbat, super/subscript digits → 0-9
//  5. noise    whitespace, punctuation and common symbols may sit between a term's characters
//  6. latin    a term starting/ending with a Latin letter needs a non-letter neighbour there
// Every function here maps one code point to one code point, so a hit in normalized text
// always maps back to a span of the original text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::words {

struct Normalization {
  bool width = true;
  bool case_fold = true;
  bool t2s = true;
  bool digits = true;
  bool noise_skip = true;
  bool latin_boundary = true;
  bool evasions = true;  // honour the patterns' evasion modes (pinyin, look-alikes; modes.h)

  static Normalization none() { return {false, false, false, false, false, false, false}; }
};

// Most noise characters skipped between two characters of one term ("微-_-信" is 微信).
inline constexpr int kMaxNoiseRun = 3;

// The code point `c` stands for after folding steps 1-4 (those enabled).
char32_t fold(char32_t c, const Normalization& n);

// Whitespace, punctuation and common symbols (of a folded code point). Line breaks are not
// noise: a term never spans two lines.
bool is_noise(char32_t c);
bool is_line_break(char32_t c);
// a-z after folding (the Latin word-boundary rule looks at these).
inline bool is_latin_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }

// A term's code points after folding (noise inside a term is kept: "100%" stays "100%").
std::u32string normalize(std::string_view utf8, const Normalization& n);

// Code points above U+FFFF that step 3 or 4 may fold to something else (the matcher classes
// these ahead; every other astral code point folds to itself).
std::vector<char32_t> astral_variants();

// Size of OpenCC's character table compiled in (for tests and `kefu --version`-style output).
std::size_t t2s_table_size();

}  // namespace kefu::host::words
