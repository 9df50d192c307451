#include "store/open_store.h"

#include "store/postgres_store.h"

namespace kefu::host::store {

std::unique_ptr<Store> open_store(const std::string& location, const OpenOptions& options) {
  if (is_postgres_url(location)) return open_postgres_store(location, options);
  return open_sqlite_store(location, options);
}

}  // namespace kefu::host::store
