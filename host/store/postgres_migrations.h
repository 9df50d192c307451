// The PostgreSQL store's schema migrations: migration i takes a database from version i to
// i + 1, each the PostgreSQL twin of SQLite's migration of the same number (sqlite_store.cpp).
// Never edit one that has shipped; append the twin of each new SQLite migration.
#pragma once

#include <span>
#include <string_view>

namespace kefu::host::store::pg {

std::span<const std::string_view> migrations();

}  // namespace kefu::host::store::pg
