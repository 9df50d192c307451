// What a store location (--store, kefu.json "store") names: an SQLite file, or a PostgreSQL
// database by URL (postgresql://... or postgres://..., libpq's URI form). Every message that
// names the store prints printable_store(), never the location as given: a password must never
// reach a terminal, a log or an error report.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::store {

bool is_postgres_url(std::string_view location);

// The location with any password taken out: the URL's user:password@ becomes user@, a
// password=... parameter is dropped. A file path is returned as it is.
std::string printable_store(std::string_view location);

// The parts of a PostgreSQL URL kefu checks before connecting.
struct PostgresUrl {
  std::vector<std::string> hosts;  // as written (percent-decoded); "" none (libpq's default: the local socket)
  std::string sslmode;             // the sslmode parameter, "" when not given
  bool has_password = false;       // in the user info or as a password= parameter
};
PostgresUrl parse_postgres_url(std::string_view url);

// A host reached over the machine's own socket or loopback: a Unix socket directory (starts
// with '/'), "", localhost, 127.0.0.1 or ::1. Any other host's traffic crosses a network.
bool is_local_host(std::string_view host);

// Refuses (std::runtime_error, saying how to fix it) a URL that carries a password, or that
// reaches a non-local host without sslmode=verify-full or verify-ca: the password and the team's
// figures would cross the network unverified (docs/scale.md "TLS").
void check_postgres_url(std::string_view url);

}  // namespace kefu::host::store
