// A platform's native metric as a definition the engine can execute: metrics.json's typed
// `computation` (SDK 1.5, kefu/model.hpp) turned into host::Definition (model/definition.h).
#pragma once

#include "model/definition.h"

#include <kefu/model.hpp>

#include <string>
#include <string_view>

namespace kefu::host {

// Why every parameter of a metric without `computation` is unknown.
inline constexpr const char* kPredatesComputation =
    "the plugin predates SDK 1.5: its metric profile gives no computation";

// id "<platform>/<native_name>", measure the metric's canonical_key. Expects a metric that
// validate_metric_profile accepted (valid_profile()); throws std::invalid_argument, naming the
// parameter, on one it would refuse.
Definition definition_of(std::string_view platform, const NativeMetric& metric);

// The same for any computation, e.g. a team's own definition file: "metric" sources resolve to
// `own_source`; nullopt gives every parameter unknown with kPredatesComputation.
Definition definition_from(std::string id, std::string measure, const std::optional<MetricComputation>& computation,
                           const Source& own_source);

// A parameter's source as the definition keeps it: title, url, seen, confidence.
ParamSource param_source(const Source& source);

}  // namespace kefu::host
