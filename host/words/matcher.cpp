#include "words/matcher.h"

#include "base/utf8.h"
#include "words/evasion.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <deque>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace kefu::host::words {
namespace {

// A class-table entry: the character class in the low 15 bits (0 = in no pattern), a flag for
// noise characters, which may be skipped between a term's characters, and from bit 22 the
// class's column in the pair matrix (below), so the scan reads it without arithmetic.
constexpr std::uint32_t kNoiseFlag = 0x8000;
// In the literal automaton's table: the character may open a match of the evasion automaton
// (its class there leaves the root). Inside such a match every character steps it.
constexpr std::uint32_t kEvasionFlag = 0x10000;
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
// Reading groups are keyed by a private-use code point per reading (plane 15), which no text
// character folds to.
constexpr char32_t kGroupBase = 0xF0000;

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
  std::vector<std::u32string> normalized;  // per pattern, after folding steps 1-4

  // What the automaton matches: each pattern's variants. The first is the pattern itself;
  // pinyin mode adds reading variants of polyphonic characters, spelled-out pinyin and mixes
  // (wei信, 微xin) and initials. Outputs and classes are per variant.
  struct Variant {
    std::uint32_t pattern;
    HitMode kind;            // literal: the term's own characters (verified per character)
    std::u32string expect;   // the characters the text should show (folded), one per class
    bool evasive = false;    // matched by the evasion automaton, in group classes
  };
  std::vector<Variant> variants;
  std::vector<std::vector<std::uint16_t>> classes;  // each variant as character classes
  std::vector<std::uint8_t> latin_start, latin_end;

  // Evasion folding: a folded character → the representative of its group (reading group
  // and/or look-alike group, joined); absent = itself. Empty when no pattern asks for a mode.
  ModeSet active = 0;
  std::unordered_map<char32_t, char32_t> group_of;
  std::unordered_map<char32_t, char32_t> lookalike_of;  // look-alike groups alone (verification)
  char32_t group(char32_t folded) const {
    if (group_of.empty()) return folded;
    auto it = group_of.find(folded);
    return it == group_of.end() ? folded : it->second;
  }

  // One Aho-Corasick automaton and its class table. The scan runs two side by side: `literal`
  // over every pattern as written (and spelled-out pinyin, initials), `evasive` over the
  // mode-bearing patterns in group classes (homophones, look-alikes, mixes). So the literal
  // terms keep their exact classes and draw no candidates from the groups, and a scan whose
  // patterns ask for no mode never enters the second one.
  struct Automaton {
    // Class entries of the BMP, at bmp_index(code point).
    std::vector<std::uint32_t> bmp_class;
    std::unordered_map<char32_t, std::uint32_t> astral_class;  // classes of code points above U+FFFF
    std::vector<Slot> slots;
    std::vector<Output> out_pool;  // each state's list ends with pattern kEndOfList
    // Per class: the root's child << 1 | whether outputs end there, or the root (0).
    std::vector<std::int32_t> root_transition;
    PairMatrix pairs;
    std::size_t state_count = 0;
    std::size_t memory_bytes() const {
      return slots.size() * sizeof(Slot) + out_pool.size() * sizeof(Output) + pairs.memory_bytes() +
             root_transition.size() * sizeof(std::int32_t) + bmp_class.size() * sizeof(std::uint32_t) +
             astral_class.size() * 16;
    }
  };
  Automaton literal, evasive;

  std::uint32_t entry_of(const Automaton& a, char32_t cp) const {
    if (cp < 0x10000) return a.bmp_class.empty() ? 0 : a.bmp_class[bmp_index(cp)];
    auto it = a.astral_class.find(cp);
    if (it != a.astral_class.end()) return it->second;
    return entry(0, norm.noise_skip && is_noise(fold(cp, norm)));
  }
  const Automaton& automaton_of(std::uint32_t variant) const {
    return variants[variant].evasive ? evasive : literal;
  }
  static std::uint32_t entry(std::uint32_t cls, bool noise) {
    const std::uint32_t column = noise ? PairMatrix::kNoise : PairMatrix::column(cls);
    return cls | (noise ? kNoiseFlag : 0) | column << kColumnShift;
  }

