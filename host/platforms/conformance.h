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

// `kefu plugins check rules.json|metrics.json|words.txt`: one data file, before any build, with
// the checks its plugin's answer would get: a JSON file against its SDK schema (which one by its
// name, else by its top-level key) and then read and validated as the model; a word file
// through the SDK's reader (kefu/toolkit/wordfile.hpp) and validated. `info` stays empty.
ConformanceReport check_data_file(const std::string& path);

// Whether `path` names a data file (.json, .txt) rather than a plugin library.
bool is_data_file(const std::string& path);

}  // namespace kefu::host
