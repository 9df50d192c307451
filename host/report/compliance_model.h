// The QC part of the report's model (report/compliance.h builds it; docs/report.md "Compliance").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kefu::host::report {

// One category of one row: hits by verdict in the period and in the previous one.
struct ComplianceCount {
  std::string category;
  std::int64_t block = 0, warn = 0, unknown = 0;
  std::int64_t previous_block = 0, previous_warn = 0, previous_unknown = 0;
  // violations (block + warn) against the previous period's; none when either was not scanned
  std::optional<std::int64_t> change;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("category", s.category);
    v("block", s.block);
    v("warn", s.warn);
    v("unknown", s.unknown);
    v("previous_block", s.previous_block);
    v("previous_warn", s.previous_warn);
    v("previous_unknown", s.previous_unknown);
    v("change", s.change);
  }
};

// One agent (person, group) over the period: what was scanned and what it hit.
struct ComplianceRow {
  std::string key, label, platform, shop_id, group;  // as the grid's Row (report.h Subject)
  std::int64_t messages = 0, previous_messages = 0;  // agent messages scanned
  bool scanned = false, previous_scanned = false;    // any of its days scanned in the period
  std::int64_t violations = 0, previous_violations = 0;  // block + warn
  std::int64_t unknown = 0, previous_unknown = 0;        // stance not known: not violations
  std::optional<std::int64_t> change;                    // violations − previous, both periods scanned
  std::vector<ComplianceCount> categories;               // with a hit in either period, in harm order

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("key", s.key);
    v("label", s.label);
    v("platform", s.platform);
    v("shop_id", s.shop_id);
    v("group", s.group);
    v("messages", s.messages);
    v("previous_messages", s.previous_messages);
    v("scanned", s.scanned);
    v("previous_scanned", s.previous_scanned);
    v("violations", s.violations);
    v("previous_violations", s.previous_violations);
    v("unknown", s.unknown);
    v("previous_unknown", s.previous_unknown);
    v("change", s.change);
    v("categories", s.categories);
  }
};

// One row's hits of one category in one ISO week of the period (clipped to the period).
struct ComplianceWeek {
  std::string row_key, week, category;
  std::int64_t block = 0, warn = 0, unknown = 0;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("row_key", s.row_key);
    v("week", s.week);
    v("category", s.category);
    v("block", s.block);
    v("warn", s.warn);
    v("unknown", s.unknown);
  }
};

// One hit of the period, as the store keeps it.
struct ComplianceHit {
  std::string row_key, label;                 // the row it counts in
  std::string platform, shop_id, agent_id, session_id;
  std::string day;                            // the session's (R4)
  std::string time;                           // the message's, +08:00 "YYYY-MM-DD HH:MM:SS"
  std::string category, severity, stance;     // severity: block | warn | unknown
  std::string text, term, mode, sentence;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("row_key", s.row_key);
    v("label", s.label);
    v("platform", s.platform);
    v("shop_id", s.shop_id);
    v("agent_id", s.agent_id);
    v("session_id", s.session_id);
    v("day", s.day);
    v("time", s.time);
    v("category", s.category);
    v("severity", s.severity);
    v("stance", s.stance);
    v("text", s.text);
    v("term", s.term);
    v("mode", s.mode);
    v("sentence", s.sentence);
  }
};

struct Compliance {
  std::string by = "agent";  // agent | person | group: what a row is
  // Whether any chat log of the report's shops was scanned in the period, and in the previous one:
  // false is "no chat logs ingested for QC" (unknown), never 0 hits.
  bool scanned = false, previous_scanned = false;
  std::int64_t days = 0, previous_days = 0;          // shop days scanned
  std::int64_t messages = 0, previous_messages = 0;  // agent messages scanned
  std::int64_t violations = 0, previous_violations = 0, unknown = 0, previous_unknown = 0;
  // Shop days some of whose messages were stored before kefu scanned (the counts include them).
  std::vector<std::string> partial_days;  // "platform/shop day"
  std::vector<ComplianceRow> rows;        // by violations, then unknown, then label
  std::vector<ComplianceWeek> weeks;      // per row, week and category with a hit
  std::vector<ComplianceHit> hits;        // every hit of the period, by time

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("by", s.by);
    v("scanned", s.scanned);
    v("previous_scanned", s.previous_scanned);
    v("days", s.days);
    v("previous_days", s.previous_days);
    v("messages", s.messages);
    v("previous_messages", s.previous_messages);
    v("violations", s.violations);
    v("previous_violations", s.previous_violations);
    v("unknown", s.unknown);
    v("previous_unknown", s.previous_unknown);
    v("partial_days", s.partial_days);
    v("rows", s.rows);
    v("weeks", s.weeks);
    v("hits", s.hits);
  }
};

}  // namespace kefu::host::report
