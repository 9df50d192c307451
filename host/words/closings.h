// The closing list (definitions kefu/2, rule C2; docs/metrics.md "Closings"): which customer
// messages are only a courtesy ("没有了，谢谢", "好的👍") and so open no turn.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::words {

class ClosingList {
 public:
  // Kefu's list (host/words/data/closings.txt, compiled in).
  static ClosingList defaults();

  // Adds entries (a team's own, from kefu.json): each non-empty after folding, else
  // std::invalid_argument naming it.
  void add(const std::vector<std::string>& entries);

  // True when `content`, after folding width, case and traditional characters and skipping
  // whitespace, punctuation and separator symbols, is a non-empty concatenation of entries.
  // Punctuation alone ("？？？") is not a closing. Messages over kMaxBytes are never closings.
  bool closing_only(std::string_view content) const;

  const std::vector<std::string>& entries() const { return entries_; }

  static constexpr std::size_t kMaxBytes = 120;

 private:
  std::vector<std::string> entries_;   // as written
  std::vector<std::u32string> folded_;  // longest first
  std::vector<char32_t> alphabet_;      // every character of an entry, sorted
};

}  // namespace kefu::host::words
