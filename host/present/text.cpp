#include "present/text.h"

#include "base/utf8.h"

#include <algorithm>

namespace kefu::host {
namespace {

// Invalid bytes count as one narrow column each: the table still lines up roughly.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  char32_t cp;
  const int len = utf8::decode(p, reinterpret_cast<const unsigned char*>(s.data()) + s.size(), cp);
  i += len ? len : 1;
  return len ? cp : U'?';
}

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) || (c >= 0x3041 && c <= 0x33ff) ||
         (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
         (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) ||
         (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
}

bool is_closing_punct(char32_t c) {
  return std::u32string_view(U"，。、；：！？）」』】》〉”’％").find(c) != std::u32string_view::npos;
}

// Pieces a line may break between: a run of narrow non-space characters, one wide character
// (with the closing punctuation that follows it), or a space.
std::vector<std::string_view> break_pieces(std::string_view s) {
  std::vector<std::string_view> pieces;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    const char32_t c = next_code_point(s, i);
    if (c == U' ' || is_wide(c)) {
      for (std::size_t j = i; j < s.size();) {  // closing punctuation sticks to what it closes
        const char32_t d = next_code_point(s, j);
        if (!is_closing_punct(d)) break;
        i = j;
      }
    } else {
      for (std::size_t j = i; j < s.size();) {
        const char32_t d = next_code_point(s, j);
        if (d == U' ' || is_wide(d)) break;
        i = j;
      }
    }
    pieces.push_back(s.substr(start, i - start));
  }
  return pieces;
}

}  // namespace

std::string wrap(std::string_view text, std::size_t width, std::string_view first, std::string_view rest) {
  std::string out(first), line;
  std::size_t used = display_width(first);
  const std::size_t indent = display_width(rest);
  auto newline = [&] {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
    out += rest;
    line.clear();
    used = indent;
  };
  for (std::string_view piece : break_pieces(text)) {
    if (piece == " " && line.empty()) continue;  // no leading blanks on a wrapped line
    std::size_t w = display_width(piece);
    if (used + w > width && !line.empty()) newline();
    if (piece == " " && line.empty()) continue;
    while (used + w > width && w > 1) {  // a word longer than a line: cut it
      std::size_t cut = 0, cw = 0;
      for (std::size_t i = 0; i < piece.size();) {
        std::size_t j = i;
        const std::size_t chw = is_wide(next_code_point(piece, j)) ? 2 : 1;
        if (used + cw + chw > width) break;
        cw += chw;
        i = j;
        cut = i;
      }
      if (cut == 0) break;
      line += piece.substr(0, cut);
      piece.remove_prefix(cut);
      w = display_width(piece);
      newline();
    }
    line += piece;
    used += w;
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  out += line;
  out += '\n';
  return out;
}

std::string confidence_label(Confidence c, Lang lang) {
  if (lang == Lang::en) return std::string(enum_names(c)[static_cast<int>(c)]);
  switch (c) {
    case Confidence::official:
      return "官方";
    case Confidence::law:
      return "法律法规";
    case Confidence::third_party:
      return "第三方";
    case Confidence::merchant:
      return "商家";
    case Confidence::none:
      return "无来源";
  }
  return "?";
}

std::string strictness_label(Strictness s, Lang lang) {
  switch (s) {
    case Strictness::lower_is_stricter:
      return tr(lang, "数值越小越严", "lower is stricter");
    case Strictness::higher_is_stricter:
      return tr(lang, "数值越大越严", "higher is stricter");
    case Strictness::true_is_stricter:
      return tr(lang, "“是”更严", "true is stricter");
    case Strictness::none:
      break;
  }
  return tr(lang, "不比较", "not compared");
}

std::string source_read_text(const Source& s, Lang lang) {
  if (s.seen.empty()) return "";
  if (!s.quoted_in.empty())
    return tr(lang, "转引自 ", "as quoted in ") + s.quoted_in + tr(lang, "（", " (") + s.seen + tr(lang, "）", ")");
  return tr(lang, "查阅于 ", "read ") + s.seen;
}

std::string effective_from_text(const std::string& effective_from, Lang lang) {
  if (effective_from.empty()) return "";
  if (effective_from == kEffectiveUnknown) return tr(lang, "生效日期未知（现行）", "in force now, since a date not known");
  return tr(lang, "自 ", "since ") + effective_from + tr(lang, " 起", "");
}

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) width += is_wide(next_code_point(s, i)) ? 2 : 1;
  return width;
}

void Table::print(std::ostream& out) const {
  std::vector<std::size_t> widths(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], display_width(row[c]));
  };
  measure(header_);
  for (const auto& r : rows_) measure(r);
  auto line = [&](const std::vector<std::string>& row) {
    std::string text;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < row.size() ? row[c] : "";
      text += cell;
      if (c + 1 < widths.size()) text += std::string(widths[c] - display_width(cell) + 2, ' ');
    }
    out << text << '\n';
  };
  line(header_);
  std::vector<std::string> rule;
  for (auto w : widths) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& r : rows_) line(r);
}

std::string store_wait_text(const std::string& store, Lang lang) {
  return tr(lang, "另一个 kefu 正在写入存储 ", "another kefu is writing to the store ") + store +
         tr(lang, "，等它写完再写入（最多等 10 分钟；它写完之前，本次不会改动存储）",
            ": waiting for it to finish (up to 10 minutes; nothing of this run is written before)");
}

}  // namespace kefu::host
