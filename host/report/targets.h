// Whether each KPI target of a config can be honoured by `kefu report`: a target on a metric
// that no figure carries would be silently ignored, so it is refused before the report runs.
//
// A target on a metric Kefu recomputes from chat logs applies to the grid (one definition for
// every platform). A target on a metric only platforms report (satisfaction_rate,
// sales_amount ...) applies to each platform's own figure mapped to it (the report's native
// section); it needs a platform whose plugin maps an export column or API figure to it.
#pragma once

#include "config/config.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace kefu::host::report {

// platform id → the canonical keys its plugin's native figures map to (loaded plugins only).
using NativeKeys = std::map<std::string, std::set<std::string>>;

// Whether Kefu recomputes `metric` from chat logs (a grid column), not only reads it from platforms.
bool is_recomputed(std::string_view metric);

// One problem per target no figure can carry, each naming its key (`targets.platforms.jd.satisfaction_rate`)
// and why; empty when every target can be honoured. Global targets count the platforms of the
// configured shops, or every loaded platform when the config lists none.
std::vector<std::string> unhonoured_targets(const config::Config& config, const NativeKeys& native);

}  // namespace kefu::host::report