  void build(std::span<const PatternSpec> patterns);
  void build_groups();
  void add_variants(std::uint32_t pattern);
  std::optional<HitMode> verify(std::string_view text, const Hit& hit) const;
  void build_automaton(Automaton& a, bool evasive_side);
  std::vector<TrieNode> build_trie(const std::vector<std::uint32_t>& members) const;
  void pack(Automaton& a, std::vector<TrieNode>& trie);
  Output output_of(std::uint32_t pattern) const;
  void collect(std::string_view text, std::vector<Hit>& raw) const;
  static Cursor step(const Automaton& a, Cursor at, std::uint32_t e);
  void report(const Automaton& a, std::uint32_t out, const unsigned char* text, const unsigned char* last,
              const unsigned char* end, std::vector<Hit>& raw) const;
  std::uint32_t start_of(const Automaton& a, const Output& output, const unsigned char* text,
                         const unsigned char* last) const;
  bool boundary_ok(std::string_view text, const Hit& hit) const;
};

void Matcher::Impl::build(std::span<const PatternSpec> patterns) {
  specs.assign(patterns.begin(), patterns.end());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    std::u32string n = normalize(specs[i].text, norm);
    if (n.empty()) throw std::invalid_argument("pattern " + std::to_string(i) + " is empty");
    normalized.push_back(std::move(n));
    if (norm.evasions) active |= specs[i].modes;
  }
  build_groups();
  for (std::uint32_t i = 0; i < specs.size(); ++i) add_variants(i);
  classes.resize(variants.size());
  for (const Variant& v : variants) {
    latin_start.push_back(norm.latin_boundary && is_latin_letter(v.expect.front()));
    latin_end.push_back(norm.latin_boundary && is_latin_letter(v.expect.back()));
  }
  build_automaton(evasive, true);
  build_automaton(literal, false);
}

// One automaton over its variants: literal classes are the folded characters themselves,
// evasive ones their groups. Built evasive first: the literal table marks the characters the
// evasive one has a class for.
void Matcher::Impl::build_automaton(Automaton& a, bool evasive_side) {
  std::vector<std::uint32_t> members;
  for (std::uint32_t v = 0; v < variants.size(); ++v)
    if (variants[v].evasive == evasive_side) members.push_back(v);
  if (evasive_side && members.empty()) return;
  auto key = [&](char32_t c) { return evasive_side ? group(c) : c; };
  std::unordered_map<char32_t, std::size_t> frequency;
  for (std::uint32_t v : members)
    for (char32_t c : variants[v].expect) ++frequency[key(c)];

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
    auto it = class_of.find(key(folded));
    const std::uint32_t cls = it == class_of.end() ? 0 : it->second;
    std::uint32_t e = entry(cls, norm.noise_skip && is_noise(folded));
    if (!evasive_side && cp < 0x10000 && !evasive.bmp_class.empty() &&
        evasive.root_transition[evasive.bmp_class[bmp_index(cp)] & kClassMask] != kRoot)
      e |= kEvasionFlag;
    return e;
  };
  a.bmp_class.assign(kBmpIndexSpan, 0);
  for (char32_t cp = 0; cp < 0x10000; ++cp) a.bmp_class[bmp_index(cp)] = entry_for(cp);
  // Astral code points that fold into a pattern character (𝟏 → 1, Ext-B traditional forms),
  // and astral pattern characters themselves; any other astral code point is classed on the
  // fly (entry_of), so the build does not walk the whole astral range.
  for (char32_t cp : astral_variants()) {
    if (const std::uint32_t e = entry_for(cp); e & kClassMask) a.astral_class[cp] = e;
  }
  for (const auto& [c, cls] : class_of) {
    if (c >= 0x10000 && !(c >= kGroupBase && c < kGroupBase + 0x10000)) a.astral_class[c] = entry_for(c);
  }
  std::vector<std::vector<std::uint16_t>> mine;
  for (std::uint32_t v : members) {
    std::vector<std::uint16_t>& c = classes[v];
    for (char32_t ch : variants[v].expect) c.push_back(class_of.at(key(ch)));
    mine.push_back(c);
  }
  a.pairs.build(mine);
  std::vector<TrieNode> trie = build_trie(members);
  pack(a, trie);
}

