// Who owns a file, for messages: "alice (uid 1000)". The loader's and the config's trust rules
// both name owners, so both say it the same way.
#pragma once

#include <pwd.h>
#include <sys/types.h>

#include <string>

namespace kefu::host {

// The login name of `uid`, or the number when it has none.
inline std::string user_name(uid_t uid) {
  struct passwd pw {};
  struct passwd* result = nullptr;
  char buf[4096];
  if (::getpwuid_r(uid, &pw, buf, sizeof buf, &result) == 0 && result) return result->pw_name;
  return std::to_string(uid);
}

// "alice (uid 1000)".
inline std::string owner_text(uid_t uid) { return user_name(uid) + " (uid " + std::to_string(uid) + ")"; }

}  // namespace kefu::host
