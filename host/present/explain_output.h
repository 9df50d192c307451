// `kefu explain` for people and machines: totals per reason first (so one line can say "of 97
// unreplied sessions, 68 are customers saying thanks"), then each missed session with its last
// messages. Text speaks Chinese by default; JSON and CSV keys are stable English.
#pragma once

#include "chatlog/reader.h"
#include "metrics/explain.h"
#include "present/text.h"

#include <ostream>
#include <string>

namespace kefu::host::metrics {

struct ExplainReport {
  std::string metric, definitions, period_from, period_to, platform, shop_id, agent;
  Explanation explanation;
  chatlog::SessionTails tails;  // session_key → last messages; may be empty (not kept)
  const ChatEvents* events = nullptr;  // for session keys
};

// The reason for people: 客户只说了客气话 / a customer courtesy only, ...
std::string shortfall_label(Shortfall s, Lang lang);

void write_explain_text(std::ostream& out, const ExplainReport& r, Lang lang);
void write_explain_json(std::ostream& out, const ExplainReport& r);
// One row per finding: platform,shop_id,session_id,day,agent,reason,asked_at,delay_s,last_messages.
void write_explain_csv(std::ostream& out, const ExplainReport& r);

}  // namespace kefu::host::metrics
