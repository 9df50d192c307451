#include "base/input_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace kefu::host {
namespace {

// Appends the rest of `file` to `bytes` while it stays within `max_bytes`; false when it does
// not (`too_big` set) or on a read error.
bool read_capped(std::FILE* file, std::string& bytes, std::uint64_t max_bytes, bool& too_big) {
  char chunk[1 << 16];
  for (;;) {
    const std::size_t n = std::fread(chunk, 1, sizeof chunk, file);
    if (n == 0) break;
    if (bytes.size() + n > max_bytes) {
      too_big = true;
      return false;
    }
    bytes.append(chunk, n);
  }
  return !std::ferror(file);
}

std::string too_big(const std::string& path, std::uint64_t max_bytes) {
  return path + ": larger than the limit of " + describe_limit(max_bytes) +
         " read at once; split it into smaller files";
}

std::string not_regular(const std::string& path, mode_t mode, const std::string& standard_input) {
  const char* what = S_ISDIR(mode)    ? "a directory"
                     : S_ISFIFO(mode) ? "a pipe (FIFO)"
                     : S_ISCHR(mode)  ? "a character device"
                     : S_ISBLK(mode)  ? "a block device"
                     : S_ISSOCK(mode) ? "a socket"
                                      : "not a regular file";
  return path + ": is " + std::string(what) +
         ", not a regular file, so it is not read (a device or pipe may never end); "
         "give a file" +
         (standard_input.empty() ? "" : ", or " + standard_input + " to read standard input");
}

}  // namespace

std::string describe_limit(std::uint64_t max_bytes) {
  std::string s = std::to_string(max_bytes) + " bytes";
  if (max_bytes >= (1u << 20)) s += " (" + std::to_string((max_bytes + (1u << 19)) >> 20) + " MiB)";
  return s;
}

InputBytes read_input_file(const std::string& path, std::uint64_t max_bytes, const std::string& standard_input) {
  InputBytes in;
  const bool is_stdin = !standard_input.empty() && path == standard_input;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> owned(nullptr, &std::fclose);
  std::FILE* file = stdin;
  if (!is_stdin) {
    struct stat before {};  // before opening: opening a FIFO would wait for a writer
    if (::stat(path.c_str(), &before) == 0 && !S_ISREG(before.st_mode)) {
      in.error = not_regular(path, before.st_mode, standard_input);
      return in;
    }
    owned.reset(std::fopen(path.c_str(), "rb"));
    if (!owned) {
      in.error = path + ": cannot open: " + std::strerror(errno);
      return in;
    }
    file = owned.get();
    struct stat st {};
    if (::fstat(::fileno(file), &st) != 0) {
      in.error = path + ": cannot read: " + std::strerror(errno);
      return in;
    }
    if (!S_ISREG(st.st_mode)) {
      in.error = not_regular(path, st.st_mode, standard_input);
      return in;
    }
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
      in.error = too_big(path, max_bytes);
      return in;
    }
    in.bytes.emplace();
    in.bytes->reserve(static_cast<std::size_t>(st.st_size));
  } else {
    in.bytes.emplace();
  }
  bool over = false;
  if (!read_capped(file, *in.bytes, max_bytes, over)) {
    in.bytes.reset();
    in.error = over ? too_big(is_stdin ? "standard input" : path, max_bytes)
                    : (is_stdin ? std::string("standard input") : path) + ": read error: " + std::strerror(errno);
  }
  return in;
}

}  // namespace kefu::host
