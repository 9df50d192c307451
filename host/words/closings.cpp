#include "words/closings.h"

#include "base/utf8.h"
#include "words/normalize.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace kefu::embedded {
std::string_view closings_txt();
}

namespace kefu::host::words {
namespace {

// The emoji block is_noise() treats as separators (words/normalize.cpp).
bool is_emoji(char32_t c) { return c >= 0x1F300 && c <= 0x1FAFF; }

std::u32string fold_entry(std::string_view text) {
  std::u32string out;
  for (char32_t c : normalize(text, Normalization{}))
    if (!is_noise(c) || is_emoji(c)) out += c;
  return out;
}

}  // namespace

ClosingList ClosingList::defaults() {
  ClosingList list;
  std::istringstream in{std::string(embedded::closings_txt())};
  std::vector<std::string> entries;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    entries.push_back(line);
  }
  list.add(entries);
  return list;
}

void ClosingList::add(const std::vector<std::string>& entries) {
  for (const std::string& e : entries) {
    std::u32string folded = fold_entry(e);
    if (folded.empty())
      throw std::invalid_argument("closing entry \"" + e + "\" is empty after dropping spaces and punctuation");
    if (std::find(folded_.begin(), folded_.end(), folded) != folded_.end()) continue;
    entries_.push_back(e);
    folded_.push_back(std::move(folded));
  }
  std::stable_sort(folded_.begin(), folded_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  alphabet_.clear();
  for (const auto& e : folded_) alphabet_.insert(alphabet_.end(), e.begin(), e.end());
  std::sort(alphabet_.begin(), alphabet_.end());
  alphabet_.erase(std::unique(alphabet_.begin(), alphabet_.end()), alphabet_.end());
}

bool ClosingList::closing_only(std::string_view content) const {
  if (content.empty() || content.size() > kMaxBytes) return false;
  // Spaces and punctuation go; emoji stay, since an emoji may be an entry (👍) or a separator.
  // A character no entry has ends it early: most customer messages are questions, and this runs
  // on every one of them (the reader's hot path).
  std::u32string text;
  const Normalization n;
  const auto* p = reinterpret_cast<const unsigned char*>(content.data());
  const auto* end = p + content.size();
  while (p < end) {
    char32_t c;
    const int length = utf8::decode(p, end, c);
    if (length == 0) return false;  // not UTF-8: not a courtesy Kefu can read
    p += length;
    c = fold(c, n);
    if (is_noise(c) && !is_emoji(c)) continue;
    if (!is_emoji(c) && !std::binary_search(alphabet_.begin(), alphabet_.end(), c)) return false;
    text += c;
  }
  // reach[i]: text[0, i) splits into entries and separator emoji; matched[i]: with one entry at least.
  std::vector<char> reach(text.size() + 1, 0), matched(text.size() + 1, 0);
  reach[0] = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!reach[i]) continue;
    if (is_emoji(text[i])) {
      reach[i + 1] = 1;
      matched[i + 1] |= matched[i];
    }
    for (const std::u32string& e : folded_) {
      if (text.compare(i, e.size(), e) != 0) continue;
      reach[i + e.size()] = 1;
      matched[i + e.size()] = 1;
    }
  }
  return reach[text.size()] && matched[text.size()];
}

}  // namespace kefu::host::words
