// One test per rule of the canonical definitions kefu/2 (docs/metrics.md, C1-C6), each on a tiny
// hand-made log whose numbers are worked out in the comments, and the transfer story that made
// kefu/1's reply rate blame agents who had replied.
#include "metrics_test_util.hpp"

#include "model/whole_shop.h"

#include <gtest/gtest.h>

namespace kefu::test {
namespace {

const std::string kDay = "2026-11-16";
std::string agent_key(const std::string& agent, const std::string& shop = "s1") {
  return "agent,tmall," + shop + "," + agent + "," + kDay;
}
const std::string kShop = "shop,tmall,s1,*," + kDay;

std::string ask(const std::string& session, const std::string& time, const std::string& text = "请问有现货吗") {
  return row(session, time, "customer", "", "msg", text);
}
std::string reply(const std::string& session, const std::string& time, const std::string& agent) {
  return row(session, time, "agent", agent, "msg", "有的亲");
}
std::string transfer(const std::string& session, const std::string& time, const std::string& to) {
  return row(session, time, "system", to, "transfer", "");
}

// The story supervisors tell: every question answered, yet kefu/1 shows 25 % and blames a1.
//  A: a pre-sale question (a1, 10 s), an after-sales question transferred to a2, who answers;
//     the customer ends with "好的谢谢".
//  B: one question answered by a1; the customer ends with "没有了，谢谢".
//  C: "在吗", answered by a2.
std::string transfer_story() {
  return ask("A", "09:00:00") + reply("A", "09:00:10", "a1") + ask("A", "09:01:00", "那退货怎么弄") +
         transfer("A", "09:01:05", "a2") + reply("A", "09:01:30", "a2") + ask("A", "09:02:00", "好的谢谢") +
         ask("B", "10:00:00", "发什么快递") + reply("B", "10:00:20", "a1") + ask("B", "10:00:40", "没有了，谢谢") +
         ask("C", "11:00:00", "在吗") + reply("C", "11:00:05", "a2");
}

TEST(DefinitionsTransferStory, EveryQuestionAnsweredIsAHundredPercentUnderKefu2) {
  const auto c = compute_rows_v2(transfer_story());
  EXPECT_EQ(c.get(kShop, "reply_rate"), "1.000000");
  EXPECT_EQ(c.get(kShop, "sessions"), "3");
  EXPECT_EQ(c.get(agent_key("a1"), "reply_rate"), "1.000000");
  EXPECT_EQ(c.get(agent_key("a2"), "reply_rate"), "1.000000");
}

TEST(DefinitionsTransferStory, Kefu1StillGivesItsOldTwentyFivePercent) {
  // kefu/1: A's a1 segment is open at the transfer, A's a2 segment and B end with a courtesy
  // that opened a turn; only C is replied: 1 of 4 segments. a1: 0 of 2.
  const auto c = compute_rows(transfer_story());
  EXPECT_EQ(c.get(kShop, "reply_rate"), "0.250000");
  EXPECT_EQ(c.get(kShop, "sessions"), "4");
  EXPECT_EQ(c.get(agent_key("a1"), "reply_rate"), "0.000000");
}

TEST(DefinitionsC1, ASessionIsTheWholeConversationAcrossTransfers) {
  // One conversation, transferred twice: the shop counts one session; each agent who had a turn
  // counts it once.
  const auto c = compute_rows_v2(ask("x", "09:00:00") + reply("x", "09:00:05", "a1") + transfer("x", "09:01:00", "a2") +
                                 ask("x", "09:02:00") + reply("x", "09:02:10", "a2") + transfer("x", "09:03:00", "a3") +
                                 ask("x", "09:04:00") + reply("x", "09:04:30", "a3"));
  EXPECT_EQ(c.get(kShop, "sessions"), "1");
  EXPECT_EQ(c.get(kShop, "turns"), "3");
  for (const char* a : {"a1", "a2", "a3"}) EXPECT_EQ(c.get(agent_key(a), "sessions"), "1") << a;
}

TEST(DefinitionsC2, AClosingOnlyMessageOpensNoTurnButPunctuationAloneDoes) {
  const auto c = compute_rows_v2(
      // x: "谢谢亲！👍" after the answer opens nothing: one turn, replied.
      ask("x", "09:00:00") + reply("x", "09:00:05", "a1") + ask("x", "09:00:30", "谢谢亲！👍") +
      // y: "？？？" is an impatient customer: a second turn, unanswered.
      ask("y", "09:00:00") + reply("y", "09:00:05", "a1") + ask("y", "09:00:30", "？？？") +
      // z: a courtesy followed by a question is a question: unanswered.
      ask("z", "09:00:00") + reply("z", "09:00:05", "a1") + ask("z", "09:00:30", "好的，那什么时候发货"));
  EXPECT_EQ(c.get(kShop, "turns"), "5");
  EXPECT_EQ(c.get(kShop, "replied_sessions"), "1");
  // A closing while a turn is open joins it: the response is still from the first message.
  const auto d = compute_rows_v2(ask("w", "09:00:00") + ask("w", "09:00:10", "好的") + reply("w", "09:00:40", "a1"));
  EXPECT_EQ(d.get(kShop, "first_response_mean_s"), "40.000000");
  // A session of closings only asks nothing: no row at all.
  const auto e = compute_rows_v2(ask("v", "09:00:00", "谢谢") + reply("v", "09:00:05", "a1"));
  EXPECT_TRUE(e.rows.empty()) << e.csv;
}

TEST(DefinitionsC3, AQuestionOpenAtATransferIsAnsweredByTheNextAgent) {
  // Asked 09:00:00, transferred 09:00:50, answered by a2 at 09:01:00: the customer waited 60 s.
  const auto c =
      compute_rows_v2(ask("x", "09:00:00") + transfer("x", "09:00:50", "a2") + reply("x", "09:01:00", "a2"));
  EXPECT_EQ(c.get(kShop, "answered_turns"), "1");
  EXPECT_EQ(c.get(kShop, "first_response_mean_s"), "60.000000");
  EXPECT_EQ(c.get(kShop, "replied_sessions"), "1");
}

TEST(DefinitionsC4, AnAgentIsTimedFromWhenTheSessionReachedThem) {
  // a2 received the session at 09:00:50 and answered 10 s later (the customer's 60 s is the shop's).
  const auto c =
      compute_rows_v2(ask("x", "09:00:00") + transfer("x", "09:00:50", "a2") + reply("x", "09:01:00", "a2"));
  EXPECT_EQ(c.get(agent_key("a2"), "first_response_mean_s"), "10.000000");
  EXPECT_EQ(c.get(agent_key("a2"), "within_30s_rate"), "1.000000");
  // An unanswered last turn belongs to the holder at the end, not to the agent who transferred.
  const auto d = compute_rows_v2(ask("y", "09:00:00") + reply("y", "09:00:05", "a1") +
                                 ask("y", "09:00:30", "还有别的颜色吗") + transfer("y", "09:00:40", "a2"));
  EXPECT_EQ(d.get(agent_key("a1"), "reply_rate"), "1.000000");
  EXPECT_EQ(d.get(agent_key("a2"), "reply_rate"), "0.000000");
  EXPECT_EQ(d.get(agent_key("a2"), "answered_turns"), "0");
  EXPECT_EQ(d.get(kShop, "reply_rate"), "0.000000");
}

TEST(DefinitionsC5, TurnsNoAgentHeldFormTheUnassignedRowAndTheShopReconciles) {
  // x: nobody ever answered or held it; y: a1 answered.
  const auto c = compute_rows_v2(ask("x", "09:00:00") + ask("y", "09:00:00") + reply("y", "09:00:05", "a1"));
  const std::string unassigned = agent_key(std::string(host::kUnassigned));
  EXPECT_EQ(c.get(unassigned, "sessions"), "1");
  EXPECT_EQ(c.get(unassigned, "reply_rate"), "0.000000");
  EXPECT_EQ(c.get(kShop, "sessions"), "2");
  EXPECT_EQ(c.get(kShop, "reply_rate"), "0.500000");
}

TEST(DefinitionsC5, AgentRowsAddUpToTheShopByTheStatedRule) {
  // Σ agent turns = shop turns; Σ agent sessions = shop sessions + additional_agent_sessions.
  TempDir dir;
  const std::string path =
      dir.write("log.csv", kChatHeader + transfer_story() + ask("D", "12:00:00") + ask("E", "12:00:00") +
                               transfer("E", "12:00:30", "a3") + transfer("E", "12:00:40", "a1") +
                               reply("E", "12:00:50", "a1"));
  host::chatlog::ChatEvents events;
  host::chatlog::read_chat_log(path, events);
  std::int64_t agent_sessions = 0, agent_turns = 0, agent_answered = 0;
  const metrics::GroupStats* shop = nullptr;
  const auto rows = metrics::compute_metrics(events, metrics::Canonical::v2, 1);
  for (const auto& r : rows) {
    if (r.level == metrics::Level::shop) shop = &r.stats;
    if (r.level != metrics::Level::agent) continue;
    agent_sessions += r.stats.segments;
    agent_turns += r.stats.turns;
    agent_answered += r.stats.answered_turns;
  }
  ASSERT_NE(shop, nullptr);
  EXPECT_EQ(shop->segments, 5);
  EXPECT_EQ(shop->additional_agent_sessions, 1);  // A under a1 and a2
  EXPECT_EQ(agent_sessions, shop->segments + shop->additional_agent_sessions);
  EXPECT_EQ(agent_turns, shop->turns);
  EXPECT_EQ(agent_answered, shop->answered_turns);
}

TEST(DefinitionsC6, BotAndSystemMessagesNeitherOpenNorAnswerTurns) {
  const auto c = compute_rows_v2(ask("x", "09:00:00") + row("x", "09:00:01", "bot", "店小蜜", "msg", "您好") +
                                 row("x", "09:00:02", "system", "", "msg", "排队中") + reply("x", "09:00:20", "a1"));
  EXPECT_EQ(c.get(kShop, "turns"), "1");
  EXPECT_EQ(c.get(kShop, "first_response_mean_s"), "20.000000");
}

}  // namespace
}  // namespace kefu::test
