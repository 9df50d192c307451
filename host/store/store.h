// The store: metric values from every source (native exports, chat logs recomputed, APIs) on
// one schema, plus dated snapshots of each platform's normalized rules and word lists.
//
// Kept behind this narrow interface so that a PostgreSQL backend can be added without touching
// the engines: they only ingest a batch (all or nothing) and read values back by period.
#pragma once

#include <kefu/model.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kefu::host::store {

struct StoredValue {
  MetricValue value;  // natural key: platform, shop_id, agent_id, day, metric, origin
  // A ratio or mean also keeps what it divides, so a week is sum(numerator) / sum(denominator)
  // and never an average of daily ratios. Absent for native figures the platform gives as is.
  std::optional<double> numerator, denominator;
  std::string definition;  // the definition the value was computed under
  std::string source;      // the file (or API call) it came from
};

struct IngestBatch {
  std::string source;  // what was ingested, for the ingests log: file names or a fetch range
  std::string kind;    // chat_log | native_export | api
  std::vector<StoredValue> values;
};

struct IngestSummary {
  std::int64_t id = 0;         // the ingest's number in the store
  std::int64_t written = 0;    // values inserted or changed
  std::int64_t unchanged = 0;  // values already stored with the same content (a re-ingest)
};

struct ValueQuery {
  std::string from, to;                       // days, inclusive
  std::vector<std::string> platforms, shops;  // empty: all
};

class Store {
 public:
  virtual ~Store() = default;

  // Upserts the batch in one transaction: on any failure (or a kill) the store is as it was.
  // `after_each` (tests) runs after each value is written, inside the transaction.
  virtual IngestSummary ingest(const IngestBatch& batch, const std::function<void(std::size_t)>& after_each = {}) = 0;

  virtual std::vector<StoredValue> values(const ValueQuery& query) const = 0;

  // Keeps `body` as the platform's latest `kind` (rules | words) snapshot, dated `day`, unless
  // it equals the latest one. True when a new snapshot was stored.
  virtual bool snapshot(const std::string& platform, const std::string& kind, const std::string& day,
                        const std::string& body) = 0;
  virtual std::vector<std::string> snapshot_days(const std::string& platform, const std::string& kind) const = 0;

  virtual int schema_version() const = 0;
};

struct OpenOptions {
  // read_only (kefu report): the store must exist and hold a kefu schema; nothing is written,
  // not even a schema into an empty file.
  bool read_only = false;
  // How long to wait for another kefu that is writing before giving up with a clear message.
  int busy_timeout_ms = 10000;
};

// Opens (creating when missing, migrating when older) the SQLite store at `path`. The store is
// opened by its own name only: a symbolic link, a pipe or a device there is refused, and so is
// another program's SQLite database. Throws std::runtime_error naming the file, what is wrong
// and what to do — also for a store that is locked by another kefu, damaged or on a full disk.
std::unique_ptr<Store> open_sqlite_store(const std::string& path, const OpenOptions& options = {});

// The message for an SQLite error on the store `path` (code: the SQLite result code): the file,
// what happened, and what to do.
std::string store_error(const std::string& path, int code, const std::string& sqlite_message);

}  // namespace kefu::host::store
