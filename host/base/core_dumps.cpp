#include "base/core_dumps.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace kefu::host {

std::string disable_core_dumps() {
  std::string problems;
  const rlimit none{0, 0};
  if (::setrlimit(RLIMIT_CORE, &none) != 0)
    problems += std::string("setrlimit(RLIMIT_CORE, 0): ") + std::strerror(errno);
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    problems += (problems.empty() ? "" : "; ") + std::string("prctl(PR_SET_DUMPABLE, 0): ") + std::strerror(errno);
  return problems;
}

}  // namespace kefu::host
