#include "words/matcher.h"

#include "text/utf8.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <unordered_map>

namespace kefu::host::words {
namespace {

// A class-table entry: the character class in the low 15 bits (0 = in no pattern) and a flag
// for noise characters, which may be skipped between a term's characters.
constexpr std::uint32_t kNoiseFlag = 0x8000;
// Set when the root has a child for the entry's class: at the root (where the scan spends most
// of its characters) a character that starts no term is passed over with this one lookup.
constexpr std::uint32_t kRootChild = 0x10000;
constexpr std::uint16_t kClassMask = 0x7FFF;
constexpr std::int32_t kRoot = 0;
constexpr std::int32_t kFree = -1;
constexpr std::uint32_t kEndOfList = UINT32_MAX;

// A double-array slot, 16 bytes: what one step needs from a state sits in one cache line.
// `base` is shifted left two bits: bit 0 says outputs end here, bit 1 that the failure chain is
// longer than state → fail → root (the step then takes the general loop).
struct Slot {
  std::int32_t base = 0;
  std::int32_t check = kFree;
  std::int32_t fail = kRoot;
  std::uint32_t out = kEndOfList;  // index into out_pool
};
constexpr std::int32_t kHasOutput = 1;
constexpr std::int32_t kDeepFail = 2;
constexpr int kBaseShift = 2;

// The trie before it is packed into the double array.
struct TrieNode {
  std::vector<std::pair<std::uint16_t, std::int32_t>> children;  // (class, node), sorted by class
  std::vector<std::uint32_t> outputs;                             // patterns ending here
  std::int32_t fail = 0;
  std::int32_t child(std::uint16_t cls) const {
    auto it = std::lower_bound(children.begin(), children.end(), cls,
                               [](const auto& c, std::uint16_t v) { return c.first < v; });
    return it != children.end() && it->first == cls ? it->second : -1;
  }
};

}  // namespace

struct Matcher::Impl {
  Normalization norm;
  std::vector<PatternSpec> specs;
  std::vector<std::u32string> normalized;
  std::vector<std::vector<std::uint16_t>> classes;  // each pattern as character classes
  std::vector<std::uint8_t> latin_start, latin_end;

  std::vector<std::uint32_t> bmp_class;                     // 65536 entries
  std::unordered_map<char32_t, std::uint32_t> astral_class;  // classes of code points above U+FFFF

  std::vector<Slot> slots;
  std::vector<std::uint32_t> out_pool;    // pattern ids, each list ends with kEndOfList
  std::vector<std::int32_t> root_transition;  // per class: the root's child, or the root
  std::size_t state_count = 0;

  std::uint32_t entry_of(char32_t cp) const {
    if (cp < 0x10000) return bmp_class[cp];
    auto it = astral_class.find(cp);
    if (it != astral_class.end()) return it->second;
    return norm.noise_skip && is_noise(fold(cp, norm)) ? kNoiseFlag : 0;
  }

