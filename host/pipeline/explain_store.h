// `kefu explain` without the chat logs (docs/metrics.md, "Explaining a figure from the store"):
// what an ingest stores of each explainable metric — the findings in every view and the last
// messages of their sessions — and how explain reads them back into the Explanation and tails it
// would have computed from the files.
#pragma once

#include "chatlog/reader.h"
#include "metrics/engine.h"
#include "metrics/explain.h"
#include "store/store.h"

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

namespace kefu::host::ingest {

// How much of the explanations a store keeps (kefu.json "explain", docs/report.md). Message
// texts are customer data: keep_days 0 keeps nothing, and removes what was kept.
struct ExplainRetention {
  std::int64_t keep_days = 400;  // findings and messages of days at most this many days before today
  std::int64_t messages = 5;     // the last messages kept per session with a finding (0: none)
};

// The first day the retention keeps (YYYY-MM-DD), counted back from `today`; keep_days 0 keeps none.
std::string retention_cutoff(const ExplainRetention& retention, const std::string& today);

// Reads the last `n` rows of each wanted session (session_key) into `tails`, in R2 order.
using TailReader =
    std::function<void(const std::unordered_set<std::string>& wanted, std::size_t n, chatlog::SessionTails& tails)>;

// The explanations of `events` for the store: every shop day of `values` (the recomputed values
// of the same events) is explained under `version`; days older than the retention are marked not
// kept and carry nothing. `today` is YYYY-MM-DD (China).
store::ExplainBatch explain_batch(const chatlog::ChatEvents& events, metrics::Canonical version,
                                  const std::vector<store::StoredValue>& values, const ExplainRetention& retention,
                                  const std::string& today, const TailReader& read_tails);

struct StoredExplainQuery {
  std::string metric;  // a metrics::explainable() key
  metrics::Canonical version = metrics::Canonical::v2;
  std::string platform, shop_id, agent;  // platform "": any; agent "": the shop's view
  std::string from, to;                  // YYYY-MM-DD, inclusive
  std::size_t last = 3;                  // messages shown per session
};

struct StoredExplain {
  metrics::Explanation explanation;  // findings by day, platform, then the log's session order
  chatlog::SessionTails tails;       // session_key → its last messages
  // Why the store cannot explain the period, each naming days; all empty when it can.
  std::vector<std::string> nothing_stored;     // no figures at all for the shop in the period (all its days)
  std::vector<std::string> never_explained;    // figures, but ingested before explanations were kept (or fetched)
  std::vector<std::string> not_kept;           // explanations removed or never kept under the retention
  std::vector<std::string> other_definition;   // explained under another definition version
  std::string stored_definition;               // of the other_definition days
  std::vector<std::string> days_without_data;  // period days with nothing stored (a note, not an error)
  std::int64_t messages_kept = -1;             // the fewest last messages kept for a day (-1: none explained)

  bool complete() const {
    return nothing_stored.empty() && never_explained.empty() && not_kept.empty() && other_definition.empty();
  }
};

// What the store holds to explain `q`: the figure's units from the stored denominators, the
// findings and messages from the explain tables.
StoredExplain explain_from_store(const store::Store& store, const StoredExplainQuery& q);

}  // namespace kefu::host::ingest
