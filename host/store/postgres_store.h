// The PostgreSQL store (libpq): the same schema versions and the same Store as SQLite, for a
// team whose several machines ingest into one database and whose supervisors report from any
// machine (docs/scale.md). Internal to host/store: callers use open_store (store/open_store.h).
#pragma once

#include "store/store.h"

#include <memory>
#include <string>

namespace kefu::host::store {

// Connects to `url` (postgresql://... or postgres://...), refusing one that carries a password
// or reaches another machine without verified TLS. Writing (not read_only): migrates an older
// schema, and refuses a role that may not write — before any work, naming the role, the missing
// privilege and what to do. read_only: never migrates; a database that needs a migration says so.
std::unique_ptr<Store> open_postgres_store(const std::string& url, const OpenOptions& options = {});

}  // namespace kefu::host::store
