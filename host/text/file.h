// Reading a whole input file into memory (inputs are scanned as one buffer).
#pragma once

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace kefu::host {

// The file's bytes, or nullopt when it cannot be opened.
inline std::optional<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

}  // namespace kefu::host
