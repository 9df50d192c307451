// `kefu metrics definitions`: each platform metric's definition parameters, each with its value
// or why it is unknown, and its source. Text for people (Chinese by default) and JSON for scripts
// (docs/metrics.md, "Definition parameters").
#pragma once

#include "model/definition.h"
#include "present/text.h"

#include <kefu/model.hpp>

#include <ostream>
#include <vector>

namespace kefu::host {

// One native metric: what the plugin wrote and the definition the engine receives.
struct MetricDefinition {
  NativeMetric metric;
  Definition definition;
};

struct PlatformDefinitions {
  PlatformInfo info;
  std::vector<MetricDefinition> metrics;
};

void print_definitions_text(const std::vector<PlatformDefinitions>& platforms, Lang lang, std::ostream& out);
void print_definitions_json(const std::vector<PlatformDefinitions>& platforms, std::ostream& out);

}  // namespace kefu::host
