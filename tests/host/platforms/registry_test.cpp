#include "platforms/registry.h"

#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host {
namespace {

using test::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> ids(const PluginRegistry& registry) {
  std::vector<std::string> out;
  for (const auto& p : registry.plugins()) out.push_back(p->info().id);
  return out;
}

TEST(RegistryTest, LoadsTheBuildTreePluginDirectory) {
  PluginRegistry registry;
  registry.load_directory(KEFU_TEST_PLUGIN_DIR);
  EXPECT_THAT(ids(registry), ElementsAre("douyin", "jd", "kuaishou", "pinduoduo", "tmall"));
  EXPECT_TRUE(registry.refusals().empty());
  EXPECT_NE(registry.find("jd"), nullptr);
  EXPECT_EQ(registry.find("pdd"), nullptr);
}

// 7. a platform id already loaded from another file: first wins, second refused
TEST(RegistryTest, RefusesASecondPluginForTheSamePlatform) {
  TempDir dir;
  const std::string dup = dir.copy_in(test::fixture_file("duplicate_tmall"), "libkefu_tmall_copy.so");
  PluginRegistry registry;
  registry.load_directory(KEFU_TEST_PLUGIN_DIR);
  registry.load_directory(dir.path());
  EXPECT_THAT(ids(registry), ElementsAre("douyin", "jd", "kuaishou", "pinduoduo", "tmall"));
  ASSERT_EQ(registry.refusals().size(), 1u);
  const Refusal& r = registry.refusals()[0];
  EXPECT_EQ(r.code, RefusalCode::duplicate_platform);
  EXPECT_EQ(r.file, dup);
  EXPECT_THAT(r.message, HasSubstr("platform \"tmall\" is already loaded"));
  EXPECT_THAT(r.message, HasSubstr(test::plugin_file("tmall") + ", stays loaded"));
  EXPECT_EQ(registry.find("tmall")->path(), test::plugin_file("tmall"));
}

TEST(RegistryTest, GoesOnWithTheOthersAfterARefusal) {
  TempDir dir;
  dir.write("libkefu_broken.so", "not a library");
  dir.copy_in(test::plugin_file("jd"), "libkefu_jd.so");
  dir.copy_in(test::fixture_file("init_throws"), "libkefu_init_throws.so");
  PluginRegistry registry;
  registry.load_directory(dir.path());
  EXPECT_THAT(ids(registry), ElementsAre("jd"));
  ASSERT_EQ(registry.refusals().size(), 2u);
  EXPECT_EQ(registry.refusals()[0].code, RefusalCode::not_shared_library);
  EXPECT_EQ(registry.refusals()[1].code, RefusalCode::init_failed);
}

TEST(RegistryTest, WarnsAboutAMissingDirectory) {
  PluginRegistry registry;
  registry.load_directory("/nonexistent/plugins");
  ASSERT_EQ(registry.warnings().size(), 1u);
  EXPECT_THAT(registry.warnings()[0], HasSubstr("/nonexistent/plugins does not exist"));
}

TEST(SearchPathTest, FlagsOverrideEnvironmentWhichOverridesTheDefault) {
  EXPECT_THAT(plugin_search_path({"/a", "/b"}, "/c:/d"), ElementsAre("/a", "/b"));
  EXPECT_THAT(plugin_search_path({}, "/c::/d"), ElementsAre("/c", "/d"));
  const auto fallback = plugin_search_path({}, nullptr);
  ASSERT_EQ(fallback.size(), 1u);
  EXPECT_THAT(fallback[0], HasSubstr("/lib/kefu/plugins"));
}

}  // namespace
}  // namespace kefu::host
