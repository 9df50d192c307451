#include "words/matcher.h"

#include "base/utf8.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <unordered_map>

namespace kefu::host::words {
namespace {

// A class-table entry: the character class in the low 15 bits (0 = in no pattern), a flag for
// noise characters, which may be skipped between a term's characters, and from bit 22 the
// class's column in the pair matrix (below), so the scan reads it without arithmetic.
constexpr std::uint32_t kNoiseFlag = 0x8000;
constexpr int kColumnShift = 22;
// Where a BMP code point's entry sits in the class table. From U+0800 (three UTF-8 bytes):
// its payload bits as they lie in the bytes, the lead byte's low nibble, then the two
// continuation bytes' six bits, each group at the next 4-bit boundary up. The scan then indexes
// straight from a three-byte sequence loaded as a little-endian word,
// (w & 0x3F3F00) >> 4 | (w & 0x0F), instead of reassembling the code point. Bits 10-11 of such
// an index are always 0, which leaves room: ASCII sits at kAsciiAt + code point (a byte below
// 0x80 reads the table with a constant offset, folded into the load) and U+0080-U+07FF at
// kTwoByteAt + code point. Where the layout would put those, at lead nibble 0 with a second
// byte below A0, lie the overlong three-byte forms: their entries stay 0 and match nothing,
// so the scan needs no test for them. The table spans 2^18 entries.
constexpr std::uint32_t kAsciiAt = 0x400, kTwoByteAt = 0x800;
constexpr std::uint32_t bmp_index(char32_t cp) {
  if (cp < 0x80) return kAsciiAt + cp;
  if (cp < 0x800) return kTwoByteAt + cp;
  return (cp >> 12) | ((cp >> 6) & 0x3F) << 4 | (cp & 0x3F) << 12;
}
constexpr std::uint32_t three_byte_index(std::uint32_t word) { return (word & 0x3F3F00) >> 4 | (word & 0x0F); }
constexpr std::size_t kBmpIndexSpan = std::size_t{1} << 18;
static_assert(bmp_index(0x4E2D) == three_byte_index(0xADB8E4), "中 = E4 B8 AD, loaded as 0x..ADB8E4");
static_assert(bmp_index(0x7FF) < 0x1000 && (bmp_index(0x7FF) & 0xC00) != 0,
              "two-byte entries clear of three-byte ones");

constexpr std::uint16_t kClassMask = 0x7FFF;
constexpr std::int32_t kRoot = 0;
constexpr std::int32_t kFree = -1;
constexpr std::uint32_t kEndOfList = UINT32_MAX;

// A double-array slot, 16 bytes: what one step needs from a state sits in one cache line.
// `base` is shifted left one bit: bit 0 says outputs end here.
struct Slot {
  std::int32_t base = 0;
  std::int32_t check = kFree;
  std::int32_t fail = kRoot;
  std::uint32_t out = kEndOfList;  // index into out_pool
};
constexpr std::int32_t kHasOutput = 1;
constexpr int kBaseShift = 1;

// The trie before it is packed into the double array.
struct TrieNode {
  std::vector<std::pair<std::uint16_t, std::int32_t>> children;  // (class, node), sorted by class
  std::vector<std::uint32_t> outputs;                            // patterns ending here
  std::int32_t fail = 0;
  std::int32_t child(std::uint16_t cls) const {
    auto it = std::lower_bound(children.begin(), children.end(), cls,
                               [](const auto& c, std::uint16_t v) { return c.first < v; });
    return it != children.end() && it->first == cls ? it->second : -1;
  }
};

// Which classes stand next to each other in some pattern, as a bit matrix. If the pair (class
// last stepped on, next class) is in no pattern, no state on the failure chain steps on the
// next class, for each of them ends with the last class: the automaton goes where the root
// sends it. That settles most characters with one bit, instead of a probe of the double array
// at base + class (a different slot for every state and class, rarely in cache).
//  - The classes below kShared (the characters most used in the lists) have a row and a column
//    each; all others share row and column kShared, which hold the union of their pairs (a
//    superset is safe: a bit set in vain only costs the general step).
//  - Noise characters all have column kNoise, whose bits are all set: skipping noise, or not,
//    is the general step's business, which keeps it out of the common path.
//  - Rows come twice: for a child of the root (whose failure chain is the root alone) only the
//    pairs that open a pattern count; for deeper states, any pair inside one.
// The scan keeps the row of its state in a register: row | column is the bit.
class PairMatrix {
 public:
  static constexpr std::uint32_t kSide = 1024;
  static constexpr std::uint32_t kNoise = kSide - 1, kShared = kSide - 2;
  static constexpr std::uint32_t kDeep = kSide * kSide;  // the deeper rows start here

