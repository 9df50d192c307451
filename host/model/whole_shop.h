// The whole shop has one spelling. A figure whose agent_id is kWholeShop is the shop's own total:
// in the store, in a native export's 合计 row and in the reports. The one machine format that
// spells it otherwise is `kefu metrics compute`, whose stable CSV (docs/metrics.md, R15) writes
// "*" in every column a rollup aggregates away; present/metrics_output maps it there, at the edge.
// (A chat-log segment no agent held, R7, also has agent ""; ingest keeps it in the shop's total only.)
#pragma once

#include <string_view>

namespace kefu::host {

inline constexpr std::string_view kWholeShop = "";

// Definitions kefu/2 (C5): the row of turns no agent ever held or answered, so that a shop's
// agent rows reconcile with its total. The chat-log reader refuses it as a real agent_id.
inline constexpr std::string_view kUnassigned = "(unassigned)";

}  // namespace kefu::host
