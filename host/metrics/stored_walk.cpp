#include "metrics/stored_walk.h"

#include "chatlog/session_rows.h"

#include <algorithm>

namespace kefu::host::metrics {

StoredWalk walk_stored_rows(std::string_view rows, Canonical version) {
  StoredWalk out;
  for (const chatlog::SessionRow& r : chatlog::decode_rows(rows)) {
    std::uint32_t agent = kNoAgent;
    if (!r.agent.empty()) {
      const auto it = std::find(out.agents.begin(), out.agents.end(), r.agent);
      agent = static_cast<std::uint32_t>(it - out.agents.begin());
      if (it == out.agents.end()) out.agents.push_back(r.agent);
    }
    out.events.push_back({r.ts, agent, r.kind});
  }
  // R2: by instant, ties in record order (the rows are stored in it).
  std::stable_sort(out.events.begin(), out.events.end(),
                   [](const SessionEvent& a, const SessionEvent& b) { return a.ts < b.ts; });
  out.has_customer = walk_session(out.events.data(), out.events.size(), walk_rules(version), out.walk);
  return out;
}

}  // namespace kefu::host::metrics
