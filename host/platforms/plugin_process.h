// A plugin in a process of its own (kefu-plugin-host, plugin_host.h), seen from kefu: the
// default way plugins run. The process loads the one plugin with the loader's own checks and
// answers over a socket in the plugin's own JSON; kefu watches every call with a timeout, caps
// the process's memory (RLIMIT_AS) and the answer's size, and when the process dies says which
// plugin, which call, what happened and what to do. The plugin is then stopped for the rest
// of the command; the other plugins go on.
//
// Why a helper program rather than fork() alone or kefu itself in a hidden mode: fork() of a
// process with threads and libcurl state is unsafe without exec, and exec of kefu would map the
// CLI's libraries (SQLite, xlsxwriter, OpenCC tables) into every plugin's capped address space
// and show a hidden command to users. The helper links only the loader, so it starts faster and
// has a small address space, and it is found next to kefu, never on PATH.
//
// What reaches the process: the plugin's path (argument), its config section and the limits
// (first message), and then each call's request — a fetch request carries the shop's
// credentials, which that call needs. The environment is reduced to a short list (PATH, HOME,
// locale, TZ, TMPDIR, user name, sanitizer options), so KEFU_<SHOP>_* credentials never reach
// it; the process cannot leave a core dump and dies with kefu.
#pragma once

#include "platforms/loader.h"

#include <string>
#include <vector>

namespace kefu::host {

// Loads `path` in a new plugin host process. A plugin that crashes, exits or hangs while
// loading is refused (init_failed) with what happened.
LoadResult load_isolated_plugin(const std::string& path, const LoadOptions& options);
// The same for several files, their processes started all at once so they load side by side;
// the results in the order of `paths`.
std::vector<LoadResult> load_isolated_plugins(const std::vector<std::string>& paths, const LoadOptions& options);

// <dir of the running program>/../libexec/kefu/kefu-plugin-host: the same place in the build
// tree and in an installed prefix.
std::string plugin_host_program();

// Whether the memory cap is applied: not in a sanitizer build, whose shadow memory needs
// terabytes of address space.
bool memory_cap_applies();

}  // namespace kefu::host