// Joins characters into the groups the active modes make alike: a reading group is every Han
// character whose customary reading is that reading (a private-use code point stands for the
// reading itself), a look-alike group every character linked by confusable pairs. Only the
// groups a mode-bearing term needs are joined (the readings of the pinyin terms' characters,
// the look-alike groups of the look-alike terms' characters): every other character keeps its
// own class, so literal terms elsewhere draw no extra candidates. Union-find over code points;
// each group's representative is its root.
void Matcher::Impl::build_groups() {
  if (!active) return;
  struct UnionFind {
    std::unordered_map<char32_t, char32_t> parent;
    char32_t find(char32_t c) const {
      for (auto it = parent.find(c); it != parent.end() && it->second != c; it = parent.find(c)) c = it->second;
      return c;
    }
    void unite(char32_t a, char32_t b) {
      const char32_t ra = find(a), rb = find(b);
      if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
    }
    void flatten_into(std::unordered_map<char32_t, char32_t>& out) const {
      for (const auto& [c, p] : parent) out[c] = find(c);
      std::vector<char32_t> roots;
      for (const auto& [c, root] : out) roots.push_back(root);
      for (char32_t root : roots) out.try_emplace(root, root);
    }
  };
  std::unordered_set<char32_t> pinyin_chars, lookalike_chars;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const ModeSet m = specs[i].modes & active;
    for (char32_t c : normalized[i]) {
      if (m & kModePinyin) pinyin_chars.insert(c);
      if (m & kModeLookalike) lookalike_chars.insert(c);
    }
  }
  UnionFind both, alike;
  std::vector<std::pair<char32_t, char32_t>> pairs_used;
  if (active & kModeLookalike) {
    for (const LookalikePair& p : lookalike_pairs()) {
      const char32_t a = fold(p.from, norm), b = fold(p.to, norm);
      // Noise stays noise and a line break a line break: only letters and characters pair.
      if (a == b || (norm.noise_skip && (is_noise(a) || is_noise(b))) || is_line_break(a) || is_line_break(b)) continue;
      alike.unite(a, b);
      pairs_used.emplace_back(a, b);
    }
    alike.flatten_into(lookalike_of);
    std::unordered_set<char32_t> wanted;
    for (char32_t c : lookalike_chars)
      if (auto it = lookalike_of.find(c); it != lookalike_of.end()) wanted.insert(it->second);
    for (const auto& [a, b] : pairs_used)
      if (wanted.count(lookalike_of.at(a))) both.unite(a, b);
  }
  if (active & kModePinyin) {
    std::unordered_set<std::uint16_t> wanted;
    for (char32_t c : pinyin_chars)
      if (const HanReadings* r = readings_of(c))
        for (std::uint16_t id : r->id)
          if (id != kNoReading) wanted.insert(id);
    for (char32_t c = 0x2E80; c < 0x10000; ++c) {
      const HanReadings* r = readings_of(c);
      // Traditional forms fold to their simplified one first.
      if (!r || !wanted.count(r->id[0]) || fold(c, norm) != c) continue;
      both.unite(c, kGroupBase + r->id[0]);
    }
  }
  both.flatten_into(group_of);
}

