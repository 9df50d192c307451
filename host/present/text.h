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

// How far a source can be trusted, for people: 官方 / 法律法规 / 第三方 / 商家 / 无来源.
std::string confidence_label(Confidence confidence, Lang lang);

// Which side of a rule key's value is stricter for the agent: "数值越小越严" / "lower is stricter".
std::string strictness_label(Strictness strictness, Lang lang);

// When and how the source was read: "查阅于 2026-12-04", or, when it was not re-read,
// "转引自 docs/research/platforms.md §1.2（2026-11-23）"; "" when the source gives no date.
std::string source_read_text(const Source& source, Lang lang);

// A rule version's start: "自 2021-12-01 起", "生效日期未知（现行）" for "unknown", and
// "" for an entry in force from the beginning (kefu::Rule::effective_from).
std::string effective_from_text(const std::string& effective_from, Lang lang);

// Said once on stderr when a kefu that writes to the store waits for another one's ingest.
std::string store_wait_text(const std::string& store, Lang lang);

}  // namespace kefu::host