  static std::uint32_t column(std::uint32_t cls) { return std::min(cls, kShared); }
  static std::uint32_t row(std::uint32_t cls, bool deep) { return (deep ? kDeep : 0) | column(cls) * kSide; }

  void build(const std::vector<std::vector<std::uint16_t>>& patterns) {
    bits_.assign(2 * kDeep / 64, 0);
    for (std::uint32_t r = 0; r < 2 * kSide; ++r) set(r * kSide | kNoise);
    for (const auto& p : patterns) {
      if (p.size() > 1) set(row(p[0], false) | column(p[1]));
      for (std::size_t i = 1; i < p.size(); ++i) set(row(p[i - 1], true) | column(p[i]));
    }
  }
  const std::uint64_t* bits() const { return bits_.data(); }
  static bool test(const std::uint64_t* bits, std::uint32_t i) { return (bits[i >> 6] >> (i & 63)) & 1; }
  std::size_t memory_bytes() const { return bits_.size() * sizeof(std::uint64_t); }

 private:
  void set(std::uint32_t i) { bits_[i >> 6] |= std::uint64_t{1} << (i & 63); }
  std::vector<std::uint64_t> bits_;
};

// What a hit needs to find its start without touching the pattern's own data: its length in
// characters, and whether it contains noise characters (then the walk back must compare classes,
// since a noise character there may be the pattern's own or a skipped one).
struct Output {
  std::uint32_t pattern;  // kEndOfList ends a state's list
  std::uint32_t length : 31;
  std::uint32_t has_noise : 1;
};

}  // namespace

struct Matcher::Impl {
  // Where the scan stands between two characters; small enough to pass in registers.
  struct Cursor {
    std::int32_t state;
    std::uint32_t row;  // the state's row in the pair matrix (meaningful off the root)
    std::int32_t gap;   // noise characters skipped in a row
    bool output;        // outputs end at the state just entered
  };

  Normalization norm;
  std::vector<PatternSpec> specs;
  std::vector<std::u32string> normalized;
  std::vector<std::vector<std::uint16_t>> classes;  // each pattern as character classes
  std::vector<std::uint8_t> latin_start, latin_end;

  // Class entries of the BMP, at bmp_index(code point).
  std::vector<std::uint32_t> bmp_class;
  std::unordered_map<char32_t, std::uint32_t> astral_class;  // classes of code points above U+FFFF

  std::vector<Slot> slots;
  std::vector<Output> out_pool;  // each state's list ends with pattern kEndOfList
  // Per class: the root's child << 1 | whether outputs end there, or the root (0).
  std::vector<std::int32_t> root_transition;
  PairMatrix pairs;
  std::size_t state_count = 0;

  std::uint32_t entry_of(char32_t cp) const {
    if (cp < 0x10000) return bmp_class[bmp_index(cp)];
    auto it = astral_class.find(cp);
    if (it != astral_class.end()) return it->second;
    return entry(0, norm.noise_skip && is_noise(fold(cp, norm)));
  }
  static std::uint32_t entry(std::uint32_t cls, bool noise) {
    const std::uint32_t column = noise ? PairMatrix::kNoise : PairMatrix::column(cls);
    return cls | (noise ? kNoiseFlag : 0) | column << kColumnShift;
  }