// The variants of one pattern (see Variant). Caps keep a long polyphonic term from exploding.
void Matcher::Impl::add_variants(std::uint32_t pattern) {
  constexpr std::size_t kMaxVariants = 16;
  const std::u32string& n = normalized[pattern];
  const ModeSet modes = specs[pattern].modes & active;
  variants.push_back({pattern, HitMode::literal, n, false});
  if (!modes) return;
  variants.push_back({pattern, HitMode::literal, n, true});  // homophones, look-alikes
  if (!(modes & kModePinyin)) return;

  // Secondary readings of polyphonic characters: the term's 行 matches 杭 (hang) too. The text
  // side reads each character by its customary reading (its group).
  std::vector<std::vector<char32_t>> choices;
  std::size_t product = 1;
  for (char32_t c : n) {
    std::vector<char32_t> alts{c};
    if (const HanReadings* r = readings_of(c)) {
      for (std::size_t k = 1; k < 4 && r->id[k] != kNoReading; ++k) {
        const char32_t reading = kGroupBase + r->id[k];
        const bool known = std::any_of(alts.begin(), alts.end(), [&](char32_t a) { return group(a) == group(reading); });
        if (!known) alts.push_back(reading);
      }
    }
    product *= alts.size();
    choices.push_back(std::move(alts));
  }
  if (product > 1 && product <= kMaxVariants) {
    for (std::size_t k = 1; k < product; ++k) {
      std::u32string e;
      for (std::size_t i = 0, rest = k; i < n.size(); rest /= choices[i].size(), ++i)
        e += choices[i][rest % choices[i].size()];
      variants.push_back({pattern, HitMode::literal, std::move(e), true});
    }
  }

  // Spelled-out pinyin and mixes: each Han character as itself or as its reading in letters
  // (all readings), for terms of two characters or more. One-character terms would flood.
  std::size_t han = 0;
  std::vector<std::vector<std::u32string>> spell;
  product = 1;
  for (char32_t c : n) {
    std::vector<std::u32string> alts{std::u32string(1, c)};
    if (const HanReadings* r = readings_of(c)) {
      ++han;
      for (std::uint16_t id : r->id)
        if (id != kNoReading) {
          const std::string_view name = reading_name(id);
          alts.emplace_back(name.begin(), name.end());
        }
    }
    product *= alts.size();
    spell.push_back(std::move(alts));
  }
  if (han == 0 || n.size() < 2) return;
  if (product <= 4 * kMaxVariants) {
    for (std::size_t k = 1; k < product; ++k) {
      std::u32string e;
      bool latin = false, han_left = false;
      for (std::size_t i = 0, rest = k; i < n.size(); rest /= spell[i].size(), ++i) {
        const std::size_t pick = rest % spell[i].size();
        latin |= pick > 0;
        han_left |= pick == 0 && spell[i].size() > 1;
        e += spell[i][pick];
      }
      // A mix keeps Han characters, which may be homophones (威xin): the evasion automaton.
      if (latin) variants.push_back({pattern, HitMode::pinyin, std::move(e), han_left});
    }
  } else {  // only all letters, customary readings
    std::u32string e;
    for (const auto& alts : spell) e += alts.size() > 1 ? alts[1] : alts[0];
    variants.push_back({pattern, HitMode::pinyin, std::move(e), false});
  }
  // Initials (hpfx for 好评返现) for terms of three Han characters or more: two letters (wx)
  // match too much ordinary text, so a list that wants them lists them.
  // A polyphonic character gives each distinct initial (银行卡号: yhkh and yxkh).
  if (han == n.size() && n.size() >= 3) {
    std::vector<std::u32string> out{U""};
    for (const auto& alts : spell) {
      std::u32string firsts;
      for (std::size_t a = 1; a < alts.size(); ++a)
        if (firsts.find(alts[a].front()) == std::u32string::npos) firsts += alts[a].front();
      if (out.size() * firsts.size() > 8) firsts.resize(1);
      std::vector<std::u32string> next;
      for (const auto& o : out)
        for (char32_t f : firsts) next.push_back(o + f);
      out = std::move(next);
    }
    for (auto& e : out) variants.push_back({pattern, HitMode::initials, std::move(e), false});
  }
}

// Whether a raw hit of a variant holds under its pattern's modes, and how it matched: each
// character of the span is its term character (literal), a look-alike of it, or shares a
// reading with it; a character the term's modes do not allow drops the hit.
std::optional<HitMode> Matcher::Impl::verify(std::string_view text, const Hit& hit) const {
  const Variant& v = variants[hit.pattern];
  if (!active) return HitMode::literal;
  const ModeSet modes = specs[v.pattern].modes;
  const std::vector<std::uint16_t>& want = classes[hit.pattern];
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + hit.begin;
  const auto* const end = reinterpret_cast<const unsigned char*>(text.data()) + hit.end;
  bool by_reading = false, by_shape = false;
  std::size_t k = 0, kept = 0;  // kept: characters as written or as look-alikes
  while (p < end && k < want.size()) {
    char32_t cp;
    const int len = utf8::decode(p, end, cp);
    if (len == 0) return std::nullopt;
    p += len;
    const std::uint32_t e = entry_of(automaton_of(hit.pattern), cp);
    if ((e & kClassMask) != want[k]) {
      if (e & kNoiseFlag) continue;
      return std::nullopt;
    }
    const char32_t x = fold(cp, norm), t = v.expect[k++];
    ++kept;
    if (x == t) continue;
    auto la = [&](char32_t c) {
      auto it = lookalike_of.find(c);
      return it == lookalike_of.end() ? c : it->second;
    };
    if ((modes & kModeLookalike) && la(x) == la(t)) {
      by_shape = true;
    } else if ((modes & kModePinyin) && (t >= kGroupBase ? has_reading(x, static_cast<std::uint16_t>(t - kGroupBase))
                                                           : share_reading(x, t))) {
      by_reading = true;
      --kept;
    } else {
      return std::nullopt;
    }
  }
  if (k != want.size()) return std::nullopt;
  if (v.kind != HitMode::literal) return v.kind;
  // A homophone spelling keeps one character of the term at least (威信, 微芯 for 微信): with
  // every character replaced, ordinary words sound alike too often (维新, 为新, 唯心).
  if (by_reading && kept == 0) return std::nullopt;
  return by_reading ? HitMode::pinyin : by_shape ? HitMode::lookalike : HitMode::literal;
}

