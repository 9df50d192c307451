// Where word lists come from: the common list compiled into the host, the loaded plugins,
// and the user's files. Every failure names the file (and line) and what to fix.
#pragma once

#include "platforms/registry.h"
#include "words/lexicon.h"

#include <kefu/model.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace kefu::host::words {

// A word file the user named could not be used; the message lists every bad line.
class WordFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The common list (host/words/data/common.txt), inherited by every platform.
WordList common_word_list();

// The user's --words and --allow files (word-file format), with `merchant` confidence.
WordList read_user_word_files(const std::vector<std::string>& word_files, const std::vector<std::string>& allow_files);

// The word lists of the named platforms (all loaded plugins with words when `ids` is empty).
// Throws std::runtime_error naming an unknown platform, or one whose plugin has no list.
std::vector<PlatformWords> plugin_word_lists(const PluginRegistry& registry, const std::vector<std::string>& ids);

}  // namespace kefu::host::words
