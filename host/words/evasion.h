// The data behind the matcher's evasion modes (docs/words.md "Evasions"), generated at build
// time by gen_evasion_tables.cpp from maintained sources, never hand-typed:
//  - readings: each BMP Han character's toneless Mandarin readings from Unicode's Unihan
//    database, the customary one (kMandarin) first;
//  - look-alikes: one-character confusable pairs from ICU's UTS #39 data, plus the few Han pairs
//    in data/lookalikes.txt (each with its source).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace kefu::host::words {

inline constexpr std::uint16_t kNoReading = 0xFFFF;

// Up to four reading ids of `c`, the customary reading first, kNoReading where unused; all
// kNoReading for a character without a Mandarin reading (Latin, digits, kana ...).
struct HanReadings {
  char32_t cp;
  std::uint16_t id[4];
};
const HanReadings* readings_of(char32_t c);
// "wei", "xin", "lv" (ü as keyboards spell it).
std::string_view reading_name(std::uint16_t id);
std::size_t reading_count();
// Do two characters share a reading? (any reading of either)
bool share_reading(char32_t a, char32_t b);
bool has_reading(char32_t c, std::uint16_t id);

struct LookalikePair {
  char32_t from, to;  // `from` looks like `to`
};
std::span<const LookalikePair> lookalike_pairs();
std::size_t han_reading_table_size();

}  // namespace kefu::host::words
