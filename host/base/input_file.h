// Reading an input the user names (a file to scan, a word list, a platform export) with limits:
// only regular files (a device such as /dev/zero or a FIFO would be read until memory runs
// out), "-" for standard input where a command allows it, and at most a given number of bytes.
// Each refusal says which file, why, and what to do. See docs/fuzzing.md, "Hardening".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kefu::host {

// The largest input read whole into memory: 4 GiB - 1 (hit offsets are 32-bit).
inline constexpr std::uint64_t kMaxInputBytes = (std::uint64_t{1} << 32) - 1;

struct InputBytes {
  std::optional<std::string> bytes;  // nullopt: refused or unreadable, see `error`
  std::string error;                 // "PATH: why; what to do"
};

// Reads `path` whole when it is a regular file of at most `max_bytes`. `standard_input`
// names the path that means standard input (empty: none), read up to the same limit.
InputBytes read_input_file(const std::string& path, std::uint64_t max_bytes = kMaxInputBytes,
                           const std::string& standard_input = "");

// "1 GiB", "4 GiB - 1 byte" and so on are hard to read: the limit in bytes and in MiB.
std::string describe_limit(std::uint64_t max_bytes);

}  // namespace kefu::host
