// The word-list file format, shared by plugins (their shipped lists, a merchant's export) and
// the host (the common list, `--words` / `--allow` files), so there is one reader for all.
//
//   # a comment
//   #@source	confidence=law	seen=2026-11-23	url=…	title=《中华人民共和国广告法》第九条
//   (also note=…, and quoted_in=… when the source was not re-read: see kefu::Source)
//   #@list	terms            (or allow | unban; applies to the lines that follow)
//   #@modes	引流/站外联系	pinyin lookalike   (evasion modes of a category; the host applies them)
//   国家级	广告法极限词	block	国内领先
//   vx	引流/站外联系	warn
//   最近
//
// An entry line is `term[<TAB>category[<TAB>severity[<TAB>suggestion]]]`; missing fields take
// the defaults given to the reader. A plain one-term-per-line export (what platforms and
// merchants usually keep) is a valid file. `#@source` sets the source of the entries after it
// (the caller's default applies before the first one). Lines are UTF-8; CR before LF is dropped.
#pragma once

#include <kefu/json.hpp>
#include <kefu/model.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kefu {

struct WordFileProblem {
  std::size_t line = 0;  // 1-based
  std::string reason;
};

struct WordFileDefaults {
  Source source;
  std::string category = "其他";
  Severity severity = Severity::block;
};

namespace detail {

inline std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

inline std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// `#@source` fields: key=value, tab-separated. Returns an error text, empty when fine.
inline std::string read_source_directive(const std::vector<std::string_view>& fields, Source& source) {
  Source next;
  for (std::size_t i = 1; i < fields.size(); ++i) {
    const std::string_view field = trim_spaces(fields[i]);
    if (field.empty()) continue;
    const std::size_t eq = field.find('=');
    if (eq == std::string_view::npos) return "#@source field \"" + std::string(field) + "\" is not key=value";
    const std::string_view key = field.substr(0, eq), value = field.substr(eq + 1);
    if (key == "title")
      next.title = value;
    else if (key == "url")
      next.url = value;
    else if (key == "seen")
      next.seen = value;
    else if (key == "note")
      next.note = value;
    else if (key == "quoted_in")
      next.quoted_in = value;
    else if (key == "confidence") {
      if (!json::detail::enum_from_name(value, next.confidence))
        return "#@source confidence \"" + std::string(value) + "\" is not official|law|third_party|merchant|none";
    } else {
      return "#@source key \"" + std::string(key) + "\" is unknown (title, url, seen, confidence, note, quoted_in)";
    }
  }
  if (next.title.empty()) return "#@source needs a title=";
  source = std::move(next);
  return {};
}

}  // namespace detail

// Reads a word file into `list` (appending). Lines that cannot be read are skipped and
// returned as problems; the caller decides whether a problem is fatal.
inline std::vector<WordFileProblem> read_word_file(std::string_view text, const WordFileDefaults& defaults,
                                                   WordList& list) {
  std::vector<WordFileProblem> problems;
  Source source = defaults.source;
  enum class Section { terms, allow, unban } section = Section::terms;
  std::size_t line_no = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM from Windows editors
  while (!text.empty()) {
    ++line_no;
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (detail::trim_spaces(line).empty()) continue;

    const std::vector<std::string_view> fields = detail::split_tabs(line);
    if (line.substr(0, 2) == "#@") {
      const std::string_view directive = detail::trim_spaces(fields[0]);
      if (directive == "#@source") {
        if (std::string error = detail::read_source_directive(fields, source); !error.empty())
          problems.push_back({line_no, error});
      } else if (directive == "#@list") {
        const std::string_view name = fields.size() > 1 ? detail::trim_spaces(fields[1]) : "";
        if (name == "terms")
          section = Section::terms;
        else if (name == "allow")
          section = Section::allow;
        else if (name == "unban")
          section = Section::unban;
        else
          problems.push_back({line_no, "#@list needs terms, allow or unban"});
      } else if (directive == "#@modes") {
        // Per-category evasion modes: the host applies them (docs/words.md); here only checked.
        bool ok = fields.size() == 3 && !detail::trim_spaces(fields[1]).empty();
        std::size_t names = 0;
        for (std::size_t at = 0; ok && fields.size() == 3;) {
          const std::string_view rest = fields[2].substr(at);
          const std::size_t start = rest.find_first_not_of(' ');
          if (start == std::string_view::npos) break;
          const std::string_view word = rest.substr(start, rest.find(' ', start) - start);
          ok = word == "pinyin" || word == "lookalike" || word == "none";
          ++names;
          at += start + word.size();
        }
        if (!ok || names == 0)
          problems.push_back({line_no, "#@modes needs a category and modes, tab-separated: pinyin, lookalike or none"});
      } else {
        problems.push_back(
            {line_no, "unknown directive " + std::string(directive) + " (use #@source, #@list or #@modes)"});
      }
      continue;
    }
    if (line.front() == '#') continue;

    if (fields.size() > 4) {
      problems.push_back({line_no, "more than 4 tab-separated fields (term, category, severity, suggestion)"});
      continue;
    }
    const std::string_view term = detail::trim_spaces(fields[0]);
    if (term.empty()) {
      problems.push_back({line_no, "empty term before a tab"});
      continue;
    }
    if (section == Section::unban) {
      list.unban.emplace_back(term);
      continue;
    }
    Term entry;
    entry.text = term;
    entry.category = fields.size() > 1 && !detail::trim_spaces(fields[1]).empty()
                         ? std::string(detail::trim_spaces(fields[1]))
                         : defaults.category;
    entry.severity = defaults.severity;
    if (fields.size() > 2 && !detail::trim_spaces(fields[2]).empty() &&
        !json::detail::enum_from_name(detail::trim_spaces(fields[2]), entry.severity)) {
      problems.push_back({line_no, "severity \"" + std::string(fields[2]) + "\" is not block or warn"});
      continue;
    }
    if (fields.size() > 3) entry.suggestion = detail::trim_spaces(fields[3]);
    entry.source = source;
    (section == Section::allow ? list.allow : list.terms).push_back(std::move(entry));
  }
  return problems;
}

}  // namespace kefu
