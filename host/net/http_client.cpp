#include "net/http_client.h"

#include "net/log.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string_view>
#include <thread>

namespace kefu::host {
namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Received {
  std::string body;
  std::vector<Header> headers;
  std::size_t limit = 0;
  bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* r = static_cast<Received*>(user);
  const std::size_t n = size * count;
  if (r->body.size() + n > r->limit) {
    r->too_large = true;
    return 0;  // makes curl abort with CURLE_WRITE_ERROR
  }
  r->body.append(data, n);
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* r = static_cast<Received*>(user);
  const std::size_t n = size * count;
  std::string line(data, n);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    auto trim = [](std::string s) {
      const auto b = s.find_first_not_of(" \t\r\n");
      const auto e = s.find_last_not_of(" \t\r\n");
      return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    };
    r->headers.push_back({trim(line.substr(0, colon)), trim(line.substr(colon + 1))});
  } else if (line.rfind("HTTP/", 0) == 0) {
    r->headers.clear();  // a new response (after a redirect or 100-continue) starts
  }
  return n;
}

}  // namespace

struct HttpClient::Impl {
  HttpOptions options;
  std::mutex mutex;      // one easy handle: calls from several threads take turns
  CURL* curl = nullptr;  // kept across calls so connections are reused
  std::vector<std::string> extra_secrets;
};

HttpClient::HttpClient(HttpOptions options) : impl_(std::make_unique<Impl>()) {
  global_init_once();
  if (!options.sleep) options.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  if (!options.unit_random) {
    options.unit_random = [engine = std::mt19937_64(std::random_device{}())]() mutable {
      return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
    };
  }
  impl_->options = std::move(options);
  impl_->curl = curl_easy_init();
  if (!impl_->curl) throw std::runtime_error("libcurl could not create a handle");
}

HttpClient::~HttpClient() { curl_easy_cleanup(impl_->curl); }

std::string redact(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    if (secret.empty()) continue;
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3)) {
      text.replace(pos, secret.size(), "***");
    }
  }
  // Credentials by name, in a query string or a form body: `sign=...&` → `sign=***&`. A name
  // counts at the start or after ?, & or a space, in any case. Hand-written, not std::regex,
  // which recurses per character and exhausts the stack on a long body.
  static constexpr std::string_view kNames[] = {"sign",          "access_token",  "session",
                                                "app_secret",    "appsecret",     "signsecret",
                                                "client_secret", "refresh_token", "token"};
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; };
  auto starts_with_name = [&](std::size_t at) -> std::size_t {  // length of "name=" at `at`, or 0
    for (std::string_view name : kNames) {
      if (at + name.size() >= text.size() || text[at + name.size()] != '=') continue;
      bool same = true;
      for (std::size_t k = 0; k < name.size() && same; ++k) {
        const char c = text[at + k];
        same = (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == name[k];
      }
      if (same) return name.size() + 1;
    }
    return 0;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const bool boundary = i == 0 || text[i - 1] == '?' || text[i - 1] == '&' || is_space(text[i - 1]);
    const std::size_t key = boundary ? starts_with_name(i) : 0;
    if (key == 0) {
      out += text[i++];
      continue;
    }
    out.append(text, i, key);
    i += key;
    while (i < text.size() && text[i] != '&' && text[i] != '"' && !is_space(text[i])) ++i;
    out += "***";
  }
  return out;
}

namespace {

// One try's result: a response, or a transport failure and whether trying again can help.
struct Attempt {
  std::optional<HttpResponse> response;
  std::string error;
  bool retryable = false;
  bool sent = false;  // the request may have reached the server
};

bool retryable_transport(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_COULDNT_RESOLVE_HOST:
      return true;
    default:
      return false;
  }
}

std::string seconds_text(std::chrono::milliseconds d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(d.count()) / 1000);
  return buf;
}

}  // namespace

