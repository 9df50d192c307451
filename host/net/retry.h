// When and how long the HTTP client waits before trying a request again: exponential backoff
// with full jitter, and the server's own Retry-After where it gives one. Pure functions, so the
// schedule is tested without waiting.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kefu::host {

struct RetryPolicy {
  int max_attempts = 4;  // the first try included; 1 = never retry
  std::chrono::milliseconds base_delay{500};
  std::chrono::milliseconds max_delay{30'000};
  // A Retry-After longer than this is not waited out: the call fails, saying how long the
  // platform asked to wait (a rate-limit window of an hour is for the user to schedule around).
  std::chrono::milliseconds max_retry_after{120'000};
};

// Statuses worth another try: the server was overloaded or rate-limited, or failed for a
// moment (429, 500, 502, 503, 504). Other 4xx are the request's fault and will not change.
bool is_retryable_status(int status);

// The wait before retry number `retry` (1 = the first retry): a uniformly random time between
// 0 and min(max_delay, base_delay · 2^(retry-1)) ("full jitter"), so clients that failed together
// do not come back together. `unit_random` is in [0, 1).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double unit_random);

// Retry-After as delta-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT",
// relative to `now_epoch_s`); nullopt when absent or unreadable.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, std::int64_t now_epoch_s);

}  // namespace kefu::host
