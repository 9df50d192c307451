// Deterministic benchmark inputs: a Chinese customer-service chat corpus and word lexicons.
// Same bytes on every machine (own PRNG, no std distributions), so numbers compare over time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kefu::bench {

// `count` distinct terms, 2-5 characters. Like real lists, most start with a character that is
// common in chat (so the automaton leaves its root often); the rest are rarer characters, so a
// term rarely occurs by accident and the hit density is set by the corpus generator.
std::vector<std::string> make_lexicon(std::size_t count, std::uint64_t seed = 42);

struct Corpus {
  std::string text;
  std::size_t lines = 0;
  std::size_t planted = 0;  // lexicon terms written into the text (some with evasions)
};

// About `bytes` of chat lines (customer and agent turns from realistic phrases, order numbers,
// some emoji and English) with a lexicon term planted every ~`bytes_per_hit` bytes; a third of
// the planted terms carry an evasion (noise between characters, full-width or traditional form).
Corpus make_corpus(std::size_t bytes, const std::vector<std::string>& lexicon, std::size_t bytes_per_hit = 700,
                   std::uint64_t seed = 7);

}  // namespace kefu::bench
