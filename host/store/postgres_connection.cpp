#include "store/postgres_connection.h"

#include "base/private_file.h"
#include "store/store.h"
#include "store/store_url.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace kefu::host::store::pg {
namespace {

bool has(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// libpq's message on one line: its lines (and their tab indents) joined by a space.
std::string trimmed(std::string s) {
  std::string out;
  for (char c : s) {
    const bool space = c == '\n' || c == '\r' || c == '\t';
    if (!space)
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The password kefu gives libpq, if any: the environment first, then the team's 0600 file.
// Neither is ever printed; libpq's own PGPASSWORD and ~/.pgpass work when both are unset.
std::optional<std::string> store_password() {
  if (const char* p = std::getenv("KEFU_STORE_PASSWORD"); p && *p) return std::string(p);
  const char* file = std::getenv("KEFU_STORE_PASSWORD_FILE");
  if (!file || !*file) return std::nullopt;
  check_private_file("store password file", file);
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line))
    throw std::runtime_error("store password file " + std::string(file) +
                             ": cannot be read, or empty; write the password on its first line (chmod 600)");
  return trimmed(line);
}

// libpq's message for a connection that failed, as kefu's: what happened and what to do.
std::string connect_error(const std::string& name, std::string why) {
  why = trimmed(why);
  if (has(why, "password authentication failed") || has(why, "no password supplied") ||
      has(why, "authentication failed") || (has(why, "role \"") && has(why, "does not exist")))
    return "the PostgreSQL server of the store " + name + " refused the login (" + why +
           "): check the user in the URL and its password (KEFU_STORE_PASSWORD, a 0600 file named by "
           "KEFU_STORE_PASSWORD_FILE, or PGPASSWORD); docs/scale.md \"Roles\"";
  if (has(why, "database \"") && has(why, "does not exist"))
    return "the store " + name + ": the database does not exist on the server (" + why +
           "). Create it (createdb -O kefu_ingest kefu; docs/scale.md) or correct the database in the URL";
  if (has(why, "certificate") || has(why, "SSL") || has(why, "ssl"))
    return "the store " + name + ": the TLS connection failed (" + why +
           "). With sslmode=verify-full the server's certificate must be signed by the CA in sslrootcert= (or "
           "~/.postgresql/root.crt) and name the host in the URL; docs/scale.md \"TLS\"";
  if (has(why, "Connection refused") || has(why, "could not connect") || has(why, "No such file or directory") ||
      has(why, "could not translate host name") || has(why, "timeout expired") || has(why, "Network is unreachable"))
    return "cannot reach the PostgreSQL server of the store " + name + " (" + why +
           "): check that the server runs and that the host and port in the URL are right; nothing was read or "
           "written";
  return "cannot connect to the store " + name + ": " + why;
}

}  // namespace

std::int64_t Result::integer(int row, int col) const {
  const char* p = PQgetvalue(r_.get(), row, col);
  std::int64_t v = 0;
  std::from_chars(p, p + PQgetlength(r_.get(), row, col), v);
  return v;
}

std::optional<double> Result::real(int row, int col) const {
  if (null(row, col)) return std::nullopt;
  return std::strtod(PQgetvalue(r_.get(), row, col), nullptr);
}

std::string Result::bytes(int row, int col) const {
  std::size_t n = 0;
  unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r_.get(), row, col)), &n);
  if (!raw) throw std::runtime_error("the store: out of memory reading a session's rows");
  std::string out(reinterpret_cast<const char*>(raw), n);
  PQfreemem(raw);
  return out;
}

