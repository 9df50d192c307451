// A plugin uses the host's services across the C boundary: config, logging and HTTP through
// libcurl against a one-shot server on 127.0.0.1.
#include "loader/loader.h"
#include "services/http_client.h"

#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

namespace kefu::host {
namespace {

using ::testing::HasSubstr;

// Accepts one connection on an ephemeral loopback port, records the request, sends `reply`.
class OneShotServer {
 public:
  explicit OneShotServer(std::string reply) : reply_(std::move(reply)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 1);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] {
      const int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      timeval timeout{5, 0};
      ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
      char buf[4096];
      while (request_.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::recv(client, buf, sizeof buf, 0);
        if (n <= 0) break;
        request_.append(buf, static_cast<std::size_t>(n));
      }
      ::send(client, reply_.data(), reply_.size(), MSG_NOSIGNAL);
      ::close(client);
    });
  }
  ~OneShotServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    if (thread_.joinable()) thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/stats"; }
  std::string request() {
    if (thread_.joinable()) thread_.join();
    return request_;
  }

 private:
  std::string reply_, request_;
  int fd_ = -1, port_ = 0;
  std::thread thread_;
};

TEST(HostApiTest, APluginReachesConfigAndHttpThroughTheHost) {
  OneShotServer server("HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\n已接待");
  LoadOptions options{std::make_shared<HttpClient>(), R"({"url":")" + server.url() + R"("})"};
  LoadResult r = load_plugin(test::fixture_file("host_services"), options);
  ASSERT_TRUE(r.plugin) << r.refusal->message;
  const auto result = r.plugin->fetch(FetchRequest{"shop-1", "2026-11-01", "2026-11-07"});
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->values.size(), 1u);
  EXPECT_EQ(result->values[0].value, 200);
  EXPECT_EQ(result->values[0].native_name, "已接待");
  EXPECT_THAT(server.request(), HasSubstr("GET /stats HTTP/1.1"));
  EXPECT_THAT(server.request(), HasSubstr("X-Shop: shop-1"));
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
  LoadResult r = load_plugin(test::fixture_file("host_services"), LoadOptions{nullptr, R"({"url":"http://127.0.0.1:9/"})"});
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