  void build(std::span<const PatternSpec> patterns);
  std::vector<TrieNode> build_trie(const std::unordered_map<char32_t, std::uint16_t>& class_of) const;
  void pack(std::vector<TrieNode>& trie);
  Output output_of(std::uint32_t pattern) const;
  void collect(std::string_view text, std::vector<Hit>& raw) const;
  Cursor step(Cursor at, std::uint32_t e) const;
  void report(std::uint32_t out, const unsigned char* text, const unsigned char* last, const unsigned char* end,
              std::vector<Hit>& raw) const;
  std::uint32_t start_of(const Output& output, const unsigned char* text, const unsigned char* last) const;
  bool boundary_ok(std::string_view text, const Hit& hit) const;
};

void Matcher::Impl::build(std::span<const PatternSpec> patterns) {
  specs.assign(patterns.begin(), patterns.end());
  std::unordered_map<char32_t, std::size_t> frequency;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    std::u32string n = normalize(specs[i].text, norm);
    if (n.empty()) throw std::invalid_argument("pattern " + std::to_string(i) + " is empty");
    for (char32_t c : n) ++frequency[c];
    latin_start.push_back(norm.latin_boundary && is_latin_letter(n.front()));
    latin_end.push_back(norm.latin_boundary && is_latin_letter(n.back()));
    normalized.push_back(std::move(n));
  }

