// Each platform metric of each shop three ways (docs/report.md "Definitions side by side"): the
// figure the platform exported, Kefu's canonical figure for the same canonical key, and whether
// the platform's own definition can be recomputed from chat logs — and if not, which parameters
// the platform leaves unknown. This is the table that settles "the platform says 92 %, Kefu says
// 99 %": two definitions, named, never a silent gap.
#pragma once

#include "model/definition.h"
#include "report/report.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kefu::host::report {

// A platform's native metric as the report needs it: its definition and how it is written.
struct PlatformMetric {
  std::string native_name;
  std::string format;  // value_format: percent | ratio | seconds | count | amount
  Definition definition;
};

// Fills report.sides for every shop row (By::shop) and every metric of its platform that has a
// figure: exported, or canonical through its canonical key. Other views get none.
void add_definition_sides(Report& report, const std::map<std::string, std::vector<PlatformMetric>>& platforms);

}  // namespace kefu::host::report
