// Parsing JSON that comes from outside (a platform's answer, a config file, a chat-log line)
// without trusting its shape:
//
//   rapidjson::Document doc;
//   kefu::json::parse_untrusted(doc, body);            // iterative: no recursion on [[[[...
//   kefu::json::check_depth(doc, "抖店's answer");      // before any recursive walk of it
//
// - RapidJSON's default parser recurses once per nesting level, so a line of 100,000 '['
//   overflows the stack. kParseFlags adds kParseIterativeFlag (same result, no recursion).
// - Walking a parsed value recursively (sorting keys, Accept() into a Writer, CopyFrom) recurses
//   too: check_depth refuses values nested deeper than kMaxDepth first, naming the limit.
// - A lone UTF-16 surrogate escape ("\ud83d" without its pair: a broken emoji) fails RapidJSON's
//   parse, or (a lone low half) yields invalid UTF-8. replace_lone_surrogates turns each into
//   "\ufffd", the Unicode replacement character, so one broken emoji costs a character, not an
//   answer.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kefu::json {

// Flags for every RapidJSON parse of outside input (add kParseValidateEncodingFlag as needed).
inline constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag;

// The deepest nesting of arrays and objects accepted before a recursive walk. Real answers and
// configs nest fewer than 20 levels.
inline constexpr std::size_t kMaxDepth = 256;

// How deeply `root` nests ({} and [] count 1, a scalar 0), counted without recursion; stops
// once it exceeds `stop_after`.
inline std::size_t nesting_depth(const rapidjson::Value& root, std::size_t stop_after = static_cast<std::size_t>(-1)) {
  std::size_t deepest = 0;
  std::vector<std::pair<const rapidjson::Value*, std::size_t>> todo{{&root, 1}};
  while (!todo.empty()) {
    const auto [v, depth] = todo.back();
    todo.pop_back();
    if (!v->IsArray() && !v->IsObject()) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > stop_after) return deepest;
    if (v->IsArray()) {
      for (const auto& item : v->GetArray()) todo.emplace_back(&item, depth + 1);
    } else {
      for (auto it = v->MemberBegin(); it != v->MemberEnd(); ++it) todo.emplace_back(&it->value, depth + 1);
    }
  }
  return deepest;
}

// Throws std::runtime_error("WHAT: JSON nested deeper than 256 levels (the limit) ...").
inline void check_depth(const rapidjson::Value& root, std::string_view what, std::size_t limit = kMaxDepth) {
  if (nesting_depth(root, limit) > limit)
    throw std::runtime_error(std::string(what) + ": JSON nested deeper than " + std::to_string(limit) +
                             " levels (the limit); not read");
}

namespace detail {
inline bool hex4(std::string_view s, std::size_t at, unsigned& out) {
  if (at + 4 > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + 4; ++i) {
    const char c = s[i];
    const unsigned d = c >= '0' && c <= '9'   ? static_cast<unsigned>(c - '0')
                       : c >= 'a' && c <= 'f' ? static_cast<unsigned>(c - 'a' + 10)
                       : c >= 'A' && c <= 'F' ? static_cast<unsigned>(c - 'A' + 10)
                                              : 16u;
    if (d == 16) return false;
    out = out * 16 + d;
  }
  return true;
}
}  // namespace detail

// `text` with every \uXXXX escape of an unpaired UTF-16 surrogate, inside strings, replaced by
// \ufffd (same length). Everything else is left as it is, malformed JSON included.
inline std::string replace_lone_surrogates(std::string_view text) {
  std::string out(text);
  bool in_string = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (!in_string) {
      in_string = c == '"';
      continue;
    }
    if (c == '"') {
      in_string = false;
      continue;
    }
    if (c != '\\') continue;
    unsigned unit = 0;
    if (i + 1 < out.size() && out[i + 1] == 'u' && detail::hex4(out, i + 2, unit)) {
      unsigned low = 0;
      if (unit >= 0xD800 && unit <= 0xDBFF && i + 7 < out.size() && out[i + 6] == '\\' && out[i + 7] == 'u' &&
          detail::hex4(out, i + 8, low) && low >= 0xDC00 && low <= 0xDFFF) {
        i += 11;  // a proper pair
        continue;
      }
      if (unit >= 0xD800 && unit <= 0xDFFF) out.replace(i + 2, 4, "fffd");
      i += 5;
      continue;
    }
    ++i;  // the escaped character
  }
  return out;
}

// Parses text from outside into `doc`: lone surrogates replaced, iteratively. Check
// doc.HasParseError() after, as with Parse.
inline void parse_untrusted(rapidjson::Document& doc, std::string_view text) {
  const std::string repaired = replace_lone_surrogates(text);
  doc.Parse<kParseFlags>(repaired.data(), repaired.size());
}

}  // namespace kefu::json
