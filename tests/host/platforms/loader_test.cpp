// One test per refusal the loader makes, each checking the message names the file, what was
// expected and what was found.
#include "platforms/loader.h"

#include "test_paths.hpp"

#include <kefu/abi.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <link.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace kefu::host {
namespace {

using test::fixture_file;
using test::plugin_file;
using test::TempDir;
using ::testing::HasSubstr;

Refusal refusal_of(const std::string& path) {
  LoadResult r = load_plugin(path);
  EXPECT_FALSE(r.plugin) << path << " should have been refused";
  EXPECT_TRUE(r.refusal.has_value());
  return r.refusal.value_or(Refusal{RefusalCode::file_unsafe, "", ""});
}

TEST(LoaderTest, LoadsTheFiveRealPluginsWithTheirIdentities) {
  struct Expected {
    const char* id;
    const char* zh;
    const char* en;
  };
  for (auto e : {Expected{"tmall", "天猫/淘宝", "Tmall/Taobao"}, Expected{"jd", "京东", "JD"},
                 Expected{"douyin", "抖音电商", "Douyin"}, Expected{"kuaishou", "快手电商", "Kuaishou"},
                 Expected{"pinduoduo", "拼多多", "Pinduoduo"}}) {
    LoadResult r = load_plugin(plugin_file(e.id));
    ASSERT_TRUE(r.plugin) << r.refusal->message;
    EXPECT_EQ(r.plugin->info().id, e.id);
    EXPECT_EQ(r.plugin->info().name_zh, e.zh);
    EXPECT_EQ(r.plugin->info().name_en, e.en);
    EXPECT_EQ(r.plugin->sdk_version(), KEFU_SDK_VERSION_STRING);
    EXPECT_TRUE(r.plugin->notes().empty());
  }
}

// 1. file missing, not a regular file, writable by others, in a directory writable by others
TEST(LoaderTest, RefusesAMissingFile) {
  const Refusal r = refusal_of("/nonexistent/libkefu_x.so");
  EXPECT_EQ(r.code, RefusalCode::file_unsafe);
  EXPECT_THAT(r.message, HasSubstr("plugin /nonexistent/libkefu_x.so: cannot read the file"));
  EXPECT_THAT(r.message, HasSubstr("No such file or directory"));
}

TEST(LoaderTest, RefusesADirectory) {
  TempDir dir;
  std::filesystem::create_directory(dir.path() + "/libkefu_dir.so");
  const Refusal r = refusal_of(dir.path() + "/libkefu_dir.so");
  EXPECT_EQ(r.code, RefusalCode::file_unsafe);
  EXPECT_THAT(r.message, HasSubstr("not a regular file: expected a regular file, found a directory"));
}

TEST(LoaderTest, RefusesAFileOthersCanWrite) {
  TempDir dir;
  const std::string copy = dir.copy_in(plugin_file("jd"), "libkefu_jd.so");
  ::chmod(copy.c_str(), 0775);
  const Refusal r = refusal_of(copy);
  EXPECT_EQ(r.code, RefusalCode::file_unsafe);
  EXPECT_THAT(r.message, HasSubstr(copy + ": file is writable by group or others"));
  EXPECT_THAT(r.message, HasSubstr("found mode 0775"));
  EXPECT_THAT(r.message, HasSubstr("chmod go-w " + copy));
}

TEST(LoaderTest, RefusesAFileInADirectoryOthersCanWrite) {
  TempDir dir;
  const std::string copy = dir.copy_in(plugin_file("jd"), "libkefu_jd.so");
  ::chmod(dir.path().c_str(), 0777);
  const Refusal r = refusal_of(copy);
  EXPECT_EQ(r.code, RefusalCode::file_unsafe);
  EXPECT_THAT(r.message, HasSubstr("its directory " + dir.path() + " is writable by others"));
  EXPECT_THAT(r.message, HasSubstr("found mode 0777"));
}

// The permission rule (docs/plugin-guide.md): the file and every directory up to /, after links
// are followed, owned by root or the user running kefu and writable by no one else; a root-owned
// sticky directory such as /tmp may sit above the plugin's directory but not hold the plugin.
TEST(LoaderTest, RefusesAFileInADirectoryItsGroupCanWrite) {
  TempDir dir;
  const std::string copy = dir.copy_in(plugin_file("jd"), "libkefu_jd.so");
  ::chmod(dir.path().c_str(), 0775);
  const Refusal r = refusal_of(copy);
  EXPECT_EQ(r.code, RefusalCode::file_unsafe);
  EXPECT_THAT(r.message, HasSubstr("its directory " + dir.path() + " is writable by its group"));
  EXPECT_THAT(r.message, HasSubstr("found mode 0775"));
  EXPECT_THAT(r.message, HasSubstr("chmod go-w " + dir.path()));
}

TEST(LoaderTest, RefusesAFileInADirectoryUnderAParentOthersCanWrite) {
  TempDir dir;
  const std::string parent = dir.path() + "/shared", plugins = parent + "/plugins";
  std::filesystem::create_directories(plugins);
  ::chmod(parent.c_str(), 0777);
  ::chmod(plugins.c_str(), 0755);
  const std::string copy = plugins + "/libkefu_jd.so";
  std::filesystem::copy_file(plugin_file("jd"), copy);
  ::chmod(copy.c_str(), 0755);
  const Refusal r = refusal_of(copy);
  EXPECT_EQ(r.code, RefusalCode::file_unsafe);
  EXPECT_THAT(r.message, HasSubstr("its directory " + parent + " is writable by others"));
  EXPECT_THAT(r.message, HasSubstr("chmod go-w " + parent));
}

TEST(LoaderTest, RefusesALinkToAPluginInADirectoryOthersCanWrite) {
  TempDir dir;
  const std::string shared = dir.path() + "/shared", safe = dir.path() + "/safe";
  std::filesystem::create_directory(shared);
  std::filesystem::create_directory(safe);
  ::chmod(shared.c_str(), 0777);
  const std::string target = shared + "/libkefu_jd.so", link = safe + "/libkefu_jd.so";
  std::filesystem::copy_file(plugin_file("jd"), target);
  ::chmod(target.c_str(), 0755);
  std::filesystem::create_symlink(target, link);
  const Refusal r = refusal_of(link);
  EXPECT_EQ(r.code, RefusalCode::file_unsafe);
  EXPECT_THAT(r.message, HasSubstr("plugin " + link + ": its directory " + shared + " (" + link + " leads to " +
                                   target + ") is writable by others"));
}

TEST(LoaderTest, RefusesAPluginDirectlyInASharedStickyDirectory) {
  TempDir dir;
  if (::geteuid() != 0) GTEST_SKIP() << "the sticky exception is for root-owned directories; run as root to build one";
  const std::string copy = dir.copy_in(plugin_file("jd"), "libkefu_jd.so");
  ::chmod(dir.path().c_str(), 01777);
  const Refusal r = refusal_of(copy);
  EXPECT_EQ(r.code, RefusalCode::file_unsafe);
  EXPECT_THAT(r.message, HasSubstr("it sits directly in " + dir.path() + ", a directory every user can write to"));
  EXPECT_THAT(r.message, HasSubstr("mkdir -m 755 " + dir.path() + "/kefu-plugins"));
}

TEST(LoaderTest, LoadsAPluginInItsOwnDirectoryUnderASharedStickyDirectory) {
  if (::geteuid() != 0) GTEST_SKIP() << "the sticky exception is for root-owned directories; run as root to build one";
  TempDir dir;
  const std::string own = dir.path() + "/kefu-plugins";
  std::filesystem::create_directory(own);
  ::chmod(own.c_str(), 0755);
  ::chmod(dir.path().c_str(), 01777);
  const std::string copy = own + "/libkefu_jd.so";
  std::filesystem::copy_file(plugin_file("jd"), copy);
  ::chmod(copy.c_str(), 0755);
  LoadResult r = load_plugin(copy);
  ASSERT_TRUE(r.plugin) << r.refusal->message;
}

TEST(LoaderTest, RefusesAFileOwnedByAnotherUser) {
  if (::geteuid() != 0) GTEST_SKIP() << "giving a file to another user needs root";
  TempDir dir;
  const std::string copy = dir.copy_in(plugin_file("jd"), "libkefu_jd.so");
  ASSERT_EQ(::chown(copy.c_str(), 65534, 65534), 0);
  const Refusal r = refusal_of(copy);
  EXPECT_EQ(r.code, RefusalCode::file_unsafe);
  EXPECT_THAT(r.message,
              HasSubstr(copy + ": file is owned by another user: expected a file owned by root, found owned by "));
  EXPECT_THAT(r.message, HasSubstr("(uid 65534)"));
  EXPECT_THAT(r.message, HasSubstr("chown root " + copy));
}

TEST(LoaderTest, RefusesAFileInADirectoryOwnedByAnotherUser) {
  if (::geteuid() != 0) GTEST_SKIP() << "giving a directory to another user needs root";
  TempDir dir;
  const std::string theirs = dir.path() + "/theirs";
  std::filesystem::create_directory(theirs);
  ::chmod(theirs.c_str(), 0755);
  const std::string copy = theirs + "/libkefu_jd.so";
  std::filesystem::copy_file(plugin_file("jd"), copy);
  ::chmod(copy.c_str(), 0755);
  ASSERT_EQ(::chown(theirs.c_str(), 65534, 65534), 0);
  const Refusal r = refusal_of(copy);
  EXPECT_EQ(r.code, RefusalCode::file_unsafe);
  EXPECT_THAT(r.message, HasSubstr("its directory " + theirs + " is owned by another user"));
  EXPECT_THAT(r.message, HasSubstr("(uid 65534)"));
  EXPECT_THAT(r.message, HasSubstr("chown root " + theirs));
}

// The file checked is the file mapped: the loader maps its open descriptor, not the name again.
TEST(LoaderTest, MapsTheOpenFileItCheckedRatherThanOpeningThePathAgain) {
  TempDir dir;
  const std::string copy = dir.copy_in(plugin_file("kuaishou"), "libkefu_kuaishou.so");
  LoadResult r = load_plugin(copy);
  ASSERT_TRUE(r.plugin) << r.refusal->message;
  struct Found {
    std::string copy;
    bool mapped_by_fd = false, mapped_by_name = false;
  } found{copy};
  ::dl_iterate_phdr(
      [](struct dl_phdr_info* info, std::size_t, void* data) {
        auto* f = static_cast<Found*>(data);
        const std::string name = info->dlpi_name ? info->dlpi_name : "";
        if (name == f->copy) f->mapped_by_name = true;
        std::error_code ec;
        if (name.rfind("/proc/self/fd/", 0) == 0 && std::filesystem::read_symlink(name, ec).string() == f->copy)
          f->mapped_by_fd = true;
        return 0;
      },
      &found);
  EXPECT_TRUE(found.mapped_by_fd);
  EXPECT_FALSE(found.mapped_by_name);
}

// 2. not a shared library for this platform, with the loader's words quoted
TEST(LoaderTest, RefusesATextFileQuotingTheLoader) {
  TempDir dir;
  const std::string f =
      dir.write("libkefu_text.so",
                std::string(20, '#') + " this text file is long enough to be read as a header, and is no library\n");
  const Refusal r = refusal_of(f);
  EXPECT_EQ(r.code, RefusalCode::not_shared_library);
  EXPECT_THAT(r.message, HasSubstr("expected ELF64 x86-64 shared object, found a text file"));
  EXPECT_THAT(r.message, HasSubstr("loader: " + f + ": invalid ELF header"));
}

TEST(LoaderTest, RefusesAWindowsDll) {
  TempDir dir;
  const std::string f = dir.write("libkefu_win.so", std::string("MZ\x90\0\x03\0\0\0", 8) + std::string(200, '\0'));
  const Refusal r = refusal_of(f);
  EXPECT_EQ(r.code, RefusalCode::not_shared_library);
  EXPECT_THAT(r.message, HasSubstr("found a Windows PE file (.dll/.exe)"));
}

TEST(LoaderTest, RefusesALibraryBuiltForAnotherMachine) {
  TempDir dir;
  const std::string f = dir.copy_in(plugin_file("jd"), "libkefu_arm.so");
  {  // e_machine := EM_AARCH64 (183), as an ARM build of the plugin would say
    std::fstream io(f, std::ios::in | std::ios::out | std::ios::binary);
    io.seekp(18);
    io.put(static_cast<char>(183)).put(0);
  }
  const Refusal r = refusal_of(f);
  EXPECT_EQ(r.code, RefusalCode::not_shared_library);
  EXPECT_THAT(r.message, HasSubstr("expected ELF64 x86-64 shared object, found ELF64 AArch64 shared object"));
  EXPECT_THAT(r.message, HasSubstr("(loader: "));
}

// 3. a dependency missing, with dlerror quoted
TEST(LoaderTest, RefusesAPluginWhoseDependencyIsMissing) {
  const Refusal r = refusal_of(fixture_file("missing_dep"));
  EXPECT_EQ(r.code, RefusalCode::dependency_missing);
  EXPECT_THAT(r.message, HasSubstr("could not be loaded"));
  EXPECT_THAT(r.message,
              HasSubstr("libkefu_fixture_dep.so: cannot open shared object file: No such file or directory"));
  EXPECT_THAT(r.message, HasSubstr("ldd "));
}

// 4. no ABI record / entry symbol
TEST(LoaderTest, RefusesALibraryThatIsNotAKefuPlugin) {
  const Refusal r = refusal_of(fixture_file("not_kefu"));
  EXPECT_EQ(r.code, RefusalCode::not_kefu_plugin);
  EXPECT_THAT(r.message, HasSubstr("not a Kefu plugin: expected the exported aliases 'kefu_plugin_abi' and "
                                   "'kefu_plugin_create', found a shared library exporting neither"));
}

TEST(LoaderTest, RefusesARecordWithoutFactory) {
  const Refusal r = refusal_of(fixture_file("record_only"));
  EXPECT_EQ(r.code, RefusalCode::not_kefu_plugin);
  EXPECT_THAT(r.message, HasSubstr("found the ABI record but no factory 'kefu_plugin_create'"));
}

// 5. SDK major mismatch, or plugin minor newer than the host
TEST(LoaderTest, RefusesAnotherSdkMajor) {
  const Refusal r = refusal_of(fixture_file("sdk_major2"));
  EXPECT_EQ(r.code, RefusalCode::sdk_version_mismatch);
  EXPECT_THAT(r.message, HasSubstr("expected SDK 1.x (this host is SDK 1." + std::to_string(KEFU_SDK_VERSION_MINOR) +
                                   "), found SDK 2.0"));
  EXPECT_THAT(r.message, HasSubstr("Rebuild the plugin against the Kefu SDK 1.x"));
}

TEST(LoaderTest, RefusesANewerSdkMinor) {
  const Refusal r = refusal_of(fixture_file("sdk_minor_newer"));
  EXPECT_EQ(r.code, RefusalCode::sdk_version_mismatch);
  EXPECT_THAT(r.message, HasSubstr("built for a newer SDK than this host: expected SDK 1.0 to 1." +
                                     std::to_string(KEFU_SDK_VERSION_MINOR) + ", found SDK 1.99"));
  EXPECT_THAT(r.message, HasSubstr("Upgrade Kefu"));
}

// 6. ABI fingerprint: the data model must match; the C++ toolchain may differ (only C crosses)
TEST(LoaderTest, RefusesAnotherDataModel) {
  const Refusal r = refusal_of(fixture_file("other_arch"));
  EXPECT_EQ(r.code, RefusalCode::abi_fingerprint_mismatch);
  EXPECT_THAT(r.message, HasSubstr("expected arch=x86_64;data=lp64-le"));
  EXPECT_THAT(r.message,
              HasSubstr("found arch x86_64 (host) vs aarch64 (plugin); data lp64-le (host) vs lp64-be (plugin)"));
}

TEST(LoaderTest, LoadsAnOldCxxAbiBuildWithANote) {
  LoadResult r = load_plugin(fixture_file("old_cxx_abi"));
  ASSERT_TRUE(r.plugin) << r.refusal->message;
  ASSERT_EQ(r.plugin->notes().size(), 1u);
  EXPECT_THAT(r.plugin->notes()[0], HasSubstr("stdlib libstdc++-cxx11abi1 (host) vs libstdc++-cxx11abi0 (plugin)"));
  EXPECT_THAT(r.plugin->notes()[0], HasSubstr("only C types cross"));
}

// 8. the factory throws or fails silently
TEST(LoaderTest, RefusesAPluginWhoseInitThrows) {
  const Refusal r = refusal_of(fixture_file("init_throws"));
  EXPECT_EQ(r.code, RefusalCode::init_failed);
  EXPECT_THAT(
      r.message,
      HasSubstr(
          "failed to initialize: expected the factory to succeed, found \"rules file data/rules.json not found\""));
}

TEST(LoaderTest, NamesASilentInitFailureAPluginBug) {
  const Refusal r = refusal_of(fixture_file("init_silent"));
  EXPECT_EQ(r.code, RefusalCode::init_failed);
  EXPECT_THAT(r.message, HasSubstr("found a failure with no message"));
  EXPECT_THAT(r.message, HasSubstr("This is a bug in the plugin"));
}

TEST(LoaderTest, RefusesAnIncompleteFunctionTable) {
  const Refusal r = refusal_of(fixture_file("null_destroy"));
  EXPECT_EQ(r.code, RefusalCode::descriptor_incomplete);
  EXPECT_THAT(r.message, HasSubstr("'destroy' is null"));
}

TEST(LoaderTest, RefusesAMalformedIdentity) {
  const Refusal r = refusal_of(fixture_file("bad_identity"));
  EXPECT_EQ(r.code, RefusalCode::identity_invalid);
  EXPECT_THAT(r.message, HasSubstr("id \"Bad Id\": expected 1-32 characters"));
  EXPECT_THAT(r.message, HasSubstr("name_en is empty"));
}

// Every call is guarded at run time too, not only at load.
TEST(LoaderTest, ContainsRuntimeFailuresOfEveryCall) {
  LoadResult r = load_plugin(fixture_file("runtime_faults"));
  ASSERT_TRUE(r.plugin) << r.refusal->message;
  try {
    r.plugin->rules();
    FAIL();
  } catch (const PluginCallError& e) {
    EXPECT_THAT(e.what(), HasSubstr("plugin \"runtime_faults\""));
    EXPECT_THAT(e.what(), HasSubstr("rules() failed: rules.json: line 3: unexpected '}'"));
  }
  try {
    r.plugin->words();
    FAIL();
  } catch (const PluginCallError& e) {
    EXPECT_THAT(e.what(), HasSubstr("words() failed but reported no error; this is a bug in the plugin"));
  }
  EXPECT_TRUE(r.plugin->metric_profile().has_value());
  EXPECT_FALSE(r.plugin->fetch({}).has_value()) << "not overridden: unsupported";
}

}  // namespace
}  // namespace kefu::host
