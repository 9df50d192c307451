// Runs the real kefu binary, as a user or a script would, and captures what it prints.
#pragma once

#include "test_paths.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace kefu {

struct CliRun {
  int exit_code;
  std::string out;
};

// Runs a shell command line and captures its stdout.
inline CliRun run_command(const std::string& command) {
  CliRun run{-1, ""};
  FILE* pipe = ::popen(command.c_str(), "r");
  std::array<char, 4096> buf{};
  for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0;) run.out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// `env` is prepended to the command line, e.g. "KEFU_PLUGIN_PATH=/x". With `with_stderr`
// false, only stdout is captured (for parsing JSON or CSV).
inline CliRun kefu(const std::string& args, const std::string& env = "", bool with_stderr = true) {
  return run_command(env + " " + std::string(KEFU_TEST_BIN) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null"));
}

}  // namespace kefu
