// One libpq connection to a PostgreSQL store, and the only code that turns libpq's answers into
// kefu's errors: each names the store by its printable URL (never the password), says what
// happened and what to do. Internal to host/store (postgres_store.cpp).
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::store::pg {

struct ResultFree {
  void operator()(PGresult* r) const { PQclear(r); }
};

// A query's rows, read as text (libpq's text format: numbers as PostgreSQL prints them, which
// for float8 is the shortest text that reads back to the same double).
class Result {
 public:
  explicit Result(PGresult* r) : r_(r) {}
  int rows() const { return PQntuples(r_.get()); }
  bool null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string text(int row, int col) const {
    return std::string(PQgetvalue(r_.get(), row, col), static_cast<std::size_t>(PQgetlength(r_.get(), row, col)));
  }
  std::int64_t integer(int row, int col) const;
  std::optional<double> real(int row, int col) const;
  std::string bytes(int row, int col) const;  // a bytea column (hex text) as its bytes
  std::int64_t affected() const;              // INSERT/UPDATE/DELETE: rows touched

 private:
  std::unique_ptr<PGresult, ResultFree> r_;
};

using Param = std::optional<std::string>;  // nullopt: SQL NULL

class Connection {
 public:
  // Connects to `url` (checked by check_postgres_url first). The password comes from
  // KEFU_STORE_PASSWORD, else the 0600 file KEFU_STORE_PASSWORD_FILE names, else libpq's own
  // PGPASSWORD or ~/.pgpass; never from the URL.
  explicit Connection(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  const std::string& name() const { return name_; }  // the printable URL
  // `doing` says in an error what kefu was doing ("writing the values").
  void exec(std::string_view sql, std::string_view doing = "a statement");  // one or more statements
  Result query(const std::string& sql, const std::vector<Param>& params = {}, std::string_view doing = "a statement");
  // COPY table(columns) FROM STDIN with `data` in COPY's text format (copy_field, '\n' per row).
  void copy_in(const std::string& table_and_columns, const std::string& data);
  bool in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }
  std::string role();  // current_user, for messages

  // The message (and exception type) for a failed statement: SQLSTATE decides what to say.
  [[noreturn]] void fail(const PGresult* r, std::string_view doing);

 private:
  PGconn* conn_ = nullptr;
  std::string name_;
};

// One field of a COPY text row, escaped (backslash, tab, newline, carriage return), then `end`
// ('\t' between fields, '\n' after the last).
void copy_field(std::string& out, std::string_view text, char end);
void copy_null(std::string& out, char end);
void copy_bytes(std::string& out, std::string_view bytes, char end);  // bytea, hex
std::string number(double v);                                         // exact: reads back to v
// A text[] parameter: {"a","b"} with quotes and backslashes escaped.
std::string text_array(const std::vector<std::string>& items);

}  // namespace kefu::host::store::pg
