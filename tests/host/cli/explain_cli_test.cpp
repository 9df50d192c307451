// `kefu explain`: the sessions behind a shortfall, with reasons and last messages
// (docs/metrics.md, "Explaining a figure"), on the transfer story plus one unassigned session.
#include "run_kefu.hpp"
#include "test_paths.hpp"
#include "test_store.hpp"

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
  const auto run = kefu("explain within_30s_rate " + log + " --shop s1 --day 2026-11-16 --agent a2 --format csv");
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

TEST(ExplainCli, APlatformsDefinitionIsExplainedWithWhatWasAssumedAndWhereItStandsAgainstItsLine) {
  TempDir dir;
  const std::string log = dir.copy_in(data_file("../../config/samples/demo/chat-jd.csv"), "jd.csv");
  // JD leaves bots, transfers, closings, period and sample unpublished: refused until assumed.
  auto run = kefu("explain within_30s_rate " + log + " --shop jd01 --week 2026-W47 --as jd --lang en", {}, true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("咚咚首次30秒应答率 — not computable: bot replies: not published"));
  run = kefu("explain within_30s_rate " + log + " --shop jd01 --week 2026-W47 --as jd --assume kefu/2 --format json");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("\"definitions\":\"jd/咚咚首次30秒应答率\""));
  EXPECT_THAT(run.out, HasSubstr("\"assumed\":[\"bot_replies\",\"transfers\",\"closings\",\"period_days\",\"min_sample\"]"));
  EXPECT_THAT(run.out, HasSubstr("\"by_reason\":{\"late\":"));
  EXPECT_THAT(run.out, HasSubstr("\"line\":\"unknown\""));  // JD publishes no line for it: said, not skipped
}

TEST(ExplainCli, ATeamDefinitionShowsHowManyGoodUnitsItNeedsToReachItsLine) {
  TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/transfer_story.csv"), "chat.csv");
  // Our KPI: turns answered within 3 min, 09:00-23:00, rolling 7 days, line >= 95 %. Five turns
  // (the closing thanks open none), D never answered: 80 %; 95 % needs (0.95*5-4)/(1-0.95) = 15
  // more good turns.
  const auto run = kefu("explain within_3min_rate " + log + " --shop s1 --day 2026-11-16 --definition " +
                        data_file("definitions/our_kpi.json") + " --lang en");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("definitions our_kpi/我司3分钟回复率"));
  EXPECT_THAT(run.out, HasSubstr("rolling 7 days (to 2026-11-16): 4 / 5 = 80.00%"));
  EXPECT_THAT(run.out, HasSubstr("line ≥ 95.00%: below, by 15.00%, 15 more good units to reach it"));
  EXPECT_THAT(run.out, HasSubstr("1  never assigned to an agent"));
}

TEST(ExplainCli, APlatformsDefinitionNeedsTheChatLogFiles) {
  TempDir dir;
  const auto run = kefu("explain reply_rate --store " + dir.path() + "/kefu.db --shop s1 --day 2026-11-16 --as jd",
                        {}, true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("explained from the chat-log files"));
}

// A store with the demo's JD log and the transfer story ingested under `definitions`.
struct IngestedStore {
  TempDir dir;
  std::string store = test::shell_quoted(test::store_location(dir));
  std::string logs;
  explicit IngestedStore(const std::string& definitions = "kefu/2",
                         const std::string& config_json = R"({"explain": {"keep_days": 36500}})") {
    logs = dir.copy_in(data_file("../../config/samples/demo/chat-jd.csv"), "jd.csv") + " " +
           dir.copy_in(data_file("metrics/transfer_story.csv"), "chat.csv");
    const std::string config = dir.write("kefu.json", config_json);
    const auto run =
        kefu("ingest " + logs + " --store " + store + " --config " + config + " --definitions " + definitions);
    EXPECT_EQ(run.exit_code, 0) << run.out;
  }
};

TEST(ExplainCli, TheStoreGivesTheSameJsonAsTheFiles) {
  for (const std::string definitions : {"kefu/1", "kefu/2"}) {
    IngestedStore in(definitions);
    const std::vector<std::string> runs = {
        "reply_rate --shop s1 --day 2026-11-16",
        "within_3min_rate --shop jd02 --day 2026-11-19 --agent jd_kf04",
        "within_30s_rate --shop jd02 --week 2026-W47",
        "within_3min_rate --shop jd02 --week 2026-W47 --agent jd_kf03 --last 2",
        "reply_rate --shop jd02 --from 2026-11-18 --to 2026-11-20 --platform jd",
    };
    for (const std::string& args : runs) {
      const std::string common = "explain " + args + " --definitions " + definitions + " --format json";
      const auto files = kefu(common + " " + in.logs, {}, false);
      const auto stored = kefu(common + " --store " + in.store, {}, false);
      EXPECT_EQ(files.exit_code, 0) << args;
      EXPECT_EQ(stored.exit_code, 0) << args;
      EXPECT_EQ(stored.out, files.out) << definitions << " " << args;
      EXPECT_THAT(stored.out, HasSubstr("\"findings\":[{")) << args;  // something to compare
    }
  }
}

TEST(ExplainCli, TheStoreSaysWhichDaysItCannotExplain) {
  IngestedStore in;
  auto run = kefu("explain reply_rate --store " + in.store + " --shop jd02 --week 2026-W49 --lang en");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_THAT(run.out,
              HasSubstr("holds no figures from chat logs for shop jd02 on 2026-11-30..2026-12-06: their chat logs were not ingested"));
  EXPECT_THAT(run.out, Not(HasSubstr("100")));

  run = kefu("explain reply_rate --store " + in.store + " --shop jd02 --week 2026-W47");  // Chinese by default
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("达标 "));

  run = kefu("explain reply_rate --store " + in.store + " --shop jd02 --week 2026-W47 --definitions kefu/1 --lang en");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_THAT(run.out, HasSubstr("on 2026-11-16..2026-11-22 was ingested under kefu/2, not kefu/1"));

  IngestedStore forgetful("kefu/2", R"({"explain": {"keep_days": 0}})");
  run = kefu("explain reply_rate --store " + forgetful.store + " --shop jd02 --week 2026-W47 --lang en");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_THAT(run.out, HasSubstr("on 2026-11-16..2026-11-22 were not kept, or were removed, under the retention"));
}

TEST(ExplainCli, FilesAndStoreAreNotGivenTogether) {
  IngestedStore in;
  const auto run = kefu("explain reply_rate " + in.logs + " --store " + in.store + " --shop s1 --day 2026-11-16");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("give the chat-log files or --store, not both"));
}

}  // namespace
}  // namespace kefu::test
