#include "words/modes.h"

#include "base/input_file.h"
#include "words/lists.h"

#include <sstream>

namespace kefu::embedded {
std::string_view common_words_txt();  // host/words/data/common.txt, compiled in by kefu_embed
}

namespace kefu::host::words {

const char* hit_mode_name(HitMode mode) {
  switch (mode) {
    case HitMode::literal:
      return "literal";
    case HitMode::pinyin:
      return "pinyin";
    case HitMode::initials:
      return "initials";
    case HitMode::lookalike:
      return "lookalike";
  }
  return "?";
}

ModeSet CategoryModes::of(std::string_view category) const {
  auto it = by_category_.find(category);
  return it == by_category_.end() ? 0 : it->second;
}

bool parse_modes(std::string_view text, ModeSet& out) {
  out = 0;
  std::istringstream in{std::string(text)};
  std::string word;
  bool any = false;
  while (in >> word) {
    any = true;
    if (word == "pinyin")
      out |= kModePinyin;
    else if (word == "lookalike")
      out |= kModeLookalike;
    else if (word != "none")
      return false;
  }
  return any;
}

std::vector<std::string> read_mode_directives(std::string_view text, CategoryModes& into) {
  std::vector<std::string> problems;
  std::size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, 7) != "#@modes") continue;
    // #@modes <TAB> category <TAB> modes
    const std::size_t t1 = line.find('\t');
    const std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    ModeSet modes = 0;
    if (t2 == std::string_view::npos || t2 == t1 + 1 || !parse_modes(line.substr(t2 + 1), modes)) {
      problems.push_back("line " + std::to_string(line_no) +
                         ": #@modes needs a category and modes, tab-separated: pinyin, lookalike or none");
      continue;
    }
    into.set(std::string(line.substr(t1 + 1, t2 - t1 - 1)), modes);
  }
  return problems;
}

CategoryModes category_modes(const std::vector<std::string>& user_word_files) {
  CategoryModes modes;
  read_mode_directives(embedded::common_words_txt(), modes);  // checked by the common-list test
  for (const std::string& path : user_word_files) {
    InputBytes input = read_input_file(path);
    if (!input.bytes) throw WordFileError(input.error);
    std::string problems;
    for (const std::string& p : read_mode_directives(*input.bytes, modes)) problems += "\n  " + p;
    if (!problems.empty()) throw WordFileError(path + ":" + problems);
  }
  return modes;
}

}  // namespace kefu::host::words
