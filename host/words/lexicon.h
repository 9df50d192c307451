// The effective word lists: the common list every platform inherits, each platform plugin's
// list, the merchant's lists for that platform (kefu.json `words`, `kefu update`), and the
// user's own (--words / --allow), composed per platform and compiled into one Matcher so a text
// is scanned once for all of them.
//
// Composition for platform P, in layers: common (minus the entries P unbans, and the categories
// P's rules allow; marked unknown where P's stance on the category is unknown) ← P's list ←
// P's merchant lists ← user lists. A later layer's entry replaces an earlier one with the same normalized text
// (so a plugin can raise 第一 from warn to block); allow-listed phrases compose the same way.
#pragma once

#include "words/matcher.h"
#include "words/modes.h"

#include <kefu/model.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kefu::host::words {

enum class Layer { common, platform, merchant, user };
const char* layer_name(Layer layer);

// What a platform says about the behaviour a term category names (off-platform diversion,
// review cashback ...), from the rule that governs the category (model/catalog.h
// term_category_rule): `banned` — its rule, or the law it inherits, forbids it; `allowed` — its
// rule permits it; `unknown` — no source says, so the category's common terms are shown as
// "not known for this platform", never as allowed; `listed` — no rule governs the category,
// each term applies as its own source says.
enum class Stance { listed, banned, allowed, unknown };
const char* stance_name(Stance stance);

struct CategoryStance {
  std::string category;
  Stance stance = Stance::listed;
  std::string rule;         // the governing rule key, e.g. conduct.offplatform_diversion
  std::string rule_name;    // the platform's own name for the rule
  bool inherited = false;   // the rule comes from the common set (national law)
  Source source;            // the rule's source; empty for `listed`
};

struct ListedTerm {
  Term term;
  Layer layer;
  bool allow = false;      // an allow-listed phrase, not a banned term
  std::string normalized;  // the text as the matcher sees it
  // A common-list term whose category's stance on this platform is unknown: the matcher sees it
  // as `warn` (a scan reports it, it does not fail the scan), every output says "unknown".
  bool unknown = false;
};

struct PlatformWords {
  std::string id;
  WordList list;      // the plugin's own
  WordList merchant;  // the merchant's lists for this platform (empty when none is configured)
  std::vector<CategoryStance> stances;  // per category that a rule governs; others are `listed`
};

class Lexicon {
 public:
  // `modes`: the evasion modes per category (modes.h); by default the common list's.
  Lexicon(const WordList& common, std::vector<PlatformWords> platforms, const WordList& user,
          const Normalization& normalization = {}, const CategoryModes& modes = category_modes());

  const std::vector<std::string>& platforms() const { return ids_; }
  std::optional<std::size_t> platform_index(std::string_view id) const;
  PlatformMask all_platforms() const;

  // Platform P's effective list, terms then allow-listed phrases, in list order.
  std::vector<ListedTerm> effective(std::size_t platform) const;
  // Platform P's stance on a category (`listed` for one no rule governs).
  CategoryStance stance(std::size_t platform, std::string_view category) const;
  const std::vector<CategoryStance>& stances(std::size_t platform) const { return stances_.at(platform); }

  const Matcher& matcher() const { return *matcher_; }
  // The entry that decides a pattern on a platform (null where the platform does not list it).
  const ListedTerm* entry(std::uint32_t pattern, std::size_t platform) const;
  const std::string& normalized(std::uint32_t pattern) const { return normalized_[pattern]; }

 private:
  std::vector<std::string> ids_;
  std::vector<std::vector<ListedTerm>> lists_;       // per platform, effective order
  std::vector<std::vector<CategoryStance>> stances_;  // per platform
  std::vector<std::vector<std::int32_t>> entry_of_;  // [pattern][platform] → index in lists_
  std::vector<std::string> normalized_;              // per pattern
  std::optional<Matcher> matcher_;
};

}  // namespace kefu::host::words
