// `kefu explain` for people and machines: totals per reason first (so one line can say "of 97
// unreplied sessions, 68 are customers saying thanks"), then each missed session with its last
// messages. Text speaks Chinese by default; JSON and CSV keys are stable English.
#pragma once

#include "chatlog/reader.h"
#include "metrics/definition_engine.h"
#include "metrics/explain.h"
#include "metrics/line_standing.h"
#include "present/text.h"

#include <ostream>
#include <string>
#include <vector>

namespace kefu::host::metrics {

// Explaining a platform's or a team's own definition (`--as`, `--definition`): which one, what
// its assessed hours leave out, and where its (rolling) figure stands against its line.
struct DefinitionView {
  std::string native_name;
  std::vector<std::string> assumed;  // parameters an --assume filled
  std::int64_t not_assessed = 0;     // units of the period outside the assessed hours
  std::string hours;                 // "09:00-23:00 session_start"; "" when every hour is assessed
  int period_days = 1;
  std::int64_t min_sample = 0;
  std::string line;                        // line_text(): ">=0.900000", "unknown" or ""
  std::optional<Line> line_value;          // the line when known and stated (shown as "≥ 90.00%")
  std::optional<DefinitionRow> window;     // the view's row on the period's last day with units
  std::optional<LineStanding> standing;    // that row's period against the line (rates with a known line)
};

struct ExplainReport {
  std::string metric, definitions, period_from, period_to, platform, shop_id, agent;
  Explanation explanation;
  chatlog::SessionTails tails;  // session_key → last messages; may be empty (not kept)
  std::optional<DefinitionView> definition;  // --as / --definition; nullopt: a canonical version
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
