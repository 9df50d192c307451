#include "platforms/file_checks.h"

#include "base/user_name.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>
#include <vector>

namespace kefu::host {
namespace {

std::string octal_mode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

Refusal unsafe(const std::string& file, std::string what, std::string expected, std::string found, std::string remedy) {
  return {RefusalCode::file_unsafe, file, refusal_message(file, what, expected, found, remedy)};
}

bool trusted_owner(uid_t uid) { return uid == 0 || uid == ::geteuid(); }

// "root" or "root or <me>": who may own what the loader trusts.
std::string trusted_owners() {
  return ::geteuid() == 0 ? std::string("root") : "root or " + owner_text(::geteuid()) + ", the user running kefu";
}

std::string chown_fix(const std::string& target) {
  return "Run 'chown " + user_name(::geteuid()) + " " + target + "'" +
         (::geteuid() == 0 ? "" : " (or 'chown root " + target + "')");
}

std::string kind_of(mode_t mode) {
  return S_ISDIR(mode)    ? "a directory"
         : S_ISFIFO(mode) ? "a named pipe"
         : S_ISSOCK(mode) ? "a socket"
                          : "a device or special file";
}

// One directory the plugin's path goes through. `holds_plugin`: the file sits directly in it.
std::optional<Refusal> check_directory(const std::string& file, const std::string& dir, const struct stat& st,
                                       bool holds_plugin, const std::string& via) {
  if (!trusted_owner(st.st_uid)) {
    return unsafe(file, "its directory " + dir + via + " is owned by another user",
                  "a directory owned by " + trusted_owners(), "owned by " + owner_text(st.st_uid),
                  chown_fix(dir) + ", or move the plugin to a directory you own");
  }
  if (!(st.st_mode & (S_IWGRP | S_IWOTH))) return std::nullopt;
  const bool shared_sticky = (st.st_mode & S_ISVTX) && st.st_uid == 0;
  if (shared_sticky && !holds_plugin) return std::nullopt;  // /tmp above a directory of our own
  if (shared_sticky) {
    return unsafe(
        file, "it sits directly in " + dir + via + ", a directory every user can write to",
        "a plugin directory only its owner can write", "mode " + octal_mode(st.st_mode) + " (shared, sticky)",
        "Move the plugin into a directory of its own: 'mkdir -m 755 " + dir + "/kefu-plugins' and put it there");
  }
  const bool g = st.st_mode & S_IWGRP, o = st.st_mode & S_IWOTH;
  const std::string who = g && o ? "others and its group" : o ? "others" : "its group";
  return unsafe(file, "its directory " + dir + via + " is writable by " + who,
                "a directory only its owner can write (another user could swap the plugin or the directories under it)",
                "mode " + octal_mode(st.st_mode),
                "Run 'chmod go-w " + dir + "', or move the plugin to a protected directory");
}

// Every directory from `path`'s parent up to /, nearest first.
std::vector<std::string> ancestors(const std::filesystem::path& path) {
  std::vector<std::string> dirs;
  for (std::filesystem::path p = path.parent_path(); !p.empty(); p = p.parent_path()) {
    dirs.push_back(p.string());
    if (p == p.root_path()) break;
  }
  return dirs;
}

}  // namespace

PluginFile::~PluginFile() {
  if (fd_ >= 0 && !kept_) ::close(fd_);
}

std::optional<Refusal> open_plugin_file(const std::string& path, PluginFile& out) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    return unsafe(path, "cannot read the file", "an existing plugin file", std::strerror(errno),
                  "Check the path and the --plugin-dir / KEFU_PLUGIN_PATH setting");
  }
  if (S_ISLNK(st.st_mode) && ::stat(path.c_str(), &st) != 0) {
    return unsafe(path, "broken symbolic link", "a link to an existing file", std::strerror(errno),
                  "Remove the link or point it at the plugin file");
  }
  if (!S_ISREG(st.st_mode)) {
    return unsafe(path, "not a regular file", "a regular file", kind_of(st.st_mode),
                  "Point Kefu at the plugin's .so file");
  }
  char resolved[PATH_MAX];
  if (!::realpath(path.c_str(), resolved)) {
    return unsafe(path, "cannot resolve the file's real path", "a readable path", std::strerror(errno),
                  "Check the path and the permissions of its directories");
  }
  const std::string real = resolved;
  const std::string via = real == path ? "" : " (" + path + " leads to " + real + ")";

  // The directories the real file lives in, and the ones the given path goes through (a link in
  // a directory others can write could be pointed elsewhere). Each checked once.
  std::set<std::pair<dev_t, ino_t>> seen;
  auto check_chain = [&](const std::filesystem::path& p, bool lexical) -> std::optional<Refusal> {
    const auto dirs = ancestors(p);
    for (std::size_t i = 0; i < dirs.size(); ++i) {
      struct stat d {};
      if ((lexical ? ::stat(dirs[i].c_str(), &d) : ::lstat(dirs[i].c_str(), &d)) != 0) {
        return unsafe(path, "cannot examine its directory " + dirs[i], "a directory kefu can read",
                      std::strerror(errno), "Check the permissions of " + dirs[i]);
      }
      if (!seen.insert({d.st_dev, d.st_ino}).second) continue;
      if (auto r = check_directory(path, dirs[i], d, i == 0, lexical ? "" : via)) return r;
    }
    return std::nullopt;
  };
  if (auto r = check_chain(real, false)) return r;
  if (real != path)
    if (auto r = check_chain(std::filesystem::path(path).lexically_normal(), true)) return r;

  // One open, and the checks again on what was opened: this descriptor is what gets loaded.
  const int fd = ::open(real.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    return unsafe(path, "cannot open the file", "a readable regular file", std::strerror(errno),
                  "Check that " + real + " is readable and is not being replaced");
  }
  out.fd_ = fd;
  out.real_path_ = real;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    return unsafe(path, "not a regular file", "a regular file", kind_of(st.st_mode),
                  "Point Kefu at the plugin's .so file");
  }
  if (!trusted_owner(st.st_uid)) {
    return unsafe(path, "file is owned by another user" + via, "a file owned by " + trusted_owners(),
                  "owned by " + owner_text(st.st_uid), chown_fix(real));
  }
  if (st.st_mode & (S_IWGRP | S_IWOTH)) {
    return unsafe(path, "file is writable by group or others" + via, "mode without group/other write",
                  "mode " + octal_mode(st.st_mode), "Run 'chmod go-w " + real + "'");
  }
  return std::nullopt;
}

}  // namespace kefu::host
