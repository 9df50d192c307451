// Checks on JSON text a person edits (kefu.json): where a syntax error is, as line and column,
// and keys given twice in one object (RapidJSON keeps both; lookups would silently use one).
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::host::config {

// "line 3, column 14" of a byte offset into `text`: 1-based, the column in characters (UTF-8).
std::string line_column(std::string_view text, std::size_t offset);

// The path of the first key that appears twice in one object, in the config's path style
// (`shops[0].api.seller_nick`, a top-level key alone); nullopt when there is none. Walks
// without recursion.
std::optional<std::string> first_duplicate_key(const rapidjson::Value& root);

}  // namespace kefu::host::config
