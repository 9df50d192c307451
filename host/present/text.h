// Terminal text helpers: display width of UTF-8 text (CJK takes two columns) and a simple
// aligned table, so Chinese output lines up in a terminal.
#pragma once

#include <kefu/model.hpp>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host {

// Columns `text` takes in a terminal: East Asian wide and fullwidth characters count 2.
std::size_t display_width(std::string_view utf8);

class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out) const;
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

enum class Lang { zh, en };
inline const char* tr(Lang lang, const char* zh, const char* en) { return lang == Lang::zh ? zh : en; }
// A text a plugin gives in English and, optionally, Chinese: the Chinese one when asked for and
// given, else the English one.
inline const std::string& tr(Lang lang, const std::string& zh, const std::string& en) {
  return lang == Lang::zh && !zh.empty() ? zh : en;
}

// `text` in lines of at most `width` columns, each ending in '\n': `first` starts the first
// line and `rest` the others. Breaks at spaces, and between CJK characters (never before
// closing CJK punctuation); a word longer than a line is cut.
std::string wrap(std::string_view text, std::size_t width, std::string_view first, std::string_view rest);

// How far a source can be trusted, for people: 官方 / 法律法规 / 第三方 / 商家.
std::string confidence_label(Confidence confidence, Lang lang);

}  // namespace kefu::host
