// Reading a whole input into memory (inputs are scanned as one buffer).
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace kefu::host {

// Appends the rest of `file` to `bytes`; false on a read error.
inline bool read_rest(std::FILE* file, std::string& bytes) {
  char chunk[1 << 16];
  while (const std::size_t n = std::fread(chunk, 1, sizeof chunk, file)) bytes.append(chunk, n);
  return !std::ferror(file);
}

// The file's bytes, or nullopt when it cannot be opened or read. One read into a buffer of the
// file's size (a stream would grow and copy its buffer as it went: for a scan of a large chat
// log that was most of the time).
inline std::optional<std::string> read_whole_file(const std::string& path) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return std::nullopt;
  std::string bytes;
  std::error_code error;  // not a regular file (a directory, a pipe): no size to go by
  if (const auto size = std::filesystem::file_size(path, error); !error) bytes.resize(size);
  bytes.resize(std::fread(bytes.data(), 1, bytes.size(), file.get()));
  if (!read_rest(file.get(), bytes)) return std::nullopt;  // whatever the size did not tell
  return bytes;
}

// All of standard input (a message piped in before it goes out), or nullopt on a read error.
inline std::optional<std::string> read_standard_input() {
  std::string bytes;
  if (!read_rest(stdin, bytes)) return std::nullopt;
  return bytes;
}

}  // namespace kefu::host
