// A plugin uses the host's services across the C boundary: config, logging and HTTP through
// libcurl against a one-shot server on 127.0.0.1.
#include "net/http_client.h"
#include "platforms/loader.h"

#include "host/net/scripted_server.hpp"
#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host {
namespace {

using ::testing::HasSubstr;

TEST(HostApiTest, APluginReachesConfigAndHttpThroughTheHost) {
  test::ScriptedServer server(
      {test::ScriptedReply{"HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\n已接待"}});
  LoadOptions options{std::make_shared<HttpClient>(), R"({"url":")" + server.url("/stats") + R"("})"};
  LoadResult r = load_plugin(test::fixture_file("host_services"), options);
  ASSERT_TRUE(r.plugin) << r.refusal->message;
  FetchRequest request;
  request.shop_id = "shop-1";
  request.from = "2026-11-01";
  request.to = "2026-11-07";
  const auto result = r.plugin->fetch(request);
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->values.size(), 1u);
  EXPECT_EQ(result->values[0].value, 200);
  EXPECT_EQ(result->values[0].native_name, "已接待");
  ASSERT_EQ(server.received().size(), 1u);
  EXPECT_THAT(server.received()[0], HasSubstr("GET /stats HTTP/1.1"));
  EXPECT_THAT(server.received()[0], HasSubstr("X-Shop: shop-1"));
}

TEST(HostApiTest, HttpFailuresReachThePluginAsMessages) {
  LoadOptions options{std::make_shared<HttpClient>(), R"({"url":"file:///etc/passwd"})"};
  LoadResult r = load_plugin(test::fixture_file("host_services"), options);
  ASSERT_TRUE(r.plugin);
  try {
    r.plugin->fetch(FetchRequest{"shop-1", "", ""});
    FAIL() << "file:// must not be fetched";
  } catch (const PluginCallError& e) {
    EXPECT_THAT(e.what(), HasSubstr("fetch() failed: GET file:///etc/passwd"));
  }
}

TEST(HostApiTest, APluginWithoutHttpServiceGetsAClearError) {
  LoadResult r =
      load_plugin(test::fixture_file("host_services"), LoadOptions{nullptr, R"({"url":"http://127.0.0.1:9/"})"});
  ASSERT_TRUE(r.plugin);
  try {
    r.plugin->fetch(FetchRequest{});
    FAIL() << "a fetch without an HTTP service must fail";
  } catch (const PluginCallError& e) {
    EXPECT_THAT(e.what(), HasSubstr("HTTP is not available in this host"));
  }
}

TEST(HttpClientTest, RedactsSecretsEverywhere) {
  EXPECT_EQ(redact("sign=ABC&token=ABC&x=1", {"ABC"}), "sign=***&token=***&x=1");
  EXPECT_EQ(redact("nothing", {""}), "nothing");
}

}  // namespace
}  // namespace kefu::host
