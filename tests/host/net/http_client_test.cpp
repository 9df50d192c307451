// The host's HTTP client against scripted faults on 127.0.0.1: which failures are tried again,
// how long it waits (recorded, not slept), how many requests the server saw, and that no secret
// reaches an error message or the log.
#include "net/http_client.h"
#include "net/log.h"

#include "host/net/scripted_server.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host {
namespace {

using namespace std::chrono_literals;
using test::cut_reply;
using test::http_reply;
using test::ScriptedServer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

struct Recorded {
  std::vector<std::chrono::milliseconds> sleeps;
};

HttpOptions fast(Recorded& rec, int attempts = 4) {
  HttpOptions o;
  o.connect_timeout = 1000ms;
  o.total_timeout = 1500ms;
  o.retry.max_attempts = attempts;
  o.retry.base_delay = 100ms;
  o.retry.max_delay = 1000ms;
  o.sleep = [&rec](std::chrono::milliseconds d) { rec.sleeps.push_back(d); };
  o.unit_random = [] { return 0.5; };
  return o;
}

HttpRequest get(const std::string& url) {
  HttpRequest r;
  r.url = url;
  return r;
}

TEST(Retry, BackoffDoublesWithJitterUpToTheCap) {
  RetryPolicy p;
  p.base_delay = 100ms;
  p.max_delay = 1000ms;
  EXPECT_EQ(backoff_delay(p, 1, 0.5), 50ms);
  EXPECT_EQ(backoff_delay(p, 2, 0.5), 100ms);
  EXPECT_EQ(backoff_delay(p, 3, 0.999), 399ms);
  EXPECT_EQ(backoff_delay(p, 10, 0.5), 500ms);  // capped at 1000 ms before jitter
  EXPECT_EQ(backoff_delay(p, 1, 0.0), 0ms);
}

TEST(Retry, RetryAfterInSecondsOrAsADate) {
  EXPECT_EQ(parse_retry_after("120", 0), 120s);
  EXPECT_EQ(parse_retry_after(" 3 ", 0), 3s);
  // 2026-10-21 07:28:00 UTC is epoch 1792567680.
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT", 1792567680 - 30), 30s);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT", 1792567680 + 30), 0s);  // in the past: now
  EXPECT_FALSE(parse_retry_after("soon", 0));
  EXPECT_FALSE(parse_retry_after("", 0));
  EXPECT_TRUE(is_retryable_status(429) && is_retryable_status(503) && !is_retryable_status(400) &&
              !is_retryable_status(404));
}

TEST(HttpClient, ServerErrorsAreTriedAgainWithBackoff) {
  ScriptedServer server({http_reply(500, "{}"), http_reply(502, "{}"), http_reply(200, R"({"ok":true})")});
  Recorded rec;
  HttpClient client(fast(rec));
  const HttpResponse r = client.send(get(server.url()));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"ok":true})");
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(server.requests(), 3);
  EXPECT_THAT(rec.sleeps, ElementsAre(50ms, 100ms));  // half of 100 ms, half of 200 ms
}

TEST(HttpClient, RateLimitHonoursRetryAfter) {
  ScriptedServer server({http_reply(429, R"({"error":"slow down"})", "Retry-After: 2\r\n"), http_reply(200, "{}")});
  Recorded rec;
  HttpClient client(fast(rec));
  EXPECT_EQ(client.send(get(server.url())).status, 200);
  EXPECT_EQ(server.requests(), 2);
  EXPECT_THAT(rec.sleeps, ElementsAre(2000ms));
}

TEST(HttpClient, ARetryAfterBeyondTheLimitIsNotWaitedOut) {
  ScriptedServer server({http_reply(429, "{}", "Retry-After: 3600\r\n"), http_reply(200, "{}")});
  Recorded rec;
  HttpClient client(fast(rec));
  const HttpResponse r = client.send(get(server.url()));
  EXPECT_EQ(r.status, 429);  // the caller tells the user; an hour is theirs to schedule
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(server.requests(), 1);
  EXPECT_TRUE(rec.sleeps.empty());
}

TEST(HttpClient, GivesUpAfterTheLastAttemptAndReturnsTheLastResponse) {
  ScriptedServer server({http_reply(503, "{}")});
  Recorded rec;
  HttpClient client(fast(rec, 3));
  const HttpResponse r = client.send(get(server.url()));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(server.requests(), 3);
  EXPECT_EQ(rec.sleeps.size(), 2u);
}

TEST(HttpClient, ClientErrorsAreNotRetried) {
  ScriptedServer server({http_reply(400, R"({"error":"bad"})"), http_reply(200, "{}")});
  Recorded rec;
  HttpClient client(fast(rec));
  EXPECT_EQ(client.send(get(server.url())).status, 400);
  EXPECT_EQ(server.requests(), 1);
}

