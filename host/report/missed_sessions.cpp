#include "report/missed_sessions.h"

#include "base/calendar.h"
#include "metrics/explain.h"

#include <map>

namespace kefu::host::report {
namespace {

// The session's last kept message, "sender: text".
std::string last_message(const store::StoredExplanation& e, const store::StoredFinding& f) {
  const store::StoredMessage* last = nullptr;
  for (const store::StoredMessage& m : e.messages)
    if (m.platform == f.platform && m.shop_id == f.shop_id && m.session_id == f.session_id &&
        (!last || m.seq > last->seq))
      last = &m;
  if (!last) return "";
  return last->sender + ": " + last->content;
}

}  // namespace

void add_missed_sessions(Report& report, const store::Store& store, std::size_t listed) {
  if (report.by != By::shop) return;
  for (const Row& row : report.rows) {
    if (row.total || row.shop_id.empty()) continue;
    for (const std::string& metric : report.metrics) {
      if (!metrics::explainable(metric)) continue;
      const store::StoredExplanation e =
          store.explanation({report.period.from(), report.period.to(), row.platform, row.shop_id, metric, ""});
      std::map<std::string, int> by_reason;
      std::size_t shown = 0;
      for (const store::StoredFinding& f : e.findings) {
        ++by_reason[f.reason];
        if (shown++ >= listed) continue;
        MissedSession m{f.platform, f.shop_id, metric, f.day, f.session_id, f.agent, f.reason,
                        calendar::china_time(f.asked_ms), std::nullopt, last_message(e, f)};
        if (f.delay_ms >= 0) m.delay_s = static_cast<double>(f.delay_ms) / 1000.0;
        report.missed.push_back(std::move(m));
      }
      for (const auto& [reason, count] : by_reason)
        report.missed_totals.push_back({row.platform, row.shop_id, metric, reason, count});
    }
  }
}

}  // namespace kefu::host::report
