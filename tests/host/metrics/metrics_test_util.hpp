// Tiny hand-made chat logs and the engine's CSV rows as maps, for the R1-R15 tests.
#pragma once

#include "chatlog/reader.h"
#include "metrics/engine.h"
#include "present/metrics_output.h"
#include "test_paths.hpp"
#include "words/closings.h"

#include <kefu/toolkit/csv.hpp>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace kefu::test {

namespace metrics = kefu::host::metrics;
using kefu::host::Encoding;

inline const std::string kChatHeader = "platform,shop_id,session_id,customer_id,ts,sender,agent_id,event,content\n";

// "09:00:05" → 2026-11-16T09:00:05+08:00; anything longer is used as is.
inline std::string at(const std::string& time) { return time.size() <= 12 ? "2026-11-16T" + time + "+08:00" : time; }

// One row of shop tmall/s1 unless the session names another ("jd/s2/x").
inline std::string row(const std::string& session, const std::string& time, const std::string& sender,
                       const std::string& agent = "", const std::string& event = "msg",
                       const std::string& content = "嗯") {
  std::string platform = "tmall", shop = "s1", id = session;
  if (const auto slash = session.find('/'); slash != std::string::npos) {
    platform = session.substr(0, slash);
    const auto second = session.find('/', slash + 1);
    shop = session.substr(slash + 1, second - slash - 1);
    id = session.substr(second + 1);
  }
  return platform + "," + shop + "," + id + ",c1," + at(time) + "," + sender + "," + agent + "," + event + "," +
         content + "\n";
}

struct Computed {
  std::string csv;                                                 // the whole output, header included
  std::map<std::string, std::map<std::string, std::string>> rows;  // "level,platform,shop,agent,day" → column → value
  std::vector<std::string> keys;                                   // in output order
  host::chatlog::ChatReadResult read;

  const std::map<std::string, std::string>& at(const std::string& key) const {
    static const std::map<std::string, std::string> none;
    const auto it = rows.find(key);
    return it == rows.end() ? none : it->second;
  }
  std::string get(const std::string& key, const std::string& column) const {
    const auto& r = at(key);
    const auto it = r.find(column);
    return it == r.end() ? "<no row " + key + ">" : it->second;
  }
};

// Chat-log `text` (header included) read with Kefu's closing list, as the commands read it.
inline host::chatlog::ChatReadResult read_text(const std::string& text, host::chatlog::ChatEvents& events,
                                               unsigned workers = 1, const std::string& name = "log.csv") {
  TempDir dir;
  const std::string path = dir.write(name, text);
  host::chatlog::ChatReadOptions options;
  options.workers = workers;
  static const host::words::ClosingList closings = host::words::ClosingList::defaults();
  options.closing_only = [](std::string_view content) { return closings.closing_only(content); };
  return host::chatlog::read_chat_log(path, events, options);
}

// `text` read with Kefu's closing list and computed under `version` (the R-rule tests: kefu/1).
inline Computed compute_text(const std::string& text, unsigned workers = 1, const std::string& name = "log.csv",
                             metrics::Canonical version = metrics::Canonical::v1) {
  host::chatlog::ChatEvents events;
  Computed c;
  c.read = read_text(text, events, workers, name);
  std::ostringstream out;
  metrics::write_csv(out, metrics::compute_metrics(events, version, workers));
  c.csv = out.str();
  csv::Reader reader(c.csv);
  csv::Record record;
  std::vector<std::string> header;
  while (reader.next(record) == csv::Status::record) {
    if (header.empty()) {
      header.assign(record.fields.begin(), record.fields.end());
      continue;
    }
    std::string key;
    for (int i = 0; i < 5; ++i) key += (i ? "," : "") + std::string(record.fields[static_cast<std::size_t>(i)]);
    for (std::size_t i = 0; i < header.size(); ++i) c.rows[key][header[i]] = std::string(record.fields[i]);
    c.keys.push_back(key);
  }
  return c;
}

inline Computed compute_rows(const std::string& rows, unsigned workers = 1) {
  return compute_text(kChatHeader + rows, workers);
}

// The same under kefu/2 (C1-C6). Mind row()'s default content "嗯": a closing under C2.
inline Computed compute_rows_v2(const std::string& rows, unsigned workers = 1) {
  return compute_text(kChatHeader + rows, workers, "log.csv", metrics::Canonical::v2);
}

}  // namespace kefu::test
