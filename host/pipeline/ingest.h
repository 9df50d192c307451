// `kefu ingest`: files into the store. Chat logs are recomputed with the one definition
// (docs/metrics.md) and stored per agent and per shop and day; platform exports go through
// their plugin and keep the native definition. Every file of one call is read first and the
// values are written in one transaction, so a bad file or a kill leaves the store as it was.
// Each platform touched also gets a dated snapshot of its rules and word lists when they changed.
// Chat logs also leave what `kefu explain` needs once they are gone (pipeline/explain_store.h).
#pragma once

#include "base/calendar.h"
#include "base/encoding.h"
#include "base/table_text.h"
#include "chatlog/layout.h"
#include "metrics/engine.h"
#include "model/definition.h"
#include "pipeline/explain_store.h"
#include "pipeline/qc.h"
#include "platforms/registry.h"
#include "store/store.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kefu::host::ingest {

// A platform's own definition run on that platform's chat logs at ingest (docs/metrics.md
// "Platform definitions computed"), stored beside the canonical figures as origin
// store::kPlatformRecomputed so the report can set it beside the export. Only computable ones (every
// parameter known, or filled by an assumption the user gave) are passed.
struct PlatformDefinition {
  std::string platform, native_name;
  Definition definition;
  std::vector<std::string> assumed;  // parameters filled by --assume, said with every value
};

struct IngestOptions {
  std::string platform;              // for platform exports (chat logs name theirs per row)
  std::string shop;                  // for exports, and chat layouts, that do not name their shop
  std::string day;                   // for exports without a day column
  std::optional<Encoding> encoding;  // forced; detected when empty
  unsigned workers = 0;
  std::string rejects_dir;                                  // where rejects files go; "" beside each input
  metrics::Canonical definitions = metrics::Canonical::v2;  // docs/metrics.md; stored with each value
  std::function<bool(std::string_view)> closing_only;       // C2; empty: Kefu's list (words::ClosingList)
  // What is kept for `kefu explain` from the store (kefu.json "explain"); the retention runs at
  // every ingest, in its transaction.
  ExplainRetention explain;
  std::string today;  // YYYY-MM-DD the retention counts back from; "": today in China (tests set it)
  std::vector<PlatformDefinition> platform_definitions;  // run on the logs of their platform
  std::string sheet;  // workbooks: the sheet to read (--sheet; "": the first)
  // The layouts chat logs may be in (--layout, kefu.json, canonical, plugins); nullptr: canonical only.
  const chatlog::Layouts* layouts = nullptr;
  std::int64_t utc_offset_ms = calendar::kChinaOffsetMs;  // chat-log times written without an offset
  // Called before a run is tried again after the store refused it as retryable (a deadlock or a
  // serialization failure with another kefu writing): attempt (2..), of how many, and why.
  std::function<void(int attempt, int attempts, const std::string& why)> on_retry = {};
  // The QC scan of agent messages (pipeline/qc.h): each platform's lexicon; empty: no scan (the
  // days keep what QC earlier runs stored, and the report says where none was).
  QcLexicon qc = {};
};

struct FileOutcome {
  std::string file, kind, encoding;  // kind: chat_log | native_export
  std::int64_t rows = 0, values = 0, rejected = 0;
  std::string rejects_file;
  std::vector<std::string> notes;
  std::int64_t platform_values = 0;  // of values: platform definitions' figures (origin platform_recomputed)
  TableSource source = {};              // a workbook or UTF-16 text converted to CSV first
  std::string layout = {};              // chat logs: the layout the header matched ("canonical" ...)
  std::int64_t naive_times = 0;      // chat logs: rows whose time had no offset (read at utc_offset_ms)
};

// What a run added to the days earlier runs stored (docs/report.md "Every run adds").
struct Joined {
  std::int64_t stored_sessions = 0;     // sessions of earlier runs counted again with this run's
  std::int64_t continued_sessions = 0;  // of them, sessions this run carried more rows of
  // "platform/shop_id day": figures from chat logs stored before the store kept sessions; this
  // run's figures replace them.
  std::vector<std::string> days_without_sessions;
};

struct IngestOutcome {
  std::vector<FileOutcome> files;
  Joined joined;
  store::IngestSummary summary;
  std::vector<std::string> snapshots;  // "jd rules", "jd words": newly stored snapshots
  std::vector<std::string> warnings;   // snapshots that could not be taken (the values are stored)
  QcOutcome qc;                        // what the QC scan of agent messages found
};

// True when the file is a chat log (chatlog::detect: JSON Lines, a header of a known layout, or
// one that reads like a chat log's — which the reader then refuses naming the closest layout);
// for a workbook, when that `sheet` does.
bool is_chat_log(const std::string& path, const chatlog::Layouts* layouts = nullptr, const std::string& sheet = "");

// Throws std::runtime_error naming the file and the fix when a file cannot be used; nothing is
// stored then. `after_each` is passed to Store::ingest (tests).
IngestOutcome ingest_files(const std::vector<std::string>& files, const IngestOptions& options,
                           const PluginRegistry& registry, store::Store& store,
                           const std::function<void(std::size_t)>& after_each = {});

struct FetchOutcome {
  std::int64_t values = 0, messages = 0, rejected = 0;  // values stored (native and recomputed), messages read
  Joined joined;
  std::vector<std::string> reject_reasons;
  store::IngestSummary summary;
  std::vector<std::string> snapshots, warnings;
  QcOutcome qc;
};

// What a plugin fetched for one shop and range, stored the way files are: its figures as native
// values (origin api), its chat messages recomputed with the one definition — in one
// transaction, so a range is stored whole or not at all.
FetchOutcome ingest_fetched(const FetchResult& fetched, const LoadedPlugin& plugin, const std::string& source,
                            const PluginRegistry& registry, store::Store& store, const IngestOptions& options = {});

}  // namespace kefu::host::ingest
