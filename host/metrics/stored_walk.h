// A conversation the store keeps without content (store.h StoredSession: its rows' instants,
// kinds and agents, chatlog/session_rows.h) walked into turns by the same walk every definition
// uses (walk.h), for views that read the store after the chat logs are gone (the hour profile,
// report/hours.h).
#pragma once

#include "metrics/engine.h"
#include "metrics/walk.h"

#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::metrics {

struct StoredWalk {
  std::vector<SessionEvent> events;  // the rows in R2 order
  std::vector<std::string> agents;   // SessionEvent::agent and Turn::agent index this
  Walk walk;
  bool has_customer = false;         // false: R4, the session produces nothing (walk unspecified)
};

// Decodes `rows` (chatlog::encode_rows) and walks them as `version` does. Throws
// std::runtime_error on bytes that are no encoded rows (a damaged store).
StoredWalk walk_stored_rows(std::string_view rows, Canonical version);

}  // namespace kefu::host::metrics
