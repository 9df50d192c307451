// Which evasion modes apply to which category (docs/words.md "Evasions"). A category's modes
// come from the `#@modes` lines of the common list (host/words/data/common.txt: on for the
// categories where evasion is common) and may be changed by a user word file's own `#@modes`
// lines:   #@modes<TAB>引流/站外联系<TAB>pinyin lookalike     (or `none`)
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::words {

// Modes a term may match in besides the literal one (bit set).
using ModeSet = std::uint8_t;
inline constexpr ModeSet kModePinyin = 1;     // homophones, spelled-out pinyin, initials (3+ characters)
inline constexpr ModeSet kModeLookalike = 2;  // look-alike characters

// How one hit matched; the name is the stable `mode` key of machine output.
enum class HitMode : std::uint8_t { literal, pinyin, initials, lookalike };
const char* hit_mode_name(HitMode mode);

class CategoryModes {
 public:
  ModeSet of(std::string_view category) const;
  void set(const std::string& category, ModeSet modes) { by_category_[category] = modes; }
  const std::map<std::string, ModeSet, std::less<>>& all() const { return by_category_; }

 private:
  std::map<std::string, ModeSet, std::less<>> by_category_;
};

// Parses "pinyin lookalike" / "none"; false on an unknown name.
bool parse_modes(std::string_view text, ModeSet& out);
// The `#@modes` lines of a word file, applied over `into`; returns problems as "line N: reason".
std::vector<std::string> read_mode_directives(std::string_view text, CategoryModes& into);

// The modes of the common list (its `#@modes` lines), then those of the given user files.
CategoryModes category_modes(const std::vector<std::string>& user_word_files = {});

}  // namespace kefu::host::words
