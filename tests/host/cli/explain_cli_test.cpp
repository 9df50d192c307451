// `kefu explain`: the sessions behind a shortfall, with reasons and last messages
// (docs/metrics.md, "Explaining a figure"), on the transfer story plus one unassigned session.
#include "run_kefu.hpp"
#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::test {
namespace {

using testing::HasSubstr;
using testing::Not;

TEST(ExplainCli, Kefu1ShowsThatTheMissesAreCourtesiesAndTransfers) {
  TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/transfer_story.csv"), "chat.csv");
  const auto run = kefu("explain reply_rate " + log + " --shop s1 --day 2026-11-16 --definitions kefu/1 --lang en");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("met 1 / 5 = 20.0%, missed 4"));
  EXPECT_THAT(run.out, HasSubstr("2  customer's closing courtesy only"));
  EXPECT_THAT(run.out, HasSubstr("1  question open at a transfer"));
  EXPECT_THAT(run.out, HasSubstr("1  never assigned to an agent"));
  EXPECT_THAT(run.out, HasSubstr("customer  没有了，谢谢"));  // the last messages are shown
}

TEST(ExplainCli, Kefu2LeavesOnlyTheSessionNobodyHeld) {
  TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/transfer_story.csv"), "chat.csv");
  const auto run = kefu("explain reply_rate " + log + " --shop s1 --day 2026-11-16 --format json");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("\"units\":4,\"missed\":1,\"by_reason\":{\"never_assigned\":1}"));
  EXPECT_THAT(run.out, HasSubstr("\"session_id\":\"D\""));
  EXPECT_THAT(run.out, HasSubstr("\"agent\":\"(unassigned)\""));
  EXPECT_THAT(run.out, HasSubstr("\"content\":\"能便宜点吗\""));
}

TEST(ExplainCli, AnAgentSeesOnlyTheMissesThatCountForThem) {
  TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/transfer_story.csv"), "chat.csv");
  const auto run =
      kefu("explain within_30s_rate " + log + " --shop s1 --day 2026-11-16 --agent a2 --format csv");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  // a2 got A at 09:01:05 and answered 25 s later (within 30 s, C4); C in 5 s: no misses.
  EXPECT_EQ(run.out, "platform,shop_id,session_id,day,agent,reason,asked_at,delay_s,last_messages\n");
}

TEST(ExplainCli, APeriodMustBeGivenOnce) {
  TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/transfer_story.csv"), "chat.csv");
  const auto run = kefu("explain reply_rate " + log + " --shop s1 --day 2026-11-16 --week 2026-W47", {}, true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("give one of --day D, --week 2026-W47 or --from D --to D"));
}

}  // namespace
}  // namespace kefu::test
