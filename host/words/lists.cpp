#include "words/lists.h"

#include "base/input_file.h"
#include "base/utf8.h"

#include <kefu/toolkit/wordfile.hpp>

namespace kefu::embedded {
std::string_view common_words_txt();  // host/words/data/common.txt, compiled in by kefu_embed
}

namespace kefu::host::words {
namespace {

std::string read_file(const std::string& path) {
  InputBytes input = read_input_file(path);
  if (!input.bytes) throw WordFileError(input.error);
  return std::move(*input.bytes);
}

// Reads one word file into `list`; every problem (format, encoding) is collected so the user
// fixes them all in one go. A category beyond the built-in ones is a team's own (竞品,
// 售后承诺 ...) and is kept as written: only a malformed line is an error.
void read_into(const std::string& path, const Source& source, bool allow, WordList& list) {
  const std::string text = read_file(path);
  std::string problems;
  if (const std::size_t bad = utf8::find_invalid(text); bad != std::string::npos)
    problems += "\n  byte " + std::to_string(bad) + ": not UTF-8 (save the file as UTF-8)";
  WordFileDefaults defaults;
  defaults.source = source;
  WordList read;
  for (const auto& p : read_word_file(text, defaults, read))
    problems += "\n  line " + std::to_string(p.line) + ": " + p.reason;
  if (!problems.empty()) throw WordFileError(path + ":" + problems);
  auto& into = allow ? list.allow : list.terms;
  for (Term& t : read.terms) into.push_back(std::move(t));
  for (Term& t : read.allow) list.allow.push_back(std::move(t));
  for (std::string& u : read.unban) list.unban.push_back(std::move(u));
}

}  // namespace

WordList common_word_list() {
  WordList list;
  WordFileDefaults defaults;
  if (auto problems = read_word_file(embedded::common_words_txt(), defaults, list); !problems.empty())
    throw std::logic_error("common word list line " + std::to_string(problems[0].line) + ": " + problems[0].reason);
  return list;
}

WordList read_user_word_files(const std::vector<std::string>& word_files, const std::vector<std::string>& allow_files) {
  WordList list;
  for (const auto& f : word_files)
    read_into(f, Source{"用户词表 " + f, "", "", Confidence::merchant, "--words", ""}, false, list);
  for (const auto& f : allow_files)
    read_into(f, Source{"用户词表 " + f, "", "", Confidence::merchant, "--allow", ""}, true, list);
  return list;
}

WordList read_merchant_word_files(const std::vector<MerchantFile>& files) {
  WordList list;
  for (const MerchantFile& f : files)
    read_into(f.path, Source{"商家词表 " + f.path, "", "", Confidence::merchant, f.origin, ""}, false, list);
  return list;
}

}  // namespace kefu::host::words
