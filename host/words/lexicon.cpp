#include "words/lexicon.h"

#include "base/utf8.h"

#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace kefu::host::words {

const char* layer_name(Layer layer) {
  switch (layer) {
    case Layer::common:
      return "common";
    case Layer::platform:
      return "platform";
    case Layer::merchant:
      return "merchant";
    case Layer::user:
      return "user";
  }
  return "?";
}

const char* stance_name(Stance stance) {
  switch (stance) {
    case Stance::listed:
      return "listed";
    case Stance::banned:
      return "banned";
    case Stance::allowed:
      return "allowed";
    case Stance::unknown:
      return "unknown";
  }
  return "?";
}

namespace {

const CategoryStance* find_stance(const std::vector<CategoryStance>& stances, std::string_view category) {
  for (const CategoryStance& s : stances)
    if (s.category == category) return &s;
  return nullptr;
}

// One platform's list, built layer by layer; an entry with the same normalized text replaces
// the earlier one in place (keeping list order stable for display).
class Composer {
 public:
  explicit Composer(const Normalization& n) : norm_(n) {}

  // `stances` (common layer only): a term of a category the platform allows is left out, one of
  // a category whose stance is unknown is marked so.
  void add(const std::vector<Term>& terms, Layer layer, bool allow, const std::unordered_set<std::string>& unban = {},
           const std::vector<CategoryStance>* stances = nullptr) {
    for (const Term& t : terms) {
      std::string key = utf8::from_u32(normalize(t.text, norm_));
      if (key.empty() || unban.count(key)) continue;
      const CategoryStance* stance = stances && !allow ? find_stance(*stances, t.category) : nullptr;
      if (stance && stance->stance == Stance::allowed) continue;
      auto& index = allow ? allow_index_ : term_index_;
      auto& out = allow ? allow_ : terms_;
      ListedTerm entry{t, layer, allow, key, stance && stance->stance == Stance::unknown};
      if (auto it = index.find(key); it != index.end()) {
        out[it->second] = std::move(entry);
      } else {
        index.emplace(std::move(key), out.size());
        out.push_back(std::move(entry));
      }
    }
  }

  std::vector<ListedTerm> take() {
    std::vector<ListedTerm> all = std::move(terms_);
    all.insert(all.end(), allow_.begin(), allow_.end());
    return all;
  }

 private:
  Normalization norm_;
  std::vector<ListedTerm> terms_, allow_;
  std::unordered_map<std::string, std::size_t> term_index_, allow_index_;
};

}  // namespace

Lexicon::Lexicon(const WordList& common, std::vector<PlatformWords> platforms, const WordList& user,
                 const Normalization& normalization, const CategoryModes& modes) {
  if (platforms.size() > 64) throw std::invalid_argument("at most 64 platforms can be scanned at once");
  for (PlatformWords& p : platforms) {
    std::unordered_set<std::string> unban;
    for (const std::string& u : p.list.unban) unban.insert(utf8::from_u32(normalize(u, normalization)));
    Composer c(normalization);
    c.add(common.terms, Layer::common, false, unban, &p.stances);
    c.add(p.list.terms, Layer::platform, false);
    c.add(p.merchant.terms, Layer::merchant, false);
    c.add(user.terms, Layer::user, false);
    c.add(common.allow, Layer::common, true);
    c.add(p.list.allow, Layer::platform, true);
    c.add(p.merchant.allow, Layer::merchant, true);
    c.add(user.allow, Layer::user, true);
    ids_.push_back(p.id);
    lists_.push_back(c.take());
    stances_.push_back(std::move(p.stances));
  }

  // One pattern per normalized text, carrying every platform's verdict as bit masks.
  std::vector<PatternSpec> specs;
  std::unordered_map<std::string, std::uint32_t> pattern_of;
  for (std::size_t p = 0; p < lists_.size(); ++p) {
    for (std::size_t i = 0; i < lists_[p].size(); ++i) {
      const ListedTerm& e = lists_[p][i];
      auto [it, fresh] = pattern_of.emplace(e.normalized, static_cast<std::uint32_t>(specs.size()));
      if (fresh) {
        specs.push_back({e.term.text, 0, 0, 0});
        normalized_.push_back(e.normalized);
        entry_of_.emplace_back(lists_.size(), -1);
      }
      PatternSpec& spec = specs[it->second];
      const PlatformMask bit = PlatformMask{1} << p;
      if (!e.allow) spec.modes |= modes.of(e.term.category);
      if (e.allow)
        spec.allow |= bit;
      else if (e.term.severity == Severity::block && !e.unknown)
        spec.block |= bit;
      else
        spec.warn |= bit;
      if (!e.allow || entry_of_[it->second][p] < 0) entry_of_[it->second][p] = static_cast<std::int32_t>(i);
    }
  }
  matcher_.emplace(specs, normalization);
}

std::optional<std::size_t> Lexicon::platform_index(std::string_view id) const {
  for (std::size_t i = 0; i < ids_.size(); ++i)
    if (ids_[i] == id) return i;
  return std::nullopt;
}

PlatformMask Lexicon::all_platforms() const {
  return ids_.size() >= 64 ? kAllPlatforms : (PlatformMask{1} << ids_.size()) - 1;
}

std::vector<ListedTerm> Lexicon::effective(std::size_t platform) const { return lists_.at(platform); }

CategoryStance Lexicon::stance(std::size_t platform, std::string_view category) const {
  if (const CategoryStance* s = find_stance(stances_.at(platform), category)) return *s;
  return {std::string(category), Stance::listed, "", "", false, {}};
}

const ListedTerm* Lexicon::entry(std::uint32_t pattern, std::size_t platform) const {
  const std::int32_t i = entry_of_.at(pattern).at(platform);
  return i < 0 ? nullptr : &lists_[platform][static_cast<std::size_t>(i)];
}

}  // namespace kefu::host::words
