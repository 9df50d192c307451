#include "config/json_checks.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace kefu::host::config {

std::string line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // not a UTF-8 continuation byte: a new character
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::optional<std::string> first_duplicate_key(const rapidjson::Value& root) {
  // Each node notes its parent and how it is reached; a path is spelled only when needed (a
  // path per node would cost the square of the depth on [[[[...).
  struct Node {
    const rapidjson::Value* value;
    std::size_t parent;  // index in `nodes`; npos for the root
    std::string_view key;
    std::size_t index;  // when the parent is an array
  };
  constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::vector<Node> nodes{{&root, npos, {}, 0}};
  auto path_of = [&](std::size_t n, std::string_view last) {
    std::vector<std::string> parts{std::string(last)};
    for (; n != npos && nodes[n].parent != npos; n = nodes[n].parent) {
      const Node& node = nodes[n];
      parts.push_back(nodes[node.parent].value->IsArray() ? "[" + std::to_string(node.index) + "]"
                                                          : "." + std::string(node.key));
    }
    std::string path;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) path += *it;
    if (!path.empty() && path[0] == '.') path.erase(0, 1);
    return path;
  };
  std::vector<std::size_t> todo{0};
  std::vector<std::string_view> names;
  while (!todo.empty()) {
    const std::size_t n = todo.back();
    todo.pop_back();
    const rapidjson::Value& v = *nodes[n].value;
    if (v.IsArray()) {
      for (rapidjson::SizeType i = v.Size(); i-- > 0;) {
        if (!v[i].IsArray() && !v[i].IsObject()) continue;
        nodes.push_back({&v[i], n, {}, i});
        todo.push_back(nodes.size() - 1);
      }
      continue;
    }
    if (!v.IsObject()) continue;
    names.clear();
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
      names.emplace_back(it->name.GetString(), it->name.GetStringLength());
    std::sort(names.begin(), names.end());
    if (const auto twice = std::adjacent_find(names.begin(), names.end()); twice != names.end())
      return path_of(n, "." + std::string(*twice));
    for (auto it = v.MemberEnd(); it != v.MemberBegin();) {
      --it;
      if (!it->value.IsArray() && !it->value.IsObject()) continue;
      nodes.push_back({&it->value, n, std::string_view(it->name.GetString(), it->name.GetStringLength()), 0});
      todo.push_back(nodes.size() - 1);
    }
  }
  return std::nullopt;
}

}  // namespace kefu::host::config