  void build(std::span<const PatternSpec> patterns);
  std::vector<TrieNode> build_trie(const std::unordered_map<char32_t, std::uint16_t>& class_of) const;
  void pack(std::vector<TrieNode>& trie);
  void collect(std::string_view text, std::vector<Hit>& raw) const;
  std::uint32_t start_of(std::uint32_t pattern, const unsigned char* text, const unsigned char* last) const;
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
  std::sort(by_frequency.begin(), by_frequency.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (by_frequency.size() >= kClassMask)
    throw std::invalid_argument("the word lists use more than 32766 distinct characters");
  std::unordered_map<char32_t, std::uint16_t> class_of;
  for (std::size_t i = 0; i < by_frequency.size(); ++i)
    class_of[by_frequency[i].second] = static_cast<std::uint16_t>(i + 1);

  // Fuse folding and classing: one table lookup per input character at scan time.
  auto entry = [&](char32_t cp) -> std::uint32_t {
    const char32_t folded = fold(cp, norm);
    auto it = class_of.find(folded);
    std::uint32_t e = it == class_of.end() ? 0 : it->second;
    if (norm.noise_skip && is_noise(folded)) e |= kNoiseFlag;
    return e;
  };
  bmp_class.resize(0x10000);
  for (char32_t cp = 0; cp < 0x10000; ++cp) bmp_class[cp] = entry(cp);
  // Astral code points that fold into a pattern character (𝟏 → 1, Ext-B traditional forms),
  // and astral pattern characters themselves; any other astral code point is classed on the
  // fly (entry_of), so the build does not walk the whole astral range.
  for (char32_t cp : astral_variants()) {
    if (const std::uint32_t e = entry(cp); e & kClassMask) astral_class[cp] = e;
  }
  for (const auto& [c, cls] : class_of) {
    if (c >= 0x10000) astral_class[c] = entry(c);
  }

  for (const std::u32string& n : normalized) {
    std::vector<std::uint16_t>& c = classes.emplace_back();
    for (char32_t ch : n) c.push_back(class_of.at(ch));
  }
  std::vector<TrieNode> trie = build_trie(class_of);
  pack(trie);
  auto mark = [&](std::uint32_t& e) {
    if (root_transition[e & kClassMask] != kRoot) e |= kRootChild;
  };
  for (std::uint32_t& e : bmp_class) mark(e);
  for (auto& [cp, e] : astral_class) mark(e);
}

std::vector<TrieNode> Matcher::Impl::build_trie(const std::unordered_map<char32_t, std::uint16_t>& class_of) const {
  std::vector<TrieNode> trie(1);
  for (std::uint32_t p = 0; p < normalized.size(); ++p) {
    std::int32_t node = 0;
    for (char32_t c : normalized[p]) {
      const std::uint16_t cls = class_of.at(c);
      auto& kids = trie[node].children;
      auto it = std::lower_bound(kids.begin(), kids.end(), cls,
                                 [](const auto& k, std::uint16_t v) { return k.first < v; });
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
    if (n != 0 && trie[n].fail != 0 && trie[trie[n].fail].fail != 0) slot.base |= kDeepFail;
    if (!trie[n].outputs.empty()) {
      slot.base |= kHasOutput;
      slot.out = static_cast<std::uint32_t>(out_pool.size());
      out_pool.insert(out_pool.end(), trie[n].outputs.begin(), trie[n].outputs.end());
      out_pool.push_back(kEndOfList);
    }
  }
  root_transition.assign(kClassMask + 1, kRoot);
  for (const auto& [cls, child] : trie[0].children) root_transition[cls] = slot_of[child];
  state_count = trie.size();
}

// The hot loop: every (overlapping) occurrence of every pattern, in end order.
// (bench/words_bench.cpp measures it; keep branches out of the common path.)
void Matcher::Impl::collect(std::string_view text, std::vector<Hit>& raw) const {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = begin + text.size();
  const Slot* __restrict const slot = slots.data();
  const std::uint32_t* __restrict const table = bmp_class.data();
  const std::int32_t* __restrict const root_next = root_transition.data();
  std::int32_t state = kRoot;
  int gap = 0;

  for (const unsigned char* p = begin; p < end;) {
    const unsigned char* const at = p;  // where this character starts
    std::uint32_t e;
    if (*p < 0x80) {
      e = table[*p++];
    } else if ((*p & 0xF0) == 0xE0 && end - p >= 3 && ((p[1] ^ 0x80) | (p[2] ^ 0x80)) < 0x40) [[likely]] {
      // The common case in Chinese text, inlined: a valid three-byte sequence. Overlong forms
      // are refused here; surrogates (ED A0-BF ..) decode to table entries that are 0, which
      // match nothing, as invalid bytes should.
      const unsigned cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
      if (cp < 0x800) [[unlikely]] { ++p; state = kRoot; continue; }
      p += 3;
      e = table[cp];
    } else {
      char32_t cp;
      const int len = utf8::decode(p, end, cp);
      if (len == 0) { ++p; state = kRoot; continue; }  // invalid bytes match nothing
      p += len;
      e = cp < 0x10000 ? table[cp] : entry_of(cp);
    }
    const std::int32_t cls = e & kClassMask;
    if (state == kRoot) {
      // Most characters start no term: at the root the class entry alone decides, and a term's
      // first character takes the root's dense table, without the double-array check (the
      // root has no failure chain).
      if (!(e & kRootChild)) continue;
      const std::int32_t to = root_next[cls];
      state = to;
      gap = 0;
      if (slot[to].base & kHasOutput) [[unlikely]] {
        const auto hit_end = static_cast<std::uint32_t>(p - begin);
        for (std::uint32_t i = slot[to].out; out_pool[i] != kEndOfList; ++i) {
          const std::uint32_t pattern = out_pool[i];
          raw.push_back(Hit{pattern, start_of(pattern, begin, at), hit_end, 0, 0});
        }
      }
      continue;
    }
    const std::int32_t base_bits = slot[state].base;
    std::int32_t next = (base_bits >> kBaseShift) + cls;
    // Class 0 (in no pattern) never passes a check: slot base + 0 is no state's child.
    bool skipped = false;
    if (slot[next].check != state) {
      std::int32_t fallback;
      if (!(base_bits & kDeepFail)) [[likely]] {
        // Failing to the root, or to a state that fails to the root: the root's transitions
        // are one dense lookup that does not wait for this state's loads.
        fallback = root_next[cls];
        const std::int32_t f = slot[state].fail;
        if (f != kRoot) [[unlikely]] {
          const std::int32_t t = (slot[f].base >> kBaseShift) + cls;
          if (slot[t].check == f) fallback = t;
        }
      } else {
        fallback = kRoot;
        for (std::int32_t s = slot[state].fail;; s = slot[s].fail) {
          const std::int32_t t = (slot[s].base >> kBaseShift) + cls;
          if (slot[t].check == s) { fallback = t; break; }
          if (s == kRoot) break;
        }
      }
      // A noise character continues a term only where the term itself contains it (the check
      // above); otherwise it is skipped, up to kMaxNoiseRun in a row. Selects, not branches:
      // punctuation comes at no predictable rhythm.
      skipped = e & kNoiseFlag;
      const int run = gap + 1;
      const std::int32_t kept = run > kMaxNoiseRun ? kRoot : state;
      next = skipped ? kept : fallback;
      gap = skipped ? run : 0;
    } else {
      gap = 0;
    }
    state = next;
    if ((slot[next].base & kHasOutput) && !skipped) [[unlikely]] {
      const auto hit_end = static_cast<std::uint32_t>(p - begin);
      for (std::uint32_t i = slot[next].out; out_pool[i] != kEndOfList; ++i) {
        const std::uint32_t pattern = out_pool[i];
        raw.push_back(Hit{pattern, start_of(pattern, begin, at), hit_end, 0, 0});
      }
    }
  }
}

// Where the hit of `pattern` whose last character starts at `last` begins: walks back over the
// original text, matching the pattern's classes from its end and stepping over skipped noise.
// Done per hit rather than recording every character's offset as the scan goes, which would
// cost the hot loop a store per character.
std::uint32_t Matcher::Impl::start_of(std::uint32_t pattern, const unsigned char* text,
                                      const unsigned char* last) const {
  const std::vector<std::uint16_t>& want = classes[pattern];
  const unsigned char* p = last;
  std::size_t k = want.size() - 1;  // the character at `last` is want[k]
  while (k > 0) {
    do { --p; } while (p > text && (*p & 0xC0) == 0x80);
    char32_t cp;
    const std::uint32_t e = utf8::decode(p, p + 4, cp) ? entry_of(cp) : 0;
    if ((e & kClassMask) == want[k - 1]) --k;
    // anything else here is a noise character the scan skipped
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
  return m.slots.size() * sizeof(Slot) + m.out_pool.size() * sizeof(std::uint32_t) +
         m.root_transition.size() * sizeof(std::int32_t) +
         m.bmp_class.size() * sizeof(std::uint32_t) + m.astral_class.size() * 16 +
         m.latin_start.size() * 2;
}

}  // namespace kefu::host::words
