// The effective word lists: the common list every platform inherits, each platform plugin's
// list, the merchant's lists for that platform (kefu.json `words`, `kefu update`), and the
// user's own (--words / --allow), composed per platform and compiled into one Matcher so a text
// is scanned once for all of them.
//
// Composition for platform P, in layers: common (minus the entries P unbans) ← P's list ←
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

struct ListedTerm {
  Term term;
  Layer layer;
  bool allow = false;      // an allow-listed phrase, not a banned term
  std::string normalized;  // the text as the matcher sees it
};

struct PlatformWords {
  std::string id;
  WordList list;      // the plugin's own
  WordList merchant;  // the merchant's lists for this platform (empty when none is configured)
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

  const Matcher& matcher() const { return *matcher_; }
  // The entry that decides a pattern on a platform (null where the platform does not list it).
  const ListedTerm* entry(std::uint32_t pattern, std::size_t platform) const;
  const std::string& normalized(std::uint32_t pattern) const { return normalized_[pattern]; }

 private:
  std::vector<std::string> ids_;
  std::vector<std::vector<ListedTerm>> lists_;       // per platform, effective order
  std::vector<std::vector<std::int32_t>> entry_of_;  // [pattern][platform] → index in lists_
  std::vector<std::string> normalized_;              // per pattern
  std::optional<Matcher> matcher_;
};

}  // namespace kefu::host::words