  // Frequent characters get small classes: their transitions pack densely near the root.
  std::vector<std::pair<std::size_t, char32_t>> by_frequency;
  for (const auto& [c, count] : frequency) by_frequency.emplace_back(count, c);
  std::sort(by_frequency.begin(), by_frequency.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  if (by_frequency.size() >= kClassMask)
    throw std::invalid_argument("the word lists use more than 32766 distinct characters");
  std::unordered_map<char32_t, std::uint16_t> class_of;
  for (std::size_t i = 0; i < by_frequency.size(); ++i)
    class_of[by_frequency[i].second] = static_cast<std::uint16_t>(i + 1);

  // Fuse folding and classing: one table lookup per input character at scan time.
  auto entry_for = [&](char32_t cp) -> std::uint32_t {
    const char32_t folded = fold(cp, norm);
    auto it = class_of.find(folded);
    const std::uint32_t cls = it == class_of.end() ? 0 : it->second;
    return entry(cls, norm.noise_skip && is_noise(folded));
  };
  bmp_class.assign(kBmpIndexSpan, 0);
  for (char32_t cp = 0; cp < 0x10000; ++cp) bmp_class[bmp_index(cp)] = entry_for(cp);
  // Astral code points that fold into a pattern character (𝟏 → 1, Ext-B traditional forms),
  // and astral pattern characters themselves; any other astral code point is classed on the
  // fly (entry_of), so the build does not walk the whole astral range.
  for (char32_t cp : astral_variants()) {
    if (const std::uint32_t e = entry_for(cp); e & kClassMask) astral_class[cp] = e;
  }
  for (const auto& [c, cls] : class_of) {
    if (c >= 0x10000) astral_class[c] = entry_for(c);
  }

  for (const std::u32string& n : normalized) {
    std::vector<std::uint16_t>& c = classes.emplace_back();
    for (char32_t ch : n) c.push_back(class_of.at(ch));
  }
  pairs.build(classes);
  std::vector<TrieNode> trie = build_trie(class_of);
  pack(trie);
}

std::vector<TrieNode> Matcher::Impl::build_trie(const std::unordered_map<char32_t, std::uint16_t>& class_of) const {
  std::vector<TrieNode> trie(1);
  for (std::uint32_t p = 0; p < normalized.size(); ++p) {
    std::int32_t node = 0;
    for (char32_t c : normalized[p]) {
      const std::uint16_t cls = class_of.at(c);
      auto& kids = trie[node].children;
      auto it =
          std::lower_bound(kids.begin(), kids.end(), cls, [](const auto& k, std::uint16_t v) { return k.first < v; });
      if (it != kids.end() && it->first == cls) {
        node = it->second;
      } else {
        const auto next = static_cast<std::int32_t>(trie.size());
        kids.insert(it, {cls, next});
        trie.emplace_back();
        node = next;
      }
    }
    trie[node].outputs.push_back(p);
  }
  // Failure links, breadth first; each node's outputs gain those of its failure node.
  std::deque<std::int32_t> queue;
  for (const auto& [cls, child] : trie[0].children) {
    trie[child].fail = 0;
    queue.push_back(child);
  }
  while (!queue.empty()) {
    const std::int32_t node = queue.front();
    queue.pop_front();
    for (const auto& [cls, child] : trie[node].children) {
      std::int32_t f = trie[node].fail;
      while (f != 0 && trie[f].child(cls) < 0) f = trie[f].fail;
      const std::int32_t target = trie[f].child(cls);
      trie[child].fail = target >= 0 && target != child ? target : 0;
      const auto& inherited = trie[trie[child].fail].outputs;
      trie[child].outputs.insert(trie[child].outputs.end(), inherited.begin(), inherited.end());
      queue.push_back(child);
    }
  }
  return trie;
}

// Places the trie into the double array: each node's children at base + class, first fit,
// nodes in breadth-first order so the busy upper levels sit together. Two nodes may share a
// base: `check` names each slot's parent, so their children can never be confused.
void Matcher::Impl::pack(std::vector<TrieNode>& trie) {
  std::vector<std::int32_t> slot_of(trie.size(), -1);
  slot_of[0] = kRoot;
  // next_free[i] leads to the first free slot >= i (union-find with path halving), so the
  // search for a base visits free slots only; this keeps 50k terms well under a second.
  std::vector<std::int32_t> next_free;
  auto grow = [&](std::size_t size) {
    if (size <= slots.size()) return;
    size = std::max(size, slots.size() * 3 / 2 + 64);
    const std::size_t old = slots.size();
    slots.resize(size, Slot{});
    next_free.resize(size + 1);
    for (std::size_t i = old; i <= size; ++i) next_free[i] = static_cast<std::int32_t>(i);
  };
  auto first_free = [&](std::size_t i) {
    grow(i + 1);
    while (next_free[i] != static_cast<std::int32_t>(i)) {
      next_free[i] = next_free[next_free[i]];
      i = static_cast<std::size_t>(next_free[i]);
      grow(i + 1);
    }
    return i;
  };
  grow(trie.size() * 2 + 64);
  // The same occupancy as a bitset: a node with many children tests 64 candidate bases at
  // once (one shifted word per child), where testing base by base took millions of tries for
  // the few nodes whose children span thousands of classes.
  std::vector<std::uint64_t> used_bits;
  auto occupied_from = [&](std::size_t pos) {  // bit i: slot pos + i is taken
    const std::size_t w = pos >> 6, shift = pos & 63;
    if (used_bits.size() < w + 2) used_bits.resize(w + 2, 0);
    return shift == 0 ? used_bits[w] : (used_bits[w] >> shift) | (used_bits[w + 1] << (64 - shift));
  };
  auto occupy = [&](std::int32_t pos, std::int32_t parent) {
    slots[pos].check = parent;
    next_free[pos] = pos + 1;
    const auto p = static_cast<std::size_t>(pos);
    if (used_bits.size() < (p >> 6) + 2) used_bits.resize((p >> 6) + 2, 0);
    used_bits[p >> 6] |= std::uint64_t{1} << (p & 63);
  };
  occupy(kRoot, kRoot);  // the root is its own parent, never a child of anyone

  std::deque<std::int32_t> queue{0};
  while (!queue.empty()) {
    const std::int32_t node = queue.front();
    queue.pop_front();
    const auto& kids = trie[node].children;
    std::int32_t base = 0;
    if (!kids.empty()) {
      const std::int32_t lowest = kids.front().first, highest = kids.back().first;
      base = static_cast<std::int32_t>(first_free(static_cast<std::size_t>(lowest) + 1)) - lowest;
      for (;;) {
        std::uint64_t taken = 0;  // bit i: base + i does not fit
        for (const auto& kid : kids) {
          taken |= occupied_from(static_cast<std::size_t>(base + kid.first));
          if (taken == ~std::uint64_t{0}) break;
        }
        if (taken != ~std::uint64_t{0}) {
          base += std::countr_one(taken);
          break;
        }
        base += 64;
      }
      grow(static_cast<std::size_t>(base + highest) + 1);
      for (const auto& [cls, child] : kids) {
        occupy(base + cls, slot_of[node]);
        slot_of[child] = base + cls;
        queue.push_back(child);
      }
    }
    slots[slot_of[node]].base = base << kBaseShift;
  }
  // Room for base + any class beyond the last used slot, so the scan never bounds-checks.
  std::size_t used = 0;
  for (std::size_t i = 0; i < slots.size(); ++i)
    if (slots[i].check != kFree) used = i;
  slots.resize(used + 1 + kClassMask + 1, Slot{});

  for (std::size_t n = 0; n < trie.size(); ++n) {
    Slot& slot = slots[slot_of[n]];
    slot.fail = slot_of[trie[n].fail];
    if (!trie[n].outputs.empty()) {
      slot.base |= kHasOutput;
      slot.out = static_cast<std::uint32_t>(out_pool.size());
      for (const std::uint32_t pattern : trie[n].outputs) out_pool.push_back(output_of(pattern));
      out_pool.push_back({kEndOfList, 0, 0});
    }
  }
  root_transition.assign(kClassMask + 1, kRoot);
  for (const auto& [cls, child] : trie[0].children)
    root_transition[cls] = slot_of[child] << 1 | (trie[child].outputs.empty() ? 0 : 1);
  state_count = trie.size();
}

// The hot loop: every (overlapping) occurrence of every pattern, in end order.
// (bench/words_bench.cpp measures it; keep branches and loads out of the common path.)
void Matcher::Impl::collect(std::string_view text, std::vector<Hit>& raw) const {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = begin + text.size();
  const std::uint32_t* __restrict const table = bmp_class.data();
  const std::int32_t* __restrict const root_next = root_transition.data();
  const std::uint64_t* __restrict const pair_bits = pairs.bits();
  // The cursor, in locals the compiler can keep in registers.
  std::int32_t state = kRoot;
  std::uint32_t row = 0;
  int gap = 0;

  // One character, classed `e`, at [at, after).
  auto consume = [&](std::uint32_t e, const unsigned char* at, const unsigned char* after)
      __attribute__((always_inline)) {
    // At the root, `row` is stale: a pair that passes only costs the general step.
    if (PairMatrix::test(pair_bits, row | e >> kColumnShift)) [[unlikely]] {
      const Cursor c = step({state, row, gap, false}, e);
      state = c.state, row = c.row, gap = c.gap;
      if (c.output) report(slots[state].out, begin, at, after, raw);
      return;
    }
    // No state on the failure chain steps on this class, nor is it noise (whose column is all
    // ones), so the root's transition decides: a dense table, 0 (the root) for a class that
    // starts no term.
    const std::int32_t to = root_next[e & kClassMask];
    state = to >> 1;
    row = e >> kColumnShift << 10;  // PairMatrix::row(class, false)
    gap = 0;
    if (to & 1) [[unlikely]]
      report(slots[state].out, begin, at, after, raw);
  };
  // Any character: invalid bytes match nothing and send the automaton home.
  auto decode_one = [&](const unsigned char* p) __attribute__((always_inline))->const unsigned char* {
    char32_t cp;
    const int len = utf8::decode(p, end, cp);
    if (len == 0) {
      state = kRoot;
      return p + 1;
    }
    consume(entry_of(cp), p, p + len);
    return p + len;
  };

  static_assert(std::endian::native == std::endian::little, "the four-byte load below reads bytes in order");
  const unsigned char* p = begin;
  if (text.size() >= 4) {
    for (const unsigned char* const stop = end - 4; p <= stop;) {
      std::uint32_t v;
      std::memcpy(&v, p, 4);
      // A three-byte sequence, the common case in Chinese text, tested in one go:
      // 1110xxxx 10xxxxxx 10xxxxxx. Overlong forms and surrogates (ED A0-BF) pass, but their
      // table entries are 0, which match nothing, as invalid bytes should.
      if ((v & 0xC0C0F0) == 0x8080E0) [[likely]] {
        consume(table[three_byte_index(v)], p, p + 3);
        p += 3;
      } else if (!(v & 0x80)) {
        consume(table[kAsciiAt + (v & 0x7F)], p, p + 1);
        ++p;
      } else {
        p = decode_one(p);
      }
    }
  }
  while (p < end) p = decode_one(p);
}

// One step of the automaton, through the double array and the failure chain.
Matcher::Impl::Cursor Matcher::Impl::step(Cursor at, std::uint32_t e) const {
  const Slot* const slot = slots.data();
  const std::int32_t cls = static_cast<std::int32_t>(e & kClassMask);
  std::int32_t next = (slot[at.state].base >> kBaseShift) + cls;
  // Class 0 (in no pattern) never passes a check: slot base + 0 is no state's child.
  if (slot[next].check != at.state) {
    // A noise character continues a term only where the term itself contains it (the check
    // above); otherwise it is skipped, up to kMaxNoiseRun in a row.
    if ((e & kNoiseFlag) && at.state != kRoot) {
      if (++at.gap > kMaxNoiseRun) at.state = kRoot;
      at.output = false;
      return at;
    }
    next = root_transition[cls] >> 1;
    for (std::int32_t s = at.state == kRoot ? kRoot : slot[at.state].fail; s != kRoot; s = slot[s].fail) {
      const std::int32_t t = (slot[s].base >> kBaseShift) + cls;
      if (slot[t].check == s) {
        next = t;
        break;
      }
    }
  }
  // A child of the root (its parent, the check, is the root) can only go on along a pattern's
  // opening pair; deeper states along any pair.
  const bool deep = next != kRoot && slot[next].check != kRoot;
  return {next, PairMatrix::row(static_cast<std::uint32_t>(cls), deep), 0, (slot[next].base & kHasOutput) != 0};
}

void Matcher::Impl::report(std::uint32_t out, const unsigned char* text, const unsigned char* last,
                           const unsigned char* end, std::vector<Hit>& raw) const {
  const auto hit_end = static_cast<std::uint32_t>(end - text);
  for (std::uint32_t i = out; out_pool[i].pattern != kEndOfList; ++i)
    raw.push_back(Hit{out_pool[i].pattern, start_of(out_pool[i], text, last), hit_end, 0, 0});
}

Output Matcher::Impl::output_of(std::uint32_t pattern) const {
  bool noise = false;
  for (char32_t c : normalized[pattern]) noise |= norm.noise_skip && is_noise(c);
  return {pattern, static_cast<std::uint32_t>(normalized[pattern].size()), noise};
}

// Where the hit whose last character starts at `last` begins: walks back over the original
// text, stepping over the noise the scan skipped. Done per hit rather than recording every
// character's offset as the scan goes, which would cost the hot loop a store per character.
std::uint32_t Matcher::Impl::start_of(const Output& output, const unsigned char* text,
                                      const unsigned char* last) const {
  const unsigned char* p = last;
  auto previous_entry = [&] {
    do {
      --p;
    } while (p > text && (*p & 0xC0) == 0x80);
    char32_t cp;
    return utf8::decode(p, p + 4, cp) ? entry_of(cp) : 0;
  };
  if (!output.has_noise) {
    // Every non-noise character on the way is the pattern's own: count them.
    for (std::uint32_t k = output.length - 1; k > 0;)
      if (!(previous_entry() & kNoiseFlag)) --k;
  } else {
    // A noise character may be the pattern's own or a skipped one: compare classes.
    const std::vector<std::uint16_t>& want = classes[output.pattern];
    for (std::size_t k = want.size() - 1; k > 0;)  // the character at `last` is want[k]
      if ((previous_entry() & kClassMask) == want[k - 1]) --k;
  }
  return static_cast<std::uint32_t>(p - text);
}

// The Latin word-boundary rule, checked on the original neighbours of the span.
bool Matcher::Impl::boundary_ok(std::string_view text, const Hit& hit) const {
  const auto* const b = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const e = b + text.size();
  auto latin_at = [&](const unsigned char* p) {
    char32_t cp;
    return utf8::decode(p, e, cp) > 0 && is_latin_letter(fold(cp, norm));
  };
  if (latin_start[hit.pattern] && hit.begin > 0) {
    const unsigned char* p = b + hit.begin - 1;
    while (p > b && (*p & 0xC0) == 0x80) --p;
    if (latin_at(p)) return false;
  }
  if (latin_end[hit.pattern] && hit.end < text.size() && latin_at(b + hit.end)) return false;
  return true;
}

Matcher::Matcher(std::span<const PatternSpec> patterns, const Normalization& normalization)
    : impl_(std::make_unique<Impl>()) {
  impl_->norm = normalization;
  impl_->build(patterns);
}
Matcher::~Matcher() = default;
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;

void Matcher::find(std::string_view text, const MatchOptions& options, std::vector<Hit>& out) const {
  thread_local std::vector<Hit> raw, allowed, banned;
  raw.clear();
  impl_->collect(text, raw);
  if (raw.empty()) return;

  allowed.clear();
  banned.clear();
  for (Hit& hit : raw) {
    const PatternSpec& spec = impl_->specs[hit.pattern];
    if (!impl_->boundary_ok(text, hit)) continue;
    if (spec.allow & options.platforms) allowed.push_back(hit);
    hit.block = spec.block & options.platforms;
    hit.warn = options.include_warn ? spec.warn & options.platforms : 0;
    if (hit.block | hit.warn) banned.push_back(hit);
  }
  // An allow-listed phrase that covers a hit suppresses it, on the platforms that allow it.
  if (!allowed.empty()) {
    std::sort(allowed.begin(), allowed.end(), [](const Hit& a, const Hit& b) { return a.begin < b.begin; });
    std::uint32_t widest = 0;
    for (const Hit& a : allowed) widest = std::max(widest, a.end - a.begin);
    for (Hit& hit : banned) {
      PlatformMask covered = 0;
      const std::uint32_t from = hit.begin > widest ? hit.begin - widest : 0;
      auto it = std::lower_bound(allowed.begin(), allowed.end(), from,
                                 [](const Hit& a, std::uint32_t v) { return a.begin < v; });
      for (; it != allowed.end() && it->begin <= hit.begin; ++it)
        if (it->end >= hit.end) covered |= impl_->specs[it->pattern].allow;
      hit.block &= ~covered;
      hit.warn &= ~covered;
    }
    std::erase_if(banned, [](const Hit& h) { return (h.block | h.warn) == 0; });
  }
  std::sort(banned.begin(), banned.end(), [](const Hit& a, const Hit& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return a.pattern < b.pattern;
  });
  if (options.overlapping) {
    out.insert(out.end(), banned.begin(), banned.end());
    return;
  }
  // Leftmost-longest. A shorter term inside the chosen hit lends it its verdict: 最好 on a
  // platform that blocks 最 is a block hit there, even if 最好 itself is only a warning.
  const std::size_t first = out.size();
  for (const Hit& hit : banned) {
    if (out.size() > first && hit.begin < out.back().end) {
      Hit& taken = out.back();
      if (hit.end <= taken.end) {
        taken.block |= hit.block;
        taken.warn = (taken.warn | hit.warn) & ~taken.block;
      }
      continue;
    }
    out.push_back(hit);
  }
}

const std::u32string& Matcher::normalized(std::uint32_t pattern) const { return impl_->normalized.at(pattern); }
const Normalization& Matcher::normalization() const { return impl_->norm; }
std::size_t Matcher::states() const { return impl_->state_count; }

std::size_t Matcher::memory_bytes() const {
  const Impl& m = *impl_;
  return m.slots.size() * sizeof(Slot) + m.out_pool.size() * sizeof(Output) + m.pairs.memory_bytes() +
         m.root_transition.size() * sizeof(std::int32_t) + m.bmp_class.size() * sizeof(std::uint32_t) +
         m.astral_class.size() * 16 + m.latin_start.size() * 2;
}

}  // namespace kefu::host::words
