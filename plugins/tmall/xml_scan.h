// The few pieces of TOP's XML answers the plugin reads (an error_response's code and message,
// chat peers), found by hand-written scanning. Not std::regex: its matcher recurses per
// character and exhausts the stack on a long answer.
#pragma once

#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tmall::xml {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

inline void skip_space(std::string_view xml, std::size_t& at) {
  while (at < xml.size() && is_space(xml[at])) ++at;
}

// `<tag>TEXT</tag>` exactly at `at`, TEXT without '<': TEXT, and `at` moved past it; else nullopt.
inline std::optional<std::string_view> element_at(std::string_view xml, std::size_t& at, std::string_view tag) {
  const std::string open = "<" + std::string(tag) + ">", close = "</" + std::string(tag) + ">";
  if (xml.substr(at, open.size()) != open) return std::nullopt;
  const std::size_t begin = at + open.size();
  const std::size_t end = xml.find('<', begin);
  if (end == std::string_view::npos || xml.substr(end, close.size()) != close) return std::nullopt;
  at = end + close.size();
  return xml.substr(begin, end - begin);
}

// The first `<tag>TEXT</tag>` at or after `at` whose TEXT `accept`s, `at` moved past it.
template <class Accept>
std::optional<std::string_view> next_element(std::string_view xml, std::size_t& at, std::string_view tag,
                                             Accept accept) {
  const std::string open = "<" + std::string(tag) + ">";
  for (std::size_t p = xml.find(open, at); p != std::string_view::npos; p = xml.find(open, p + 1)) {
    std::size_t q = p;
    if (const auto text = element_at(xml, q, tag); text && accept(*text)) {
      at = q;
      return text;
    }
  }
  return std::nullopt;
}

struct Error {
  int code = 0;  // 0 when it does not fit an int
  std::string msg, sub_code;
};

// <error_response> ... <code>DIGITS</code> ... <msg>TEXT</msg> [... <sub_code>TEXT</sub_code>]
inline std::optional<Error> error_response(std::string_view xml) {
  std::size_t at = xml.find("<error_response>");
  if (at == std::string_view::npos) return std::nullopt;
  auto digits = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  auto any = [](std::string_view) { return true; };
  const auto code = next_element(xml, at, "code", digits);
  if (!code) return std::nullopt;
  const auto msg = next_element(xml, at, "msg", any);
  if (!msg) return std::nullopt;
  Error e;
  if (std::from_chars(code->data(), code->data() + code->size(), e.code).ec != std::errc()) e.code = 0;
  e.msg = std::string(*msg);
  if (const auto sub = next_element(xml, at, "sub_code", any)) e.sub_code = std::string(*sub);
  return e;
}

struct Peer {
  std::string date, uid;
};

// Every <chatpeer> <date>D</date> <uid>U</uid> </chatpeer> (either order, spaces allowed).
template <class Each>
void chat_peers(std::string_view xml, Each each) {
  for (std::size_t p = xml.find("<chatpeer>"); p != std::string_view::npos; p = xml.find("<chatpeer>", p + 1)) {
    std::size_t at = p + 10;
    skip_space(xml, at);
    std::optional<std::string_view> date, uid;
    const std::size_t start = at;
    if ((date = element_at(xml, at, "date"))) {
      skip_space(xml, at);
      uid = element_at(xml, at, "uid");
    } else if ((uid = element_at(xml, at = start, "uid"))) {
      skip_space(xml, at);
      date = element_at(xml, at, "date");
    }
    if (!date || !uid) continue;
    skip_space(xml, at);
    if (xml.substr(at, 11) != "</chatpeer>") continue;
    each(Peer{std::string(*date), std::string(*uid)});
    p = at + 10;
  }
}

}  // namespace tmall::xml
