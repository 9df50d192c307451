// kefu-plugin-host PLUGIN_FILE: started by kefu (plugin_process.cpp), never by hand. Its
// standard input is the socket to kefu; standard output goes to standard error, so a plugin
// that prints cannot garble the messages nor kefu's own output.
#include "platforms/plugin_host.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

// In a sanitizer build (scripts/test --sanitize), AddressSanitizer would catch a plugin's
// SIGSEGV, print its report and abort, and kefu would report SIGABRT: let a crash end the
// process by its own signal, so the report names what the plugin did. (Read only by ASan.)
extern "C" const char* __asan_default_options() { return "handle_segv=0:handle_sigbus=0:handle_sigfpe=0"; }

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
