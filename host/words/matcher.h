// The sensitive-word matcher: one Aho-Corasick automaton over normalized characters for every
// term and allow-listed phrase of every platform, scanned once per text.
//
// Why this shape (docs/words.md has the semantics, bench/ the numbers):
//  - normalization is fused into one lookup: a table maps each BMP character straight to the
//    class of the character it folds to (0 = in no term), indexed by the UTF-8 payload bits as
//    they lie in the bytes, so a three-byte character is never reassembled into a code point;
//  - the automaton is a double array over those classes (16-byte slots, a dense root table);
//  - most characters never touch it: a bit matrix of the class pairs that occur inside terms
//    says when no state on the failure chain can step on the next character, and then the
//    root's dense table decides. Off the root, that is nearly every character of real text;
//  - noise characters are skipped on the general path (their matrix column is all ones); each
//    hit's start is found afterwards by walking back over the original bytes, so every hit is
//    a span of the original text whatever was folded or skipped, and the loop stores nothing
//    per character;
//  - platform masks ride on each pattern, so one scan answers for several platforms at once;
//  - evasion modes (modes.h) fold at the same place: the patterns that ask for pinyin or
//    look-alikes also sit in a second automaton whose classes are reading / look-alike
//    groups, stepped in the same pass only on characters that may open one of its patterns
//    (a flag in the first table) and inside a match, so literal terms keep exact classes.
//    Spelled-out pinyin, mixes (wei信) and initials are extra patterns pointing back to their
//    term. Each raw hit is verified character by character against its term's own modes and
//    told how it matched.
//  tests/host/words/matcher_reference_test.cpp holds all of this to a brute-force reading.
#pragma once

#include "words/modes.h"
#include "words/normalize.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::words {

using PlatformMask = std::uint64_t;
inline constexpr PlatformMask kAllPlatforms = ~PlatformMask{0};

struct PatternSpec {
  std::string text;        // UTF-8, as written in the list
  PlatformMask block = 0;  // platforms on which it is a `block` term
  PlatformMask warn = 0;   // platforms on which it is a `warn` term
  PlatformMask allow = 0;  // platforms on which it is an allow-listed phrase
  ModeSet modes = 0;       // evasion modes it also matches in (as an allow-listed phrase: literal only)
};

struct MatchOptions {
  PlatformMask platforms = kAllPlatforms;  // the platforms the scan is for
  bool include_warn = true;                // false: only `block` hits
  bool overlapping = false;                // true: every hit; false: leftmost-longest, non-overlapping
};

struct Hit {
  std::uint32_t pattern;     // index into the patterns given to the Matcher
  std::uint32_t begin, end;  // byte span of the ORIGINAL text
  PlatformMask block, warn;  // platforms (of those asked) on which the hit counts, by severity
  HitMode mode = HitMode::literal;  // how the text matched the pattern
};

class Matcher {
 public:
  // Throws std::invalid_argument naming the pattern when one is empty after normalization.
  Matcher(std::span<const PatternSpec> patterns, const Normalization& normalization);
  ~Matcher();
  Matcher(Matcher&&) noexcept;
  Matcher& operator=(Matcher&&) noexcept;

  // Appends the hits in `text` to `out`, ordered by begin then longest first. Invalid UTF-8
  // bytes never match anything (callers report them; see base/encoding.h).
  void find(std::string_view text, const MatchOptions& options, std::vector<Hit>& out) const;

  // The pattern as the automaton sees it (after normalization).
  const std::u32string& normalized(std::uint32_t pattern) const;
  const Normalization& normalization() const;

  std::size_t states() const;
  std::size_t memory_bytes() const;  // the automaton, its tables and outputs

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kefu::host::words
