// The one way into a store: a PostgreSQL URL (postgresql://... or postgres://...) opens the
// PostgreSQL store a team shares, anything else the SQLite file at that path (docs/scale.md).
#pragma once

#include "store/store.h"
#include "store/store_url.h"

#include <memory>
#include <string>

namespace kefu::host::store {

// Throws std::runtime_error naming the store (printable_store: never a password), what is
// wrong and what to do.
std::unique_ptr<Store> open_store(const std::string& location, const OpenOptions& options = {});

}  // namespace kefu::host::store
