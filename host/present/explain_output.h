// `kefu explain` for people and machines: totals per reason first (so one line can say "of 97
// unreplied sessions, 68 are customers saying thanks"), then each missed session with its last
// messages. Text speaks Chinese by default; JSON and CSV keys are stable English.
#pragma once

#include "chatlog/reader.h"
#include "metrics/explain.h"
#include "present/text.h"

#include <ostream>
#include <string>
#include <vector>

namespace kefu::host::metrics {

struct ExplainReport {
  std::string metric, definitions, period_from, period_to, platform, shop_id, agent;
  Explanation explanation;
  chatlog::SessionTails tails;  // session_key → last messages; may be empty (not kept)
};

// Why the store cannot explain a period (pipeline/explain_store.h, StoredExplain), for the
// error line: each cause with its days and what to do. `store` names the file.
struct NotStored {
  std::string store, shop_id, definitions;
  std::vector<std::string> nothing_stored, never_explained, not_kept, other_definition;
  std::string stored_definition;
};
std::string not_stored_message(const NotStored& n, Lang lang);

// Sorted YYYY-MM-DD days as ranges: "2026-11-16..2026-11-18, 2026-11-20".
std::string day_ranges(const std::vector<std::string>& days);

// The reason for people: 客户只说了客气话 / a customer courtesy only, ...
std::string shortfall_label(Shortfall s, Lang lang);

void write_explain_text(std::ostream& out, const ExplainReport& r, Lang lang);
void write_explain_json(std::ostream& out, const ExplainReport& r);
// One row per finding: platform,shop_id,session_id,day,agent,reason,asked_at,delay_s,last_messages.
void write_explain_csv(std::ostream& out, const ExplainReport& r);

}  // namespace kefu::host::metrics
