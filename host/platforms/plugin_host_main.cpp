// kefu-plugin-host PLUGIN_FILE: started by kefu (plugin_process.cpp), never by hand. Its
// standard input is the socket to kefu; standard output goes to standard error, so a plugin
// that prints cannot garble the messages nor kefu's own output.
#include "platforms/plugin_host.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 2 || ::isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "kefu-plugin-host: runs one plugin for kefu; it is started by kefu, not by hand\n");
    return 2;
  }
  const int fd = ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
  const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (fd < 0 || null < 0 || ::dup2(null, STDIN_FILENO) < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) return 2;
  ::close(null);
  return kefu::host::serve_plugin(argv[1], fd);
}
