// The report's QC part (issue 21, docs/report.md "Compliance"): what `kefu ingest` found when it
// scanned the agents' messages against their shop's platform list (pipeline/qc.h), per agent —
// or per roster person or group with --by person|group — in the period and the one before:
// hits by category and verdict, the change, each ISO week's, and every hit line with its
// sentence. A hit whose category's stance on the platform is not known (unknown) is counted
// apart and never as a violation; a period whose chat logs were scanned and hold no hit says 0
// (of how many agent messages), a period nothing was scanned in says so (not scanned is unknown,
// never 0).
#pragma once

#include "config/config.h"
#include "report/compliance_model.h"
#include "report/report.h"
#include "store/store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kefu::host::report {

// The QC part of `report`, of its period, previous period (when it has one) and shops, per agent
// (per person or group when the report is by person or group).
void add_compliance(Report& report, const store::Store& store, const config::Config& config,
                    const std::vector<std::string>& shops);

}  // namespace kefu::host::report
