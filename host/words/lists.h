// The word lists that are not a plugin's: the common list compiled into the host, the
// merchant's lists (a shop's exported list, the team's own kept in kefu.json or pulled by
// `kefu update`) and the user's --words/--allow files. Every failure names the file, the line
// and what to fix.
#pragma once

#include <kefu/model.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace kefu::host::words {

// A word file could not be used; the message lists every bad line.
class WordFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The common list (host/words/data/common.txt), inherited by every platform.
WordList common_word_list();

// A merchant word file for one platform; `origin` says where it was named (e.g. "kefu.json
// words.tmall", "kefu update tmall-team") and goes into each entry's source.
struct MerchantFile {
  std::string path;
  std::string origin;
};

// The merchant layer of one platform: the files in the word-file format, `merchant` confidence,
// categories beyond the built-in ones accepted (a team's own 竞品, 售后承诺 ...).
WordList read_merchant_word_files(const std::vector<MerchantFile>& files);

// The user's --words and --allow files (word-file format), with `merchant` confidence; a team's
// own categories are accepted here too.
WordList read_user_word_files(const std::vector<std::string>& word_files, const std::vector<std::string>& allow_files);

}  // namespace kefu::host::words
