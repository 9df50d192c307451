#include "config/trust.h"

#include "base/user_name.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace kefu::host::config {
namespace {

std::string absolute(const std::string& file) {
  std::error_code ec;
  const auto p = std::filesystem::absolute(file, ec);
  return ec ? file : p.lexically_normal().string();
}

[[noreturn]] void refuse(const std::string& file, const std::string& what, const std::string& fix) {
  throw std::runtime_error(
      absolute(file) + ": a config found in the current directory, " + what +
      "; kefu uses a config it was not told to use only when it belongs to you and no one else can "
      "change it (it chooses where the shops' credentials are sent). Fix: " +
      fix + ", or name the config you mean with --config FILE (or KEFU_CONFIG)");
}

}  // namespace

Config load_config_found_in_current_directory(const std::string& file) {
  const uid_t me = ::geteuid();
  const std::string chown = "chown " + user_name(me) + " " + file;
  struct stat st {};
  if (::lstat(file.c_str(), &st) == 0 && S_ISLNK(st.st_mode) && st.st_uid != me && st.st_uid != 0)
    refuse(file, "is a link made by " + owner_text(st.st_uid), "remove the link");
  const int fd = ::open(file.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw ConfigError(file, {std::string("cannot read the config file: ") + std::strerror(errno)});
  std::string text;
  try {
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) refuse(file, "is not a regular file", "move it away");
    if (st.st_uid != me)
      refuse(file, "is owned by " + owner_text(st.st_uid) + ", not by you, " + owner_text(me), chown);
    if (st.st_mode & (S_IWGRP | S_IWOTH)) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
      refuse(file,
             std::string("has mode ") + mode + ", so " + (st.st_mode & S_IWOTH ? "other users" : "its group") +
                 " can change it",
             "chmod go-w " + file);
    }
    char buf[1 << 16];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) != 0;) {
      if (n < 0) throw ConfigError(file, {std::string("cannot read the config file: ") + std::strerror(errno)});
      text.append(buf, static_cast<std::size_t>(n));
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  Config config = parse_config(text, file);
  config.origin = "found in the current directory";
  return config;
}

std::string describe_config(const Config& config) {
  if (config.path.empty()) return "no config file (built-in defaults)";
  return "config " + absolute(config.path) + (config.origin.empty() ? "" : " (" + config.origin + ")");
}

std::string describe_endpoint(const Config& config, const std::string& platform) {
  std::string s;
  if (const auto e = config.endpoints.find(platform); e != config.endpoints.end())
    s = e->second + " (changed by api." + platform + ".endpoint in " + absolute(config.path) + "; not the " + platform +
        " plugin's own gateway)";
  else
    s = "the " + platform + " plugin's own gateway";
  if (!config.http.ca_bundle.empty())
    s += ", trusting the CAs in " + config.http.ca_bundle + " (http.ca_bundle in " + absolute(config.path) +
         ") instead of the system's";
  return s;
}

}  // namespace kefu::host::config
