// Quality control at ingest (issue 21, docs/report.md "Compliance"): every agent message of the
// chat logs a run stores is scanned against the word list `kefu scan --platform P` uses for its
// shop's platform (the team's lists and modes included, the context exemptions applied), and the
// hits are kept per shop, day and agent with the sentence they sit in, beside how many agent
// messages were scanned — in the ingest's one transaction.
//
// Every run adds (docs/report.md): a day is held whole, as the values are. Its counts come from
// all of the day's sessions (this run's and the stored ones); its hits are this run's, plus those
// earlier runs found in messages this run did not carry (the morning's, when the afternoon's
// export is ingested). A message this run carries again replaces its old hits, so a re-ingest
// never doubles them and a changed word list is applied to what it re-reads.
#pragma once

#include "chatlog/reader.h"
#include "config/config.h"
#include "platforms/registry.h"
#include "store/store.h"
#include "words/lexicon.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace kefu::host::ingest {

// The lexicon a platform's messages are scanned with (update::scan_lexicon of that platform
// alone). Throwing (no plugin, no word list, a bad team list) leaves that platform unscanned,
// said in QcOutcome::not_scanned; the values are stored all the same.
using QcLexicon = std::function<std::shared_ptr<const words::Lexicon>(const std::string& platform)>;

// The team's QC lexicons: update::scan_lexicon(registry, config, {platform}), as `kefu scan
// --platform P --config` builds it. `registry` and `config` must outlive the ingest.
QcLexicon team_qc_lexicon(const PluginRegistry& registry, const config::Config& config);

// The scan while the chat logs are read (chatlog::ChatReadOptions::keep_agent_message): each
// agent message is matched once, by the reading's workers, and only those with a hit are kept
// whole. The platforms' lexicons are built on first use. Thread-safe.
class QcScanner {
 public:
  explicit QcScanner(QcLexicon lexicon_of) : lexicon_of_(std::move(lexicon_of)), id_(++last_id_) {}
  // Whether the agent message has a hit on its platform's list (false where the platform has none).
  bool keep(std::string_view platform, std::string_view content);
  // The platform's lexicon, built now if no message asked for it; null when it has none.
  const words::Lexicon* lexicon(std::string_view platform);
  std::vector<std::string> not_scanned() const;               // "platform: why"

 private:
  QcLexicon lexicon_of_;
  // Each worker remembers the last platform's lexicon, under this scanner's number (never reused):
  // the lock is taken once per platform and thread, not per message.
  inline static std::atomic<std::uint64_t> last_id_{0};
  const std::uint64_t id_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const words::Lexicon>, std::less<>> built_;
  std::vector<std::string> not_scanned_;
};

struct QcOutcome {
  std::int64_t messages = 0;                     // agent messages of this run scanned
  std::int64_t block = 0, warn = 0, unknown = 0;  // hits found in them, by verdict
  std::int64_t kept = 0;                         // hits of earlier runs' messages this run did not carry
  std::vector<std::string> not_scanned;          // "platform: why" (no word list)
};

// FNV-1a 64 of a message's content, as the store keeps it (store::QcHit::message).
std::int64_t message_hash(std::string_view content);

// The QC of a run: `all` the run's events joined with the stored sessions of the days they touch
// (or the run's alone), `run` the run's own, `stored_days` the (platform, shop, day) those stored
// sessions were on, `kept` the run's agent messages with a hit (scanner.keep), in record order.
// A stored hit's message counts as carried again when the run has an agent row of the same
// session, instant and agent.
store::QcBatch qc_batch(const chatlog::ChatEvents& all, const chatlog::ChatEvents& run,
                        const std::set<std::tuple<std::string, std::string, std::string>>& stored_days,
                        const std::vector<chatlog::KeptRow>& kept, QcScanner& scanner, const store::Store& store,
                        QcOutcome& outcome);

}  // namespace kefu::host::ingest
