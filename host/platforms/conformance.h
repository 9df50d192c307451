// `kefu plugins check FILE`: loads one plugin and exercises its whole interface, the way the
// host will at runtime, collecting every problem instead of stopping at the first.
#pragma once

#include "platforms/refusal.h"

#include <kefu/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kefu::host {

struct ConformanceReport {
  std::string file;
  std::optional<Refusal> refusal;  // set when the plugin did not load at all
  PlatformInfo info;
  std::string sdk_version;
  std::vector<std::string> passed;    // checks that passed, in order
  std::vector<std::string> failures;  // problems, each naming what to fix
  std::vector<std::string> notes;     // accepted but worth knowing

  bool ok() const { return !refusal && failures.empty(); }
};

ConformanceReport check_conformance(const std::string& path);

}  // namespace kefu::host
