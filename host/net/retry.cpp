#include "net/retry.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <string>

namespace kefu::host {

bool is_retryable_status(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double unit_random) {
  const double cap =
      std::min<double>(static_cast<double>(policy.max_delay.count()),
                       static_cast<double>(policy.base_delay.count()) * std::ldexp(1.0, std::max(0, retry - 1)));
  return std::chrono::milliseconds(static_cast<std::int64_t>(cap * std::clamp(unit_random, 0.0, 1.0)));
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, std::int64_t now_epoch_s) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return std::nullopt;
    return std::chrono::seconds(std::stoll(std::string(value)));
  }
  // IMF-fixdate, the only date form servers are to send (RFC 9110 §5.6.7).
  std::tm tm{};
  const std::string text(value);
  const char* end = ::strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end != '\0') return std::nullopt;
  const std::int64_t at = ::timegm(&tm);
  return std::chrono::seconds(std::max<std::int64_t>(0, at - now_epoch_s));
}

}  // namespace kefu::host