TEST(HttpClient, AConnectionResetMidBodyIsTriedAgain) {
  ScriptedServer server({cut_reply(R"({"values":[1,2)", 500), http_reply(200, R"({"values":[1,2,3]})")});
  Recorded rec;
  HttpClient client(fast(rec));
  const HttpResponse r = client.send(get(server.url()));
  EXPECT_EQ(r.body, R"({"values":[1,2,3]})");  // never the partial body
  EXPECT_EQ(server.requests(), 2);
}

TEST(HttpClient, ASlowResponseTimesOutAndFailsAfterItsAttempts) {
  test::ScriptedReply slow = http_reply(200, "{}");
  slow.delay = 3000ms;  // past the 1.5 s total timeout
  ScriptedServer server({slow});
  Recorded rec;
  HttpClient client(fast(rec, 2));
  const auto started = std::chrono::steady_clock::now();
  try {
    client.send(get(server.url()));
    FAIL() << "expected a timeout";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("timed out"));
    EXPECT_THAT(e.what(), HasSubstr("(after 2 attempts)"));
  }
  EXPECT_EQ(server.requests(), 2);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 6s);
}

TEST(HttpClient, NoServerAtAll) {
  int port;
  {
    ScriptedServer gone({http_reply(200, "{}")});
    port = std::stoi(gone.url().substr(17));
  }
  Recorded rec;
  HttpClient client(fast(rec, 2));
  EXPECT_THROW(client.send(get("http://127.0.0.1:" + std::to_string(port) + "/")), std::runtime_error);
  EXPECT_EQ(rec.sleeps.size(), 1u);  // connection refused: tried again once
}

TEST(HttpClient, ACallThatChangesSomethingIsRepeatedOnlyWhenTheServerCannotHaveActed) {
  ScriptedServer server({http_reply(500, "{}"), http_reply(200, "{}")});
  Recorded rec;
  HttpClient client(fast(rec));
  HttpRequest post = get(server.url());
  post.method = "POST";
  post.idempotent = false;
  EXPECT_EQ(client.send(post).status, 500);  // it may have acted: not repeated
  EXPECT_EQ(server.requests(), 1);

  ScriptedServer busy({http_reply(503, "{}"), http_reply(200, "{}")});
  post.url = busy.url();
  EXPECT_EQ(client.send(post).status, 200);  // 503: it did not act
  EXPECT_EQ(busy.requests(), 2);
}

TEST(HttpClient, ResponsesOverTheCapAreRefused) {
  ScriptedServer server({http_reply(200, std::string(5000, 'x'))});
  Recorded rec;
  HttpOptions o = fast(rec);
  o.max_response_bytes = 1000;
  HttpClient client(o);
  EXPECT_THAT([&] { client.send(get(server.url())); },
              ::testing::ThrowsMessage<std::runtime_error>(HasSubstr("response larger than 1000 bytes")));
  EXPECT_EQ(server.requests(), 1);  // not retried: it would be as large again
}

TEST(HttpClient, SecretsNeverReachErrorsOrTheLog) {
  ScriptedServer server({http_reply(500, "{}")});
  Recorded rec;
  HttpClient client(fast(rec, 2));
  HttpRequest r = get(server.url("/router/rest?app_key=K1&session=SESS-9f8e&sign=ABCDEF0123&timestamp=2026"));
  r.secrets = {"app-secret-42"};
  r.body = "secret=app-secret-42";
  set_log_level(Level::warn);
  ::testing::internal::CaptureStderr();
  client.send(r);
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_THAT(log, HasSubstr("HTTP 500; try 2/2"));
  EXPECT_THAT(log, HasSubstr("sign=***"));
  for (const char* secret : {"SESS-9f8e", "ABCDEF0123", "app-secret-42"}) EXPECT_THAT(log, Not(HasSubstr(secret)));

  try {
    client.send(get("http://127.0.0.1:1/x?access_token=TOK-77&sign=SIG-88"));
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), Not(HasSubstr("TOK-77")));
    EXPECT_THAT(e.what(), Not(HasSubstr("SIG-88")));
  }
  EXPECT_EQ(redact("a=1&sign=XYZ&b=2 token=T1", {}), "a=1&sign=***&b=2 token=***");
}

TEST(HttpClient, RedactionHandlesLongBodiesAndMatchesNamesAsBefore) {
  EXPECT_EQ(redact("?Access_Token=a&x_token=b&signSecret=c\"d\nSESSION=e", {}),
            "?Access_Token=***&x_token=b&signSecret=***\"d\nSESSION=***");
  EXPECT_EQ(redact("sign=&token=x", {}), "sign=***&token=***");
  const std::string body = "a=" + std::string(3'000'000, 'x') + "&sign=" + std::string(3'000'000, 'y') + "&b=1";
  EXPECT_EQ(redact(body, {}), "a=" + std::string(3'000'000, 'x') + "&sign=***&b=1");
}

}  // namespace
}  // namespace kefu::host
