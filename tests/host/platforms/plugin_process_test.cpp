// Plugins in a process of their own (platforms/plugin_process.h): they load and answer as in
// process, reach the host's HTTP client, and every way of failing becomes a PluginCallError that
// names the plugin, the call and what happened, while the host (this test) runs on.
#include "platforms/plugin_process.h"

#include "net/http_client.h"
#include "platforms/registry.h"

#include "host/net/scripted_server.hpp"
#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <kefu/json.hpp>

namespace kefu::host {
namespace {

using ::testing::HasSubstr;

LoadOptions isolated(std::shared_ptr<HttpClient> http = nullptr, std::string config = "{}") {
  LoadOptions options{std::move(http), std::move(config)};
  options.isolated = true;
  return options;
}

std::string fault_file(const std::string& fault) {
  return std::string(KEFU_TEST_FIXTURE_DIR) + "/" + fault + "/libkefu_fixture_" + fault + ".so";
}

// The message of the PluginCallError that words() of `fault` throws.
std::string words_failure(const std::string& fault, LoadOptions options = isolated()) {
  LoadResult r = load_isolated_plugin(fault_file(fault), options);
  EXPECT_TRUE(r.plugin) << (r.refusal ? r.refusal->message : "");
  if (!r.plugin) return "";
  try {
    r.plugin->words();
  } catch (const PluginCallError& e) {
    EXPECT_EQ(e.kind(), PluginCallError::Kind::plugin_bug);
    return e.what();
  }
  ADD_FAILURE() << fault << ": words() answered";
  return "";
}

TEST(PluginProcessTest, LoadsTheFourRealPluginsWithTheSameIdentitiesAsInProcess) {
  for (const char* id : {"tmall", "jd", "douyin", "kuaishou", "pinduoduo"}) {
    LoadResult out = load_isolated_plugin(test::plugin_file(id), isolated());
    LoadResult in = load_plugin(test::plugin_file(id));
    ASSERT_TRUE(out.plugin) << out.refusal->message;
    EXPECT_EQ(json::write(out.plugin->info()), json::write(in.plugin->info()));
    EXPECT_EQ(out.plugin->sdk_version(), in.plugin->sdk_version());
  }
}

TEST(PluginProcessTest, AnswersEveryCallAsThePluginDoesInProcess) {
  LoadResult out = load_isolated_plugin(test::plugin_file("tmall"), isolated());
  LoadResult in = load_plugin(test::plugin_file("tmall"));
  ASSERT_TRUE(out.plugin);
  EXPECT_EQ(json::write(*out.plugin->words()), json::write(*in.plugin->words()));
  EXPECT_EQ(json::write(*out.plugin->rules()), json::write(*in.plugin->rules()));
  EXPECT_EQ(json::write(*out.plugin->metric_profile()), json::write(*in.plugin->metric_profile()));
}

TEST(PluginProcessTest, RefusesAFileAsTheInProcessLoaderDoes) {
  LoadResult r = load_isolated_plugin(test::fixture_file("sdk_major2"), isolated());
  ASSERT_TRUE(r.refusal);
  EXPECT_EQ(r.refusal->code, RefusalCode::sdk_version_mismatch);
  EXPECT_EQ(r.refusal->message, load_plugin(test::fixture_file("sdk_major2")).refusal->message);
}

TEST(PluginProcessTest, ServesThePluginsHttpRequestsThroughTheHostsClient) {
  test::ScriptedServer server(
      {test::ScriptedReply{"HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\n已接待"}});
  LoadResult r =
      load_isolated_plugin(test::fixture_file("host_services"),
                           isolated(std::make_shared<HttpClient>(), R"({"url":")" + server.url("/stats") + R"("})"));
  ASSERT_TRUE(r.plugin) << r.refusal->message;
  const auto result = r.plugin->fetch(FetchRequest{"shop-1", "2026-11-01", "2026-11-07"});
  ASSERT_TRUE(result && result->values.size() == 1);
  EXPECT_EQ(result->values[0].native_name, "已接待");
  ASSERT_EQ(server.received().size(), 1u);
  EXPECT_THAT(server.received()[0], HasSubstr("X-Shop: shop-1"));
}

TEST(PluginProcessTest, NamesThePluginTheCallAndTheSignalOfACrash) {
  const std::string m = words_failure("fault_segfault");
  EXPECT_THAT(m, HasSubstr("plugin \"fault_segfault\" (" + fault_file("fault_segfault") +
                           "): words() crashed with SIGSEGV (Segmentation fault)"));
  EXPECT_THAT(m, HasSubstr("kefu plugins check FILE"));
}

TEST(PluginProcessTest, KeepsAStoppedPluginStoppedForTheRestOfTheCommand) {
  LoadResult r = load_isolated_plugin(fault_file("fault_abort"), isolated());
  ASSERT_TRUE(r.plugin);
  EXPECT_THROW(r.plugin->words(), PluginCallError);
  try {
    r.plugin->words();
    FAIL();
  } catch (const PluginCallError& e) {
    EXPECT_THAT(e.what(), HasSubstr("words() cannot run: earlier in this command, crashed with SIGABRT"));
  }
}

TEST(PluginProcessTest, StopsACallAtTheTimeout) {
  LoadOptions options = isolated();
  options.limits.timeout = std::chrono::milliseconds(300);
  EXPECT_THAT(words_failure("fault_hang", options), HasSubstr("words() did not answer within 300 ms"));
}

TEST(PluginProcessTest, StopsAPluginAtTheMemoryCap) {
  if (!memory_cap_applies()) GTEST_SKIP() << "a sanitizer build applies no memory cap";
  LoadOptions options = isolated();
  options.limits.memory_bytes = std::uint64_t{512} << 20;
  EXPECT_THAT(words_failure("fault_huge_alloc", options),
              HasSubstr("words() needed more memory than the limit of 512 MiB (KEFU_PLUGIN_MEMORY_MB)"));
}

TEST(PluginProcessTest, RefusesAnAnswerOverTheSizeLimit) {
  LoadOptions options = isolated();
  options.limits.answer_bytes = std::uint64_t{8} << 20;
  EXPECT_THAT(words_failure("fault_huge_answer", options),
              HasSubstr("words() answered 500 MiB, more than the limit of 8 MiB (KEFU_PLUGIN_ANSWER_MB)"));
}

TEST(PluginProcessTest, RefusesAPluginThatCrashesWhileLoading) {
  LoadResult r = load_isolated_plugin(fault_file("crash_on_load"), isolated());
  ASSERT_TRUE(r.refusal);
  EXPECT_EQ(r.refusal->code, RefusalCode::init_failed);
  EXPECT_THAT(r.refusal->message, HasSubstr("while loading in its own process, it crashed with SIGSEGV"));
}

TEST(PluginProcessTest, TheRegistryGoesOnWithTheOtherPluginsAfterACrash) {
  PluginRegistry registry(isolated());
  registry.load_file(fault_file("fault_exit"));
  registry.load_file(test::plugin_file("jd"));
  ASSERT_EQ(registry.plugins().size(), 2u);
  EXPECT_THROW(registry.require("fault_exit").words(), PluginCallError);
  EXPECT_TRUE(registry.require("jd").words().has_value());
}

}  // namespace
}  // namespace kefu::host
