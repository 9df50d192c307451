// The sessions behind the report's shortfalls (docs/report.md "Missed sessions"): for each shop
// of a by-shop report and each explainable rate in its grid, what `kefu ingest` kept for
// `kefu explain` — each missed session with its reason and last message — so a cell below 100 %
// can be defended from the report itself, in the weekly meeting, without the chat logs.
#pragma once

#include "report/report.h"
#include "store/store.h"

#include <cstddef>

namespace kefu::host::report {

// At most this many sessions are listed per shop and metric; the totals per reason count all.
inline constexpr std::size_t kMissedListed = 20;

// Fills report.missed and report.missed_totals from the store (shop view). Days the store holds
// no explanation for add nothing (the totals then say how many units are unexplained: none is
// invented). Other views than By::shop get none.
void add_missed_sessions(Report& report, const store::Store& store, std::size_t listed = kMissedListed);

}  // namespace kefu::host::report
