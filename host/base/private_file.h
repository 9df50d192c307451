// A file that holds secrets (the shops' API credentials, the store's password) must be ours
// alone: anyone else who can read it has the secret, and anyone who can write it can change it.
// One check for every such file, so they are refused alike and say the same fix.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>

namespace kefu::host {

// Throws std::runtime_error naming `what` ("secrets file", "store password file") and `path`
// unless it is a regular file owned by this user with no group or other permission (0600 or
// stricter), saying the chmod that fixes it.
inline void check_private_file(const std::string& what, const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw std::runtime_error(what + " " + path + ": cannot be read (missing?)");
  if (!S_ISREG(st.st_mode)) throw std::runtime_error(what + " " + path + ": not a regular file");
  if (st.st_uid != ::geteuid())
    throw std::runtime_error(what + " " + path + ": owned by another user; it must belong to the user running kefu");
  if (st.st_mode & 077) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    throw std::runtime_error(what + " " + path + ": mode " + mode +
                             " lets other users read or change it; refused. Fix: chmod 600 " + path);
  }
}

}  // namespace kefu::host
