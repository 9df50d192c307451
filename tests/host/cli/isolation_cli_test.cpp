// A plugin cannot take kefu down: each fault fixture (tests/fixtures/plugins/fault_*.cpp) next to
// the real plugins, through the commands a user runs. The pre-send check is the sharpest case:
// a word list that could not be loaded must never make a banned message "clean".
#include "host/cli/run_kefu.hpp"

#include "platforms/plugin_process.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string fault_dir(const std::string& fault) { return std::string(KEFU_TEST_FIXTURE_DIR) + "/" + fault; }

// `echo 加我微信 | kefu scan -` with the real plugins and the fault fixture `fault` loaded.
CliRun scan_banned_message(const std::string& fault, const std::string& env = "") {
  return run_command("printf '加我微信\\n' | " + env + " " + KEFU_TEST_BIN + " --lang en --plugin-dir " +
                     KEFU_TEST_PLUGIN_DIR + " --plugin-dir " + fault_dir(fault) + " scan - 2>&1");
}

void expect_word_list_not_loaded(const CliRun& run, const std::string& fault, const std::string& what) {
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_THAT(run.out, HasSubstr("the word list of " + fault + " could not be loaded")) << run.out;
  EXPECT_THAT(run.out, HasSubstr("words() " + what)) << run.out;
}

TEST(IsolationCliTest, APluginThatSegfaultsInWordsMakesScanExit2NamingTheSignal) {
  const CliRun run = scan_banned_message("fault_segfault");
  expect_word_list_not_loaded(run, "fault_segfault", "crashed with SIGSEGV");
  EXPECT_THAT(run.out, HasSubstr("the other plugins go on")) << run.out;
}

TEST(IsolationCliTest, APluginThatAbortsInWordsMakesScanExit2NamingTheSignal) {
  expect_word_list_not_loaded(scan_banned_message("fault_abort"), "fault_abort", "crashed with SIGABRT");
}

TEST(IsolationCliTest, APluginThatCallsExitZeroInWordsMakesScanExit2NotClean) {
  expect_word_list_not_loaded(scan_banned_message("fault_exit"), "fault_exit",
                              "ended its process with exit code 0 instead of answering");
}

TEST(IsolationCliTest, APluginThatHangsInWordsIsStoppedAtTheTimeoutAndScanExits2) {
  const auto started = std::chrono::steady_clock::now();
  const CliRun run = scan_banned_message("fault_hang", "KEFU_PLUGIN_TIMEOUT_S=1");
  expect_word_list_not_loaded(run, "fault_hang", "did not answer within 1 s (KEFU_PLUGIN_TIMEOUT_S)");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
}

TEST(IsolationCliTest, APluginThatAllocates20GbIsStoppedAtTheMemoryCapAndScanExits2) {
  if (!host::memory_cap_applies()) GTEST_SKIP() << "a sanitizer build applies no memory cap";
  expect_word_list_not_loaded(scan_banned_message("fault_huge_alloc"), "fault_huge_alloc",
                              "needed more memory than the limit of 4096 MiB (KEFU_PLUGIN_MEMORY_MB)");
}

TEST(IsolationCliTest, APluginThatAnswers500MbHasItsAnswerRefusedAndScanExits2) {
  expect_word_list_not_loaded(scan_banned_message("fault_huge_answer"), "fault_huge_answer",
                              "answered 500 MiB, more than the limit of 256 MiB (KEFU_PLUGIN_ANSWER_MB)");
}

TEST(IsolationCliTest, APluginThatThrowsAcrossTheBoundaryMakesScanExit2NamingTheException) {
  expect_word_list_not_loaded(scan_banned_message("fault_throw"), "fault_throw",
                              "let an exception escape (a bug in the plugin): words.txt is not loaded yet");
}

TEST(IsolationCliTest, APluginThreadOutlivingTheCallDoesNotChangeTheScansAnswer) {
  const CliRun run = scan_banned_message("fault_thread");
  EXPECT_EQ(run.exit_code, 1) << run.out;  // the Tmall list's block hit
  EXPECT_THAT(run.out, HasSubstr("[block]")) << run.out;
}

TEST(IsolationCliTest, APluginThatCrashesWhileLoadingIsListedAsRefusedBesideTheOthers) {
  const CliRun run = kefu("--lang en --plugin-dir " + std::string(KEFU_TEST_PLUGIN_DIR) + " --plugin-dir " +
                          fault_dir("crash_on_load") + " plugins");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_THAT(run.out, HasSubstr("5 plugin(s) loaded, 1 refused")) << run.out;
  EXPECT_THAT(run.out, HasSubstr("crashed with SIGSEGV")) << run.out;
}

TEST(IsolationCliTest, ACommandThatDoesNotNeedTheFailedPluginSucceeds) {
  const CliRun run = kefu("--lang en --plugin-dir " + std::string(KEFU_TEST_PLUGIN_DIR) + " --plugin-dir " +
                          fault_dir("fault_segfault") + " words --platform tmall");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, Not(HasSubstr("SIGSEGV")));
}

TEST(IsolationCliTest, InProcessPluginsAreAvailableBehindAnOption) {
  const CliRun run = run_command("printf '加我微信\\n' | " + std::string(KEFU_TEST_BIN) +
                                 " --plugins-in-process --plugin-dir " + KEFU_TEST_PLUGIN_DIR + " scan - 2>&1");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const CliRun env = run_command("printf '加我微信\\n' | KEFU_PLUGINS_IN_PROCESS=1 " + std::string(KEFU_TEST_BIN) +
                                 " --plugin-dir " + KEFU_TEST_PLUGIN_DIR + " scan - 2>&1");
  EXPECT_EQ(env.exit_code, 1) << env.out;
}

TEST(IsolationCliTest, ALimitSetToNonsenseIsAUsageErrorNamingTheVariable) {
  const CliRun run = kefu("plugins", "KEFU_PLUGIN_TIMEOUT_S=soon");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_THAT(run.out, HasSubstr("KEFU_PLUGIN_TIMEOUT_S=\"soon\": expected a positive whole number"));
}

}  // namespace
}  // namespace kefu