std::int64_t Result::affected() const {
  const char* n = PQcmdTuples(r_.get());
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

Connection::Connection(const std::string& url) : name_(printable_store(url)) {
  check_postgres_url(url);
  const std::optional<std::string> password = store_password();
  // The URL is expanded in place of dbname; the entries before it are defaults it may override.
  std::vector<const char*> keys{"connect_timeout", "application_name", "dbname"};
  std::vector<const char*> values{"10", "kefu", url.c_str()};
  if (password) keys.push_back("password"), values.push_back(password->c_str());
  keys.push_back(nullptr), values.push_back(nullptr);
  conn_ = PQconnectdbParams(keys.data(), values.data(), 1);
  if (!conn_) throw std::runtime_error("cannot connect to the store " + name_ + ": out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string why = connect_error(name_, PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw std::runtime_error(why);
  }
  // The server's notices (CREATE ... IF NOT EXISTS, ...) are not the user's business.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

void Connection::fail(const PGresult* r, std::string_view doing) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state ? state : "";
  std::string why = trimmed(r ? PQresultErrorMessage(r) : PQerrorMessage(conn_));
  if (const auto at = why.find("ERROR:  "); at == 0) why = why.substr(8);
  const std::string what = "the store " + name_ + ": " + std::string(doing) + " failed (" + why + ")";
  if (code == "40001" || code == "40P01")
    throw RetryableError(what + ": " + (code == "40001" ? "a serialization failure" : "a deadlock") +
                         " with another kefu writing at the same time; nothing was written");
  if (code == "55P03")
    throw std::runtime_error(what +
                             ": another kefu has been writing to the same shops for longer than this one "
                             "waits. Wait for it to finish and run this again; the store keeps what it held");
  if (code == "53100")
    throw std::runtime_error(what +
                             ": the database server's disk is full. Free space on the server (or ask its "
                             "administrator to) and run this again; the store keeps what it held");
  if (code == "42501" || code == "25006")
    throw std::runtime_error(what + ": role " + role() +
                             " may not do this. Ingest with the ingest role and report with the read-only one "
                             "(docs/scale.md \"Roles\"); the store keeps what it held");
  if (code.starts_with("08") || code.starts_with("57P") || PQstatus(conn_) != CONNECTION_OK)
    throw std::runtime_error(what +
                             ": the connection to the server was lost. Nothing of this run was committed "
                             "(the store keeps what it held); run it again when the server is back");
  if (code == "53300")
    throw std::runtime_error(what +
                             ": the server has no connection left; wait for other clients, or raise "
                             "max_connections");
  if (code == "3F000" || code == "42P01")
    throw std::runtime_error(what +
                             ": the schema or a table kefu needs is missing. Check search_path in the URL "
                             "(options=-csearch_path%3D<schema>) and that the schema exists (docs/scale.md)");
  throw std::runtime_error(what + (code.empty() ? "" : " [SQLSTATE " + code + "]"));
}

void Connection::exec(std::string_view sql, std::string_view doing) {
  std::unique_ptr<PGresult, ResultFree> r(PQexec(conn_, std::string(sql).c_str()));
  const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r.get(), doing);
}

Result Connection::query(const std::string& sql, const std::vector<Param>& params, std::string_view doing) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& p : params) values.push_back(p ? p->c_str() : nullptr);
  PGresult* r =
      PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
  const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const std::unique_ptr<PGresult, ResultFree> held(r);
    fail(r, doing);
  }
  return Result(r);
}

void Connection::copy_in(const std::string& table_and_columns, const std::string& data) {
  const std::string sql = "COPY " + table_and_columns + " FROM STDIN";
  {
    std::unique_ptr<PGresult, ResultFree> r(PQexec(conn_, sql.c_str()));
    if (!r || PQresultStatus(r.get()) != PGRES_COPY_IN) fail(r.get(), "starting to copy rows in");
  }
  constexpr std::size_t kChunk = 1 << 20;
  bool ok = true;
  for (std::size_t at = 0; ok && at < data.size(); at += kChunk)
    ok = PQputCopyData(conn_, data.data() + at, static_cast<int>(std::min(kChunk, data.size() - at))) == 1;
  if (PQputCopyEnd(conn_, ok ? nullptr : "kefu: sending the rows failed") != 1) fail(nullptr, "copying rows in");
  std::unique_ptr<PGresult, ResultFree> r(PQgetResult(conn_));
  const bool done = r && PQresultStatus(r.get()) == PGRES_COMMAND_OK;
  while (PGresult* more = PQgetResult(conn_)) PQclear(more);
  if (!done) fail(r.get(), "copying rows in");
}

std::string Connection::role() {
  std::unique_ptr<PGresult, ResultFree> r(PQexec(conn_, "SELECT current_user"));
  if (r && PQresultStatus(r.get()) == PGRES_TUPLES_OK && PQntuples(r.get()) == 1) return PQgetvalue(r.get(), 0, 0);
  const char* user = PQuser(conn_);
  return user ? user : "(unknown)";
}

void copy_field(std::string& out, std::string_view text, char end) {
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  out += end;
}

void copy_null(std::string& out, char end) {
  out += "\\N";
  out += end;
}

void copy_bytes(std::string& out, std::string_view bytes, char end) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\\\x";  // COPY's escaping of bytea's own \x prefix
  for (unsigned char c : bytes) out += kHex[c >> 4], out += kHex[c & 15];
  out += end;
}

std::string number(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that reads back exactly
  return std::string(buf, end);
}

std::string text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i ? ",\"" : "\"";
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace kefu::host::store::pg
