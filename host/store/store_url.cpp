#include "store/store_url.h"

#include <stdexcept>

namespace kefu::host::store {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto hex = hex_digit;
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The URL cut at its parts: scheme://authority/path?query (libpq's URI grammar).
struct Parts {
  std::string_view scheme, authority, path, query;
};

Parts split(std::string_view url) {
  Parts p;
  const std::size_t sep = url.find("://");
  p.scheme = url.substr(0, sep + 3);
  std::string_view rest = url.substr(sep + 3);
  const std::size_t q = rest.find('?');
  if (q != std::string_view::npos) p.query = rest.substr(q + 1), rest = rest.substr(0, q);
  const std::size_t slash = rest.find('/');
  p.authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) p.path = rest.substr(slash);
  return p;
}

std::vector<std::string_view> split_on(std::string_view s, char c) {
  std::vector<std::string_view> out;
  if (s.empty()) return out;
  for (;;) {
    const std::size_t at = s.find(c);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return out;
    s = s.substr(at + 1);
  }
}

}  // namespace

bool is_postgres_url(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string printable_store(std::string_view location) {
  if (!is_postgres_url(location)) return std::string(location);
  const Parts p = split(location);
  std::string out(p.scheme);
  std::string_view authority = p.authority;
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    const std::string_view user = authority.substr(0, at);
    out += user.substr(0, user.find(':'));
    out += '@';
    authority = authority.substr(at + 1);
  }
  out += authority;
  out += p.path;
  std::string query;
  for (std::string_view param : split_on(p.query, '&')) {
    if (percent_decode(param.substr(0, param.find('='))) == "password") continue;
    query += (query.empty() ? "" : "&") + std::string(param);
  }
  if (!query.empty()) out += "?" + query;
  return out;
}

PostgresUrl parse_postgres_url(std::string_view url) {
  PostgresUrl out;
  const Parts p = split(url);
  std::string_view authority = p.authority;
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    out.has_password = authority.substr(0, at).find(':') != std::string_view::npos;
    authority = authority.substr(at + 1);
  }
  for (std::string_view hostport : split_on(authority, ',')) {
    std::string_view host = hostport;
    if (host.starts_with('[')) {  // [::1]:5432
      host = host.substr(1, host.find(']') - 1);
    } else {
      host = host.substr(0, host.find(':'));
    }
    out.hosts.push_back(percent_decode(host));
  }
  for (std::string_view param : split_on(p.query, '&')) {
    const std::size_t eq = param.find('=');
    const std::string key = percent_decode(param.substr(0, eq));
    const std::string value = eq == std::string_view::npos ? "" : percent_decode(param.substr(eq + 1));
    if (key == "host" || key == "hostaddr") {
      for (std::string_view h : split_on(value, ',')) out.hosts.push_back(std::string(h));
    } else if (key == "sslmode") {
      out.sslmode = value;
    } else if (key == "password") {
      out.has_password = true;
    }
  }
  return out;
}

bool is_local_host(std::string_view host) {
  return host.empty() || host.starts_with('/') || host == "localhost" || host == "127.0.0.1" || host == "::1";
}

void check_postgres_url(std::string_view url) {
  const PostgresUrl u = parse_postgres_url(url);
  const std::string name = printable_store(url);
  if (u.has_password)
    throw std::runtime_error("the store URL " + name +
                             " carries a password; kefu takes it only from the environment (KEFU_STORE_PASSWORD or "
                             "PGPASSWORD) or a 0600 file (KEFU_STORE_PASSWORD_FILE), never from the config or the "
                             "command line, where others can read it. Remove it from the URL (docs/scale.md)");
  for (const std::string& host : u.hosts) {
    if (is_local_host(host) || u.sslmode == "verify-full" || u.sslmode == "verify-ca") continue;
    throw std::runtime_error("the store " + name + " is on " + host +
                             ", another machine, but the URL does not ask for a verified TLS connection (sslmode=" +
                             (u.sslmode.empty() ? "not given" : u.sslmode) +
                             "): the password and the team's figures would cross the network to a server nobody "
                             "checked. Add sslmode=verify-full to the URL (and the server's CA as sslrootcert=, or in "
                             "~/.postgresql/root.crt); docs/scale.md \"TLS\"");
  }
}

}  // namespace kefu::host::store
