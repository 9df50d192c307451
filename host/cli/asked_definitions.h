// The platform and team definitions a command is asked for (`--as PLATFORM`, `--definition
// FILE`, `--assume NAME=VALUE`), shared by `kefu metrics compute` and `kefu explain` so that
// both read the same definition the same way.
#pragma once

#include "cli/context.h"
#include "present/definition_figures.h"

#include <string>
#include <vector>

namespace kefu::host {

struct DefinitionRequest {
  std::vector<std::string> platforms;    // --as: every native metric of each platform's plugin
  std::vector<std::string> files;        // --definition: a team's definition files
  std::vector<std::string> assumptions;  // --assume: fills parameters left unknown
  bool empty() const { return platforms.empty() && files.empty(); }
};

// Each definition asked for, the assumptions applied, with why it cannot be computed (if so).
// Throws CLI::ValidationError for a bad --assume, std::runtime_error for a plugin without a
// metric profile, config errors for a bad definition file.
std::vector<metrics::ComputedDefinition> asked_definitions(Context& ctx, const DefinitionRequest& request);

}  // namespace kefu::host
