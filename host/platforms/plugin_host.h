// The plugin host process (kefu-plugin-host): loads one plugin with exactly the loader's checks
// and answers kefu's calls over a socket (frames.h) until kefu closes it. Whatever the plugin
// does — crash, exit, hang, allocate without end — happens in this process, which kefu watches
// (plugin_process.h). This side only passes answers on; it never judges them.
#pragma once

#include <string>

namespace kefu::host {

// Serves the plugin at `path` on `fd`; returns the process's exit code.
int serve_plugin(const std::string& path, int fd);

}  // namespace kefu::host
