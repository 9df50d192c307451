// One session's rows as the metrics read them — instant, kind, agent; no content — and a compact
// encoding of them. What the store keeps of each conversation so that a later run can add its
// rows to a day an earlier run stored (pipeline/stored_sessions.h, docs/report.md "Sessions").
#pragma once

#include "chatlog/reader.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::chatlog {

struct SessionRow {
  std::int64_t ts = 0;  // epoch ms
  EventKind kind = EventKind::customer;
  std::string agent;  // agent rows, transfers and bots; "" otherwise
  bool operator==(const SessionRow&) const = default;
};

// Appends `row` to `into` as a row of the session (platform, shop, session), interning its keys
// the way the reader does (after every reader's check: the row is known to be valid).
void add_row(ChatEvents& into, std::string_view platform, std::string_view shop, std::string_view session,
             const SessionRow& row);

// Rows ↔ bytes: a version byte, the agents once each, then each row as the varint of its time's
// difference from the previous one (zigzag), its kind and its agent's number. Throws
// std::runtime_error on bytes it did not write (a damaged store).
std::string encode_rows(const std::vector<SessionRow>& rows);
std::vector<SessionRow> decode_rows(std::string_view bytes);

}  // namespace kefu::host::chatlog
