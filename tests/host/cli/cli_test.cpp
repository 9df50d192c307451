// Runs the real kefu binary, as a user or a script would.
#include "host/cli/run_kefu.hpp"
#include "test_paths.hpp"

#include <kefu/abi.h>
#include <kefu/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>

namespace kefu {
namespace {

using ::testing::HasSubstr;

struct Row {
  std::string id, sdk_version, path;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("id", s.id);
    v("sdk_version", s.sdk_version);
    v("path", s.path);
  }
};
struct Listing {
  std::vector<Row> plugins;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("plugins", s.plugins);
  }
};

TEST(CliTest, PluginsJsonListsExactlyTheFiveFromTheBuildTreeWithNoFlags) {
  const CliRun r = kefu("plugins --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto listing = json::read<Listing>(r.out, "kefu plugins output");
  std::vector<std::string> ids;
  for (const auto& p : listing.plugins) ids.push_back(p.id);
  EXPECT_THAT(ids, ::testing::UnorderedElementsAre("tmall", "jd", "douyin", "kuaishou", "pinduoduo"));
  for (const auto& p : listing.plugins) {
    EXPECT_EQ(p.sdk_version, KEFU_SDK_VERSION_STRING);
    EXPECT_EQ(p.path, test::plugin_file(p.id));
  }
}

TEST(CliTest, PluginsTableSpeaksChineseByDefaultAndEnglishOnRequest) {
  const CliRun zh = kefu("plugins");
  EXPECT_EQ(zh.exit_code, 0);
  EXPECT_THAT(zh.out, HasSubstr("平台"));
  EXPECT_THAT(zh.out, HasSubstr("京东"));
  EXPECT_THAT(zh.out, HasSubstr("5 个插件已加载"));
  const CliRun en = kefu("plugins --lang en");
  EXPECT_THAT(en.out, HasSubstr("platform"));
  EXPECT_THAT(en.out, HasSubstr("5 plugin(s) loaded"));
}

TEST(CliTest, PluginDirFlagOverridesAndRefusalsExitOne) {
  test::TempDir dir;
  dir.copy_in(test::plugin_file("jd"), "libkefu_jd.so");
  dir.write("libkefu_broken.so", "junk");
  const CliRun r = kefu("--plugin-dir " + dir.path() + " plugins --lang en");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_THAT(r.out, HasSubstr("1 plugin(s) loaded, 1 refused"));
  EXPECT_THAT(r.out, HasSubstr("kefu: refused: plugin " + dir.path() + "/libkefu_broken.so: not a shared library"));
}

TEST(CliTest, WordsRulesAndDiffSayWhichPluginWasRefusedAndGoOnWithTheOthers) {
  test::TempDir dir;
  dir.copy_in(test::plugin_file("jd"), "libkefu_jd.so");
  dir.copy_in(test::plugin_file("tmall"), "libkefu_tmall.so");
  dir.write("libkefu_broken.so", "junk");
  const std::string plugins = "--plugin-dir " + dir.path() + " --lang en ";
  for (const std::string command : {"words --platform jd", "rules --platform jd", "diff jd tmall"}) {
    const CliRun r = kefu(plugins + command);
    // diff: 3, JD's stance on 引流 is not known (docs/rules.md exit codes)
    EXPECT_EQ(r.exit_code, command == "diff jd tmall" ? 3 : 0) << command << ": " << r.out;
    EXPECT_THAT(r.out, HasSubstr("kefu: warning: plugin " + dir.path() + "/libkefu_broken.so: not a shared library"))
        << command;
  }
}

TEST(CliTest, EnvironmentPathIsUsedWhenNoFlagIsGiven) {
  test::TempDir dir;
  dir.copy_in(test::plugin_file("douyin"), "libkefu_douyin.so");
  const CliRun e = kefu("plugins --format json", "KEFU_PLUGIN_PATH=" + dir.path());
  ASSERT_EQ(e.exit_code, 0) << e.out;
  EXPECT_EQ(json::read<Listing>(e.out, "out").plugins.size(), 1u);
}

TEST(CliTest, CheckPassesARealPluginAndFailsABrokenOne) {
  const CliRun ok = kefu("plugins check " + test::plugin_file("kuaishou") + " --lang en");
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_THAT(ok.out, HasSubstr("passed: the plugin conforms"));
  const CliRun bad = kefu("plugins check " + test::fixture_file("runtime_faults") + " --format json");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.out, HasSubstr("\"status\":\"failed\""));
  const CliRun refused = kefu("plugins check " + test::fixture_file("sdk_major2"));
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.out, HasSubstr("found SDK 2.0"));
}

// The fifth platform was written from docs/plugin-guide.md and plugins/template as a newcomer
// would: its data (rules, metrics with minutes, words) passes the same check as the others.
TEST(CliTest, CheckPassesThePinduoduoPlugin) {
  const CliRun ok = kefu("plugins check " + test::plugin_file("pinduoduo") + " --lang en");
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_THAT(ok.out, HasSubstr("passed: the plugin conforms"));
  const CliRun listed = kefu("plugins");
  EXPECT_THAT(listed.out, HasSubstr("拼多多"));
}

TEST(CliTest, UsageErrorsExitTwoAndVersionNamesTheSdk) {
  EXPECT_EQ(kefu("plugins --format yaml").exit_code, 2);
  EXPECT_EQ(kefu("no-such-command").exit_code, 2);
  const CliRun v = kefu("--version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_THAT(v.out, HasSubstr("plugin SDK " KEFU_SDK_VERSION_STRING));
  EXPECT_THAT(kefu("--help").out, HasSubstr("plugins"));
}

}  // namespace
}  // namespace kefu
