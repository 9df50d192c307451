// Every run adds, none erases (docs/report.md "Every run adds"): a run's chat sessions joined
// with what earlier runs kept of the same shops' days, so that the morning's export and the
// afternoon's, ingested as two runs, store what one run over both files stores. A session is
// (platform, shop_id, session_id): seen again it is the same session, and a row both runs carry
// counts once (each row counts as often as the run that carried it most often has it).
#pragma once

#include "base/calendar.h"
#include "chatlog/reader.h"
#include "store/store.h"

#include <cstdint>
#include <set>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

namespace kefu::host::ingest {

struct JoinedSessions {
  // The run's sessions and every stored session of each shop day they touch, rows merged. Only
  // filled when the store had something to add (`joined()`); else the run's own events stand.
  chatlog::ChatEvents events;
  std::vector<store::StoredSession> keep;  // every session of the run, merged, to store with the values
  std::int64_t stored_sessions = 0;        // sessions of earlier runs now counted with this one
  std::int64_t continued_sessions = 0;     // of them, sessions this run also carries (rows added)
  // Explain's last messages of the stored sessions' days (those kept), to join with the files'.
  std::vector<store::StoredMessage> stored_messages;
  // "platform/shop_id day": days that hold figures from chat logs but no sessions (ingested before
  // the store kept sessions): this run's figures replace them, as before.
  std::vector<std::string> days_without_sessions;
  // (platform, shop_id, day) of the stored sessions counted with this run's.
  std::set<std::tuple<std::string, std::string, std::string>> stored_days;

  bool joined() const { return stored_sessions > 0; }
};

// R4: a session's day is that of its first customer message (a closing counts); a session nobody
// asked in keeps its first row's. `rows` in R2 order: anything with `ts` and `kind()`-less `kind`.
template <class Row>
calendar::Day session_day(const Row* rows, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (rows[i].kind == chatlog::EventKind::customer || rows[i].kind == chatlog::EventKind::closing)
      return calendar::china_day(rows[i].ts);
  return n == 0 ? 0 : calendar::china_day(rows[0].ts);
}

JoinedSessions join_stored_sessions(const chatlog::ChatEvents& run, const store::Store& store);

// The last `n` of a session's messages from the run's files (`tails`) and from the store,
// each message once, in time order.
void add_stored_tails(const std::vector<store::StoredMessage>& stored, std::size_t n, chatlog::SessionTails& tails,
                      const std::unordered_set<std::string>& wanted);

}  // namespace kefu::host::ingest
