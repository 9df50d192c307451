// The platforms' own word lists, from their plugins (the other layers: words/lists.h).
#pragma once

#include "platforms/registry.h"
#include "words/lexicon.h"
#include "words/lists.h"

#include <kefu/model.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace kefu::host::words {

// The word lists of the named platforms (all loaded plugins with words when `ids` is empty).
// Throws std::runtime_error naming an unknown platform, or one whose plugin has no list or
// could not give it (crashed, timed out ...): never a partial set of lists.
std::vector<PlatformWords> plugin_word_lists(const PluginRegistry& registry, const std::vector<std::string>& ids);

}  // namespace kefu::host::words
