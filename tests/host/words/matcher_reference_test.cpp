// The matcher against a brute-force reading of docs/words.md on random texts: every occurrence
// of every pattern, with its original byte span. The automaton's shortcuts (the pair filter,
// the root's dense table, the walk back to a hit's start) must never change an answer.
#include "base/utf8.h"
#include "words/matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace kefu::host::words {
namespace {

using Occurrence = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>;  // begin, end, pattern

// Tries every pattern at every character: its characters in order, with at most kMaxNoiseRun
// noise characters between two of them. Patterns here hold no noise, so that reading is exact.
std::set<Occurrence> brute_force(const std::vector<std::u32string>& patterns, const std::string& text,
                                 const Normalization& n) {
  std::vector<char32_t> chars;
  std::vector<std::uint32_t> offset;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  while (p < end) {
    char32_t cp;
    int len = utf8::decode(p, end, cp);
    if (len == 0) cp = 0xFFFD, len = 1;  // an invalid byte matches nothing, and ends any term
    offset.push_back(static_cast<std::uint32_t>(p - reinterpret_cast<const unsigned char*>(text.data())));
    chars.push_back(fold(cp, n));
    p += len;
  }
  offset.push_back(static_cast<std::uint32_t>(text.size()));

  std::set<Occurrence> found;
  for (std::uint32_t id = 0; id < patterns.size(); ++id) {
    const std::u32string& want = patterns[id];
    for (std::size_t i = 0; i < chars.size(); ++i) {
      if (chars[i] != want[0]) continue;
      std::size_t j = i + 1, k = 1;
      int run = 0;
      while (k < want.size() && j < chars.size()) {
        if (chars[j] == want[k]) {
          ++k, run = 0;
        } else if (n.noise_skip && is_noise(chars[j]) && run < kMaxNoiseRun) {
          ++run;
        } else {
          break;
        }
        ++j;
      }
      if (k == want.size()) found.emplace(offset[i], offset[j], id);
    }
  }
  return found;
}

std::set<Occurrence> matched(const Matcher& m, const std::string& text) {
  std::vector<Hit> hits;
  m.find(text, {kAllPlatforms, true, true}, hits);
  std::set<Occurrence> out;
  for (const Hit& h : hits) out.emplace(h.begin, h.end, h.pattern);
  return out;
}

// Small alphabets make prefixes shared, failure chains long and pairs collide: the automaton's
// every path is taken thousands of times. Variants (們 Ａ ①) fold onto pattern characters.
void compare_on_random_texts(const Normalization& n, std::uint32_t seed) {
  const std::vector<std::string> term_chars{"们", "好", "a", "1", "微", "信", "x"};
  const std::vector<std::string> text_chars{"们", "們", "好", "a", "Ａ", "A",  "1",  "①", "⑴",   "微",
                                            "信", "x",  " ",  "*", "-",  "。", "\n", "😀", "\xFF"};
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t size) { return std::uniform_int_distribution<std::size_t>(0, size - 1)(rng); };
  for (int round = 0; round < 200; ++round) {
    std::set<std::string> terms;
    const std::size_t count = 1 + pick(40);
    while (terms.size() < count) {
      std::string t;
      for (std::size_t len = 1 + pick(4); len > 0; --len) t += term_chars[pick(term_chars.size())];
      terms.insert(t);
    }
    std::vector<PatternSpec> specs;
    std::vector<std::u32string> normalized;
    for (const std::string& t : terms) {
      specs.push_back({t, 1, 0, 0});
      normalized.push_back(normalize(t, n));
    }
    const Matcher m(specs, n);
    std::string text;
    for (int i = 0; i < 400; ++i) {
      // Noise in runs, so that runs longer than kMaxNoiseRun occur.
      const std::string& c = text_chars[pick(text_chars.size())];
      for (std::size_t r = c == " " || c == "*" ? 1 + pick(5) : 1; r > 0; --r) text += c;
    }
    ASSERT_EQ(matched(m, text), brute_force(normalized, text, n)) << "round " << round << " text: " << text;
  }
}

// Over a thousand distinct characters: the rarer ones fall outside the matrix of pairs that
// settles most characters, and take the double array on every step. Terms are planted in the
// text (some with noise between their characters) so that they are found.
TEST(MatcherReference, AgreesWithBruteForceWithManyDistinctCharacters) {
  const Normalization n;
  std::mt19937 rng(3);
  auto pick = [&](std::size_t size) { return std::uniform_int_distribution<std::size_t>(0, size - 1)(rng); };
  auto cjk = [&] { return static_cast<char32_t>(0x4E00 + pick(1500)); };
  for (int round = 0; round < 20; ++round) {
    std::set<std::u32string> terms;
    while (terms.size() < 3000) {
      std::u32string t;
      for (std::size_t len = 2 + pick(3); len > 0; --len) t += cjk();
      terms.insert(t);
    }
    const std::vector<std::u32string> written(terms.begin(), terms.end());
    std::vector<PatternSpec> specs;
    std::vector<std::u32string> normalized;  // traditional characters among them fold
    for (const std::u32string& t : written) {
      specs.push_back({utf8::from_u32(t), 1, 0, 0});
      normalized.push_back(normalize(specs.back().text, n));
    }
    const Matcher m(specs, n);
    std::u32string text;
    for (int i = 0; i < 3000; ++i) {
      if (pick(8) == 0) {
        const std::u32string& t = written[pick(written.size())];
        for (std::size_t k = 0; k < t.size(); ++k) text += (k && pick(3) == 0 ? U"*" : U"") + std::u32string(1, t[k]);
      } else {
        text += cjk();
      }
    }
    const std::string utf8_text = utf8::from_u32(text);
    ASSERT_EQ(matched(m, utf8_text), brute_force(normalized, utf8_text, n)) << "round " << round;
  }
}

TEST(MatcherReference, AgreesWithBruteForceUnderFullNormalization) {
  Normalization n;
  n.latin_boundary = false;  // a post-filter on the hits, tested on its own
  compare_on_random_texts(n, 1);
}

TEST(MatcherReference, AgreesWithBruteForceWithNormalizationOff) { compare_on_random_texts(Normalization::none(), 2); }

}  // namespace
}  // namespace kefu::host::words
