#include "words/evasion.h"

#include <algorithm>
#include <iterator>

namespace kefu::host::words {
namespace {

#include "pinyin_table.inc"

constexpr std::string_view kReadingNames[] = {KEFU_READING_NAMES};
// Sorted by code point (generated that way).
constexpr HanReadings kHanReadings[] = {KEFU_HAN_READINGS};
constexpr LookalikePair kLookalikes[] = {
#include "lookalike_table.inc"
};

}  // namespace

const HanReadings* readings_of(char32_t c) {
  if (c < 0x2E80) return nullptr;
  const auto* it = std::lower_bound(std::begin(kHanReadings), std::end(kHanReadings), c,
                                    [](const HanReadings& h, char32_t v) { return h.cp < v; });
  return it != std::end(kHanReadings) && it->cp == c ? it : nullptr;
}

std::string_view reading_name(std::uint16_t id) { return id < std::size(kReadingNames) ? kReadingNames[id] : ""; }
std::size_t reading_count() { return std::size(kReadingNames); }

bool share_reading(char32_t a, char32_t b) {
  const HanReadings* ra = readings_of(a);
  const HanReadings* rb = readings_of(b);
  if (!ra || !rb) return false;
  for (std::uint16_t x : ra->id)
    for (std::uint16_t y : rb->id)
      if (x != kNoReading && x == y) return true;
  return false;
}

bool has_reading(char32_t c, std::uint16_t id) {
  const HanReadings* r = readings_of(c);
  return r && std::find(std::begin(r->id), std::end(r->id), id) != std::end(r->id);
}

std::span<const LookalikePair> lookalike_pairs() { return kLookalikes; }
std::size_t han_reading_table_size() { return std::size(kHanReadings); }

}  // namespace kefu::host::words
