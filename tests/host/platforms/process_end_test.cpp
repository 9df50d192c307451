// What a plugin's report says about how its process ended: each way in words a user can act on.
#include "platforms/process_end.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>

namespace kefu::host {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A wait status as waitpid reports it (Linux layout).
int killed_by(int signal) { return signal; }
int exited_with(int code) { return code << 8; }

TEST(ProcessEndTest, ACrashIsNamedByItsSignal) {
  EXPECT_THAT(describe_end({.wait_status = killed_by(SIGBUS)}, {}), HasSubstr("crashed with SIGBUS (Bus error)"));
}

TEST(ProcessEndTest, AnExitIsNamedByItsCodeAndCalledAPluginBug) {
  const std::string m = describe_end({.wait_status = exited_with(0)}, {});
  EXPECT_THAT(m, HasSubstr("ended its process with exit code 0 instead of answering"));
  EXPECT_THAT(m, HasSubstr("never by exiting"));
}

TEST(ProcessEndTest, ALimitMetNamesTheLimitAndTheVariableThatRaisesIt) {
  PluginLimits limits;
  limits.timeout = std::chrono::seconds(5);
  const std::string m = describe_end({.timed_out = true, .wait_status = killed_by(SIGKILL)}, limits);
  EXPECT_THAT(m, HasSubstr("did not answer within 5 s (KEFU_PLUGIN_TIMEOUT_S)"));
  EXPECT_THAT(m, HasSubstr("KEFU_PLUGIN_TIMEOUT_S raises the limit"));
  EXPECT_THAT(m, Not(HasSubstr("sent by someone else")));
}

TEST(ProcessEndTest, AKillNobodyInKefuSentIsSaidToComeFromOutside) {
  EXPECT_THAT(describe_end({.wait_status = killed_by(SIGKILL)}, {}),
              HasSubstr("crashed with SIGKILL (Killed), sent by someone else"));
}

}  // namespace
}  // namespace kefu::host
