// A team's own KPI definitions (`kefu metrics compute --definition FILE`): a file in the shape of
// a plugin's metrics.json — {"metrics": [{"native_name", "canonical_key", "source",
// "computation"}, ...]} — so one format serves platforms and teams (docs/metrics.md "A team's
// own definition").
#pragma once

#include "model/definition.h"

#include <kefu/model.hpp>

#include <string>
#include <vector>

namespace kefu::host::config {

struct TeamDefinition {
  NativeMetric metric;
  Definition definition;  // id "<file stem>/<native_name>"
};

// Throws std::runtime_error naming the file and every problem (with its JSON path) when the file
// cannot be read, is not valid JSON of that shape, or a computation is invalid.
std::vector<TeamDefinition> read_definition_file(const std::string& path);

}  // namespace kefu::host::config
