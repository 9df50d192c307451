// Strings to dense ids (0, 1, 2 … in first-seen order), for the millions of session, shop and
// agent keys of a chat log: one arena and an open-addressed table of 8-byte slots, so a lookup
// touches one slot and, on a tag match, one key.
#pragma once

#include <cstdint>
#include <optional>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host {

// A fast 64-bit hash for short keys (8 bytes per step, multiply-fold mixing).
inline std::uint64_t hash_bytes(std::string_view s) {
  constexpr std::uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull;
  auto mix = [](std::uint64_t a, std::uint64_t b) {
    const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
  };
  std::uint64_t h = k0 ^ s.size();
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n >= 8; n -= 8, p += 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = mix(h ^ w, k1);
  }
  std::uint64_t tail = 0;
  if (n > 0) std::memcpy(&tail, p, n);  // an empty view may have no storage: memcpy from null is UB
  return mix(h ^ tail ^ (static_cast<std::uint64_t>(n) << 56), k0 ^ k1);
}

class Interner {
 public:
  Interner() : slots_(1024) {}

  std::uint32_t intern(std::string_view key) {
    const std::uint64_t h = hash_bytes(key);
    const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.id_plus_1 == 0) {
        const auto id = static_cast<std::uint32_t>(offsets_.size());
        offsets_.push_back(arena_.size());
        arena_.append(key);
        slot = {id + 1, tag};
        if (offsets_.size() * 2 > slots_.size()) grow();
        return id;
      }
      if (slot.tag == tag && name(slot.id_plus_1 - 1) == key) return slot.id_plus_1 - 1;
    }
  }

  // The id of `key` when it was interned; none otherwise (const: safe beside other readers).
  std::optional<std::uint32_t> find(std::string_view key) const {
    const std::uint64_t h = hash_bytes(key);
    const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.id_plus_1 == 0) return std::nullopt;
      if (slot.tag == tag && name(slot.id_plus_1 - 1) == key) return slot.id_plus_1 - 1;
    }
  }

  std::string_view name(std::uint32_t id) const {
    const std::size_t from = offsets_[id];
    const std::size_t to = id + 1 < offsets_.size() ? offsets_[id + 1] : arena_.size();
    return std::string_view(arena_).substr(from, to - from);
  }

  std::size_t size() const { return offsets_.size(); }

 private:
  struct Slot {
    std::uint32_t id_plus_1 = 0;  // 0: empty
    std::uint32_t tag = 0;        // high half of the hash, to skip most key comparisons
  };

  void grow() {
    std::vector<Slot> bigger(slots_.size() * 2);
    const std::size_t mask = bigger.size() - 1;
    for (std::uint32_t id = 0; id < offsets_.size(); ++id) {
      const std::uint64_t h = hash_bytes(name(id));
      std::size_t i = h & mask;
      while (bigger[i].id_plus_1 != 0) i = (i + 1) & mask;
      bigger[i] = {id + 1, static_cast<std::uint32_t>(h >> 32)};
    }
    slots_.swap(bigger);
  }

  std::vector<Slot> slots_;
  std::string arena_;
  std::vector<std::size_t> offsets_;
};

}  // namespace kefu::host