std::vector<TrieNode> Matcher::Impl::build_trie(const std::vector<std::uint32_t>& members) const {
  std::vector<TrieNode> trie(1);
  for (const std::uint32_t p : members) {
    std::int32_t node = 0;
    for (const std::uint16_t cls : classes[p]) {
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
void Matcher::Impl::pack(Automaton& a, std::vector<TrieNode>& trie) {
  auto& slots = a.slots;
  auto& out_pool = a.out_pool;
  auto& root_transition = a.root_transition;
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
  a.state_count = trie.size();
}

// The hot loop: every (overlapping) occurrence of every pattern, in end order.
// (bench/words_bench.cpp measures it; keep branches and loads out of the common path.)
void Matcher::Impl::collect(std::string_view text, std::vector<Hit>& raw) const {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = begin + text.size();
  const std::uint32_t* __restrict const table = literal.bmp_class.data();
  const std::int32_t* __restrict const root_next = literal.root_transition.data();
  const std::uint64_t* __restrict const pair_bits = literal.pairs.bits();
  // The cursor, in locals the compiler can keep in registers.
  std::int32_t state = kRoot;
  std::uint32_t row = 0;
  int gap = 0;
  // The evasion automaton's cursor: it moves only on characters its patterns use (flagged in
  // the literal table), on noise while it is inside a pattern, and goes home on anything else.
  const std::uint32_t* __restrict const e_table = evasive.bmp_class.data();
  const std::int32_t* __restrict const e_root_next = evasive.root_transition.data();
  const std::uint64_t* __restrict const e_pair_bits = evasive.pairs.bits();
  std::int32_t e_state = kRoot;
  std::uint32_t e_row = 0;
  int e_gap = 0;

  // The evasion automaton's step for a character classed `e` there: the same two paths.
  auto consume_evasive = [&](std::uint32_t e, const unsigned char* at, const unsigned char* after)
      __attribute__((always_inline)) {
    // At the root (where it mostly is) the root's dense table decides outright.
    if (e_state != kRoot && PairMatrix::test(e_pair_bits, e_row | e >> kColumnShift)) {
      const Cursor c = step(evasive, {e_state, e_row, e_gap, false}, e);
      e_state = c.state, e_row = c.row, e_gap = c.gap;
      if (c.output) report(evasive, evasive.slots[e_state].out, begin, at, after, raw);
      return;
    }
    const std::int32_t to = e_root_next[e & kClassMask];
    e_state = to >> 1;
    e_row = e >> kColumnShift << 10;
    e_gap = 0;
    if (to & 1) [[unlikely]]
      report(evasive, evasive.slots[e_state].out, begin, at, after, raw);
  };
  // One character, classed `e`, at [at, after); `index` its place in the BMP tables.
  auto consume = [&](std::uint32_t e, std::uint32_t index, const unsigned char* at, const unsigned char* after)
      __attribute__((always_inline)) {
    if ((e & kEvasionFlag) || e_state != kRoot) [[unlikely]]
      consume_evasive(e_table[index], at, after);
    // At the root, `row` is stale: a pair that passes only costs the general step.
    if (PairMatrix::test(pair_bits, row | e >> kColumnShift)) [[unlikely]] {
      const Cursor c = step(literal, {state, row, gap, false}, e);
      state = c.state, row = c.row, gap = c.gap;
      if (c.output) report(literal, literal.slots[state].out, begin, at, after, raw);
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
      report(literal, literal.slots[state].out, begin, at, after, raw);
  };
  // Any character: invalid bytes match nothing and send the automata home.
  auto decode_one = [&](const unsigned char* p) __attribute__((always_inline))->const unsigned char* {
    char32_t cp;
    const int len = utf8::decode(p, end, cp);
    if (len == 0) {
      state = kRoot;
      e_state = kRoot;
      return p + 1;
    }
    // The evasion automaton covers the BMP: an astral character is noise there (the NUL
    // entry, at kAsciiAt) or nothing (entry 0, an overlong form's).
    const std::uint32_t e = entry_of(literal, cp);
    consume(e, cp < 0x10000 ? bmp_index(cp) : (e & kNoiseFlag) ? kAsciiAt : 0, p, p + len);
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
        const std::uint32_t i = three_byte_index(v);
        consume(table[i], i, p, p + 3);
        p += 3;
      } else if (!(v & 0x80)) {
        consume(table[kAsciiAt + (v & 0x7F)], kAsciiAt + (v & 0x7F), p, p + 1);
        ++p;
      } else {
        p = decode_one(p);
      }
    }
  }
  while (p < end) p = decode_one(p);
}

// One step of an automaton, through the double array and the failure chain.
Matcher::Impl::Cursor Matcher::Impl::step(const Automaton& a, Cursor at, std::uint32_t e) {
  const Slot* const slot = a.slots.data();
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
    next = a.root_transition[cls] >> 1;
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

void Matcher::Impl::report(const Automaton& a, std::uint32_t out, const unsigned char* text,
                           const unsigned char* last, const unsigned char* end, std::vector<Hit>& raw) const {
  const auto hit_end = static_cast<std::uint32_t>(end - text);
  for (std::uint32_t i = out; a.out_pool[i].pattern != kEndOfList; ++i)
    raw.push_back(Hit{a.out_pool[i].pattern, start_of(a, a.out_pool[i], text, last), hit_end, 0, 0});
}

Output Matcher::Impl::output_of(std::uint32_t variant) const {
  bool noise = false;
  for (char32_t c : variants[variant].expect) noise |= norm.noise_skip && is_noise(c);
  return {variant, static_cast<std::uint32_t>(variants[variant].expect.size()), noise};
}

// Where the hit whose last character starts at `last` begins: walks back over the original
// text, stepping over the noise the scan skipped. Done per hit rather than recording every
// character's offset as the scan goes, which would cost the hot loop a store per character.
std::uint32_t Matcher::Impl::start_of(const Automaton& a, const Output& output, const unsigned char* text,
                                      const unsigned char* last) const {
  const unsigned char* p = last;
  auto previous_entry = [&] {
    do {
      --p;
    } while (p > text && (*p & 0xC0) == 0x80);
    char32_t cp;
    return utf8::decode(p, p + 4, cp) ? entry_of(a, cp) : 0;
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
    if (!impl_->boundary_ok(text, hit)) continue;
    const std::optional<HitMode> mode = impl_->verify(text, hit);
    if (!mode) continue;
    hit.mode = *mode;
    hit.pattern = impl_->variants[hit.pattern].pattern;
    const PatternSpec& spec = impl_->specs[hit.pattern];
    // An allow-listed phrase counts where the text shows it as written.
    if ((spec.allow & options.platforms) && hit.mode == HitMode::literal) allowed.push_back(hit);
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
    if (a.pattern != b.pattern) return a.pattern < b.pattern;
    return a.mode < b.mode;
  });
  // Two variants of one pattern over one span (a reading variant and the term itself): one hit.
  banned.erase(std::unique(banned.begin(), banned.end(),
                           [](const Hit& a, const Hit& b) {
                             return a.begin == b.begin && a.end == b.end && a.pattern == b.pattern;
                           }),
               banned.end());
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
std::size_t Matcher::states() const { return impl_->literal.state_count + impl_->evasive.state_count; }

std::size_t Matcher::memory_bytes() const {
  const Impl& m = *impl_;
  return m.literal.memory_bytes() + m.evasive.memory_bytes() + m.latin_start.size() * 2 +
         (m.group_of.size() + m.lookalike_of.size()) * 32;
}

}  // namespace kefu::host::words
