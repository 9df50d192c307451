#include "platforms/file_checks.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace kefu::host {
namespace {

std::string octal_mode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

Refusal unsafe(const std::string& file, std::string what, std::string expected, std::string found,
               std::string remedy) {
  return {RefusalCode::file_unsafe, file,
          refusal_message(file, what, expected, found, remedy)};
}

}  // namespace

std::optional<Refusal> check_plugin_file(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    return unsafe(path, "cannot read the file", "an existing plugin file",
                  std::strerror(errno), "Check the path and the --plugin-dir / KEFU_PLUGIN_PATH setting");
  }
  if (S_ISLNK(st.st_mode) && ::stat(path.c_str(), &st) != 0) {
    return unsafe(path, "broken symbolic link", "a link to an existing file", std::strerror(errno),
                  "Remove the link or point it at the plugin file");
  }
  if (!S_ISREG(st.st_mode)) {
    const char* kind = S_ISDIR(st.st_mode)    ? "a directory"
                       : S_ISFIFO(st.st_mode) ? "a named pipe"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : "a device or special file";
    return unsafe(path, "not a regular file", "a regular file", kind,
                  "Point Kefu at the plugin's .so file");
  }
  if (st.st_mode & (S_IWGRP | S_IWOTH)) {
    return unsafe(path, "file is writable by group or others", "mode without group/other write",
                  "mode " + octal_mode(st.st_mode),
                  "Run 'chmod go-w " + path + "'");
  }
  const std::string dir = std::filesystem::path(path).parent_path().string();
  struct stat dst {};
  if (::stat(dir.c_str(), &dst) == 0 && (dst.st_mode & S_IWOTH)) {
    return unsafe(path, "its directory " + dir + " is writable by others",
                  "a directory only its owner can write", "mode " + octal_mode(dst.st_mode),
                  "Run 'chmod o-w " + dir + "' or move the plugin to a protected directory");
  }
  return std::nullopt;
}

}  // namespace kefu::host