struct HttpClient::Perform {
  static Attempt once(HttpClient::Impl& impl, const HttpRequest& request) {
    CURL* c = impl.curl;
    curl_easy_reset(c);
    Received received;
    received.limit = impl.options.max_response_bytes;
    char error_buffer[CURL_ERROR_SIZE] = {0};

    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    curl_slist* headers = nullptr;
    for (const auto& h : request.headers) headers = curl_slist_append(headers, (h.name + ": " + h.value).c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(impl.options.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(impl.options.total_timeout.count()));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!impl.options.ca_bundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, impl.options.ca_bundle.c_str());
    // Plugins reach platforms over the network only: no file://, ftp:// or other schemes.
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &received);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &received);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);

    const CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(headers);
    Attempt a;
    if (received.too_large) {
      a.error = "response larger than " + std::to_string(received.limit) + " bytes";
      return a;
    }
    if (rc != CURLE_OK) {
      a.error = error_buffer[0] ? error_buffer : curl_easy_strerror(rc);
      a.retryable = retryable_transport(rc);
      a.sent = rc != CURLE_COULDNT_CONNECT && rc != CURLE_COULDNT_RESOLVE_HOST;
      return a;
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    a.response = HttpResponse{static_cast<int>(status), std::move(received.headers), std::move(received.body), 1};
    a.sent = true;
    return a;
  }
};

void HttpClient::set_extra_secrets(std::vector<std::string> secrets) {
  std::lock_guard lock(impl_->mutex);
  impl_->extra_secrets = std::move(secrets);
}

const std::string* find_header(const HttpResponse& r, std::string_view name) {
  for (const Header& h : r.headers)
    if (h.name.size() == name.size() && std::equal(h.name.begin(), h.name.end(), name.begin(),
                                                   [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      return &h.value;
  return nullptr;
}

HttpResponse HttpClient::send(const HttpRequest& plugin_request) {
  std::lock_guard lock(impl_->mutex);
  HttpRequest request = plugin_request;
  request.secrets.insert(request.secrets.end(), impl_->extra_secrets.begin(), impl_->extra_secrets.end());
  const HttpOptions& o = impl_->options;
  const std::string what = redact(request.method + " " + request.url, request.secrets);
  const int max_attempts = std::max(1, o.retry.max_attempts);
  for (int attempt = 1;; ++attempt) {
    Attempt a = Perform::once(*impl_, request);
    const int status = a.response ? a.response->status : 0;
    // A call that changes something is repeated only if the server cannot have acted on it.
    const bool may_repeat = request.idempotent || !a.sent || status == 429 || status == 503;
    const bool retryable = (a.response ? is_retryable_status(status) : a.retryable) && may_repeat;
    if (!retryable || attempt == max_attempts) {
      if (a.response) {
        a.response->attempts = attempt;
        return std::move(*a.response);
      }
      throw std::runtime_error(redact(what + ": " + a.error, request.secrets) +
                               (attempt > 1 ? " (after " + std::to_string(attempt) + " attempts)" : ""));
    }
    std::chrono::milliseconds wait = backoff_delay(o.retry, attempt, o.unit_random());
    if (a.response) {
      if (const std::string* after = find_header(*a.response, "Retry-After")) {
        if (const auto asked = parse_retry_after(*after, static_cast<std::int64_t>(std::time(nullptr)))) {
          if (*asked > o.retry.max_retry_after) {
            a.response->attempts = attempt;
            log(Level::warn, what + ": HTTP " + std::to_string(status) + ", the server asks to wait " +
                                 seconds_text(*asked) + ": longer than kefu waits, not retried");
            return std::move(*a.response);
          }
          wait = *asked;
        }
      }
    }
    log(Level::warn, what + ": " + (a.response ? "HTTP " + std::to_string(status) : redact(a.error, request.secrets)) +
                         "; try " + std::to_string(attempt + 1) + "/" + std::to_string(max_attempts) + " in " +
                         seconds_text(wait));
    o.sleep(wait);
  }
}

}  // namespace kefu::host
