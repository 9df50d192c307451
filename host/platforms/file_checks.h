// The checks made on a plugin file before any of it is read, and the one open file that is then
// checked and loaded. The rule (like sshd's StrictModes), applied to the file's real path after
// every symbolic link is followed, and to every directory the given path passes through:
//   - the file is a regular file, owned by root or by the user running kefu, and not writable by
//     group or others;
//   - every directory from the file's up to / is owned by root or by the user running kefu, and
//     not writable by group or others — except a root-owned sticky directory such as /tmp above
//     the plugin's own directory (a plugin directly in a shared sticky directory is refused).
// Otherwise anyone with an account could make the host run their code. The file is then opened
// once (O_NOFOLLOW), its permissions are checked again on the open descriptor, and that same
// descriptor is what the loader reads and maps (through /proc/self/fd/N), so the file checked
// is the file loaded.
#pragma once

#include "platforms/refusal.h"

#include <optional>
#include <string>

namespace kefu::host {

// A plugin file opened for loading. Closes its descriptor when it goes unless kept_open():
// a library mapped through /proc/self/fd/N must keep N, or a later dlopen of the same name would
// be handed the first library.
class PluginFile {
 public:
  PluginFile() = default;
  ~PluginFile();
  PluginFile(const PluginFile&) = delete;
  PluginFile& operator=(const PluginFile&) = delete;

  int fd() const { return fd_; }
  const std::string& real_path() const { return real_path_; }
  // The name that reaches the open descriptor: what the loader reads, probes and maps.
  std::string fd_path() const { return "/proc/self/fd/" + std::to_string(fd_); }
  void keep_open() { kept_ = true; }

 private:
  friend std::optional<Refusal> open_plugin_file(const std::string&, PluginFile&);
  int fd_ = -1;
  bool kept_ = false;
  std::string real_path_;
};

// Checks `absolute_path` under the rule above and opens it into `file`; the refusal names the
// file or directory at fault, what was found and the chmod/chown that fixes it.
std::optional<Refusal> open_plugin_file(const std::string& absolute_path, PluginFile& file);

}  // namespace kefu::host
