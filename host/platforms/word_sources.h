// The platforms' own word lists, from their plugins, and each platform's stance on the term
// categories, from its rules (the other layers: words/lists.h).
#pragma once

#include "platforms/registry.h"
#include "rules/rule_book.h"
#include "words/lexicon.h"
#include "words/lists.h"

#include <kefu/model.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace kefu::host::words {

// The word lists of the named platforms (all loaded plugins with words when `ids` is empty),
// each with its stances as of today (category_stances). Throws std::runtime_error naming an
// unknown platform, or one whose plugin has no list or could not give it (crashed, timed out
// ...): never a partial set of lists.
std::vector<PlatformWords> plugin_word_lists(const PluginRegistry& registry, const std::vector<std::string>& ids);

// A platform's stance on each category a rule governs (model/catalog.h term_category_rule),
// from its rules in force: a known `true` forbids (banned), a known `false` permits (allowed),
// anything else — no such rule, value unknown — is unknown. The rule's source goes with it.
std::vector<CategoryStance> category_stances(const rules::RuleView& view);

}  // namespace kefu::host::words
