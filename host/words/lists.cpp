#include "words/lists.h"

#include "base/input_file.h"
#include "base/utf8.h"
#include "model/catalog.h"

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

// Reads one word file into `list`; every problem (format, encoding, unknown category) is
// collected so the user fixes them all in one go.
void read_into(const std::string& path, const Source& source, bool allow, bool own_categories, WordList& list) {
  const std::string text = read_file(path);
  std::string problems;
  if (const std::size_t bad = utf8::find_invalid(text); bad != std::string::npos)
    problems += "\n  byte " + std::to_string(bad) + ": not UTF-8 (save the file as UTF-8)";
  WordFileDefaults defaults;
  defaults.source = source;
  WordList read;
  for (const auto& p : read_word_file(text, defaults, read))
    problems += "\n  line " + std::to_string(p.line) + ": " + p.reason;
  for (const Term& t : read.terms)
    if (!own_categories && !is_term_category(t.category))
      problems += "\n  term " + t.text + ": category \"" + t.category +
                  "\" is unknown (use one of: 广告法极限词, "
                  "引流/站外联系, 好评返现/虚假交易, 医疗功效, 辱骂/不文明, 其他)";
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
    read_into(f, Source{"用户词表 " + f, "", "", Confidence::merchant, "--words", ""}, false, false, list);
  for (const auto& f : allow_files)
    read_into(f, Source{"用户词表 " + f, "", "", Confidence::merchant, "--allow", ""}, true, false, list);
  return list;
}

WordList read_merchant_word_files(const std::vector<MerchantFile>& files) {
  WordList list;
  for (const MerchantFile& f : files)
    read_into(f.path, Source{"商家词表 " + f.path, "", "", Confidence::merchant, f.origin, ""}, false, true, list);
  return list;
}

}  // namespace kefu::host::words
