// One test per definition of the chat-log metrics (docs/metrics.md, R1-R15), each on a tiny
// hand-made log whose expected numbers are worked out in the comments.
#include "metrics_test_util.hpp"

#include <gtest/gtest.h>

namespace kefu::test {
namespace {

const std::string kDay = "2026-11-16";
std::string agent_key(const std::string& agent, const std::string& shop = "s1", const std::string& platform = "tmall",
                      const std::string& day = kDay) {
  return "agent," + platform + "," + shop + "," + agent + "," + day;
}

TEST(MetricsR1, SessionIsPlatformShopAndSessionId) {
  // The same session id in another shop or platform is another session.
  const auto c = compute_rows(row("x", "09:00:00", "customer") + row("x", "09:00:10", "agent", "a1") +
                              row("jd/s1/x", "09:00:00", "customer") + row("tmall/s2/x", "09:00:00", "customer") +
                              row("tmall/s2/x", "09:00:20", "agent", "a1"));
  EXPECT_EQ(c.get(agent_key("a1"), "first_response_mean_s"), "10.000000");
  EXPECT_EQ(c.get(agent_key("a1", "s2"), "first_response_mean_s"), "20.000000");
  EXPECT_EQ(c.get(agent_key("", "s1", "jd"), "reply_rate"), "0.000000");
  EXPECT_EQ(c.get("platform,tmall,*,*," + kDay, "sessions"), "2");
}

TEST(MetricsR2, RowsAreOrderedByInstantNotByFile) {
  // The agent row comes first in the file but 30 s after the customer's.
  const auto c = compute_rows(row("x", "09:00:30", "agent", "a1") + row("x", "09:00:00", "customer"));
  EXPECT_EQ(c.get(agent_key("a1"), "first_response_mean_s"), "30.000000");
  EXPECT_EQ(c.get(agent_key("a1"), "answered_turns"), "1");
}

TEST(MetricsR3, TimestampsWithAnyOffsetOrEpochMilliseconds) {
  const auto c = compute_rows(
      // 01:00:00Z is 09:00:00+08:00; 20:00:05.250-05:00 the day before is 01:00:05.250Z: 5.25 s.
      row("x", "2026-11-16T01:00:00Z", "customer") + row("x", "2026-11-15T20:00:05.250-05:00", "agent", "a1") +
      // 1794790800000 ms is 2026-11-16T01:00:00Z; the reply 7 s later.
      row("y", "1794790800000", "customer") + row("y", "09:00:07", "agent", "a2") +
      // Without an offset: China time (docs/data-in.md), dashes or slashes; 09:00:04+08:00 the reply.
      row("w", "2026-11-16T09:00:00", "customer") + row("w", "2026/11/16 09:00:04", "agent", "a3") +
      // Not instants: month 13, another notation.
      row("z", "2026-13-01T00:00:00Z", "customer") + row("z", "16/11/2026 09:00", "customer"));
  EXPECT_EQ(c.get(agent_key("a1"), "first_response_mean_s"), "5.250000");
  EXPECT_EQ(c.get(agent_key("a2"), "first_response_mean_s"), "7.000000");
  EXPECT_EQ(c.get(agent_key("a3"), "first_response_mean_s"), "4.000000");
  EXPECT_EQ(c.read.naive_times, 2);
  ASSERT_EQ(c.read.rejects.size(), 2u);
  for (const auto& r : c.read.rejects) EXPECT_NE(r.reason.find("unparseable ts"), std::string::npos);
  EXPECT_EQ(c.read.rejects[0].line, 8);
}

TEST(MetricsR4, DayIsTheChinaDateOfTheFirstCustomerMessage) {
  const auto c = compute_rows(
      // Starts 23:59:59 on the 15th: the session's day, though the reply comes on the 16th.
      row("x", "2026-11-15T23:59:59+08:00", "customer") + row("x", "2026-11-16T00:00:09+08:00", "agent", "a1") +
      // 16:30Z on the 15th is 00:30 on the 16th in China.
      row("y", "2026-11-15T16:30:00Z", "customer") + row("y", "2026-11-15T16:30:04Z", "agent", "a1") +
      // A transfer after midnight: both segments keep the session's day.
      row("z", "2026-11-15T23:59:50+08:00", "customer") +
      row("z", "2026-11-16T00:00:10+08:00", "system", "a2", "transfer", "") +
      row("z", "2026-11-16T00:00:20+08:00", "customer") + row("z", "2026-11-16T00:00:25+08:00", "agent", "a2") +
      // No customer message: no output at all.
      row("w", "09:00:00", "agent", "a9") + row("w", "09:00:05", "bot"));
  EXPECT_EQ(c.get(agent_key("a1", "s1", "tmall", "2026-11-15"), "sessions"), "1");
  EXPECT_EQ(c.get(agent_key("a1"), "sessions"), "1");
  EXPECT_EQ(c.get(agent_key("a2", "s1", "tmall", "2026-11-15"), "sessions"), "2");
  EXPECT_TRUE(c.at(agent_key("a2")).empty());
  EXPECT_TRUE(c.at(agent_key("a9")).empty());
}

TEST(MetricsR5, EmptyContentCountsBotAndSystemMessagesDoNot) {
  const auto c = compute_rows(row("x", "09:00:00", "customer", "", "msg", "") + row("x", "09:00:01", "bot") +
                              row("x", "09:00:02", "system") + row("x", "09:00:40", "agent", "a1") +
                              // A bot alone neither opens nor answers a turn.
                              row("y", "08:59:00", "bot") + row("y", "09:00:00", "customer") +
                              row("y", "09:00:03", "bot") + row("y", "09:00:50", "agent", "a2"));
  EXPECT_EQ(c.get(agent_key("a1"), "first_response_mean_s"), "40.000000");
  EXPECT_EQ(c.get(agent_key("a2"), "first_response_mean_s"), "50.000000");
  EXPECT_EQ(c.get(agent_key("a2"), "turns"), "1");
}

TEST(MetricsR6, TransferStartsASegmentHeldByItsAgent) {
  const auto c =
      compute_rows(row("x", "09:00:00", "customer") + row("x", "09:00:10", "agent", "a1") +
                   row("x", "09:01:00", "system", "a2", "transfer", "") + row("x", "09:02:00", "customer") +
                   row("x", "09:02:30", "agent", "a2") +
                   // A segment with no customer message produces nothing (a3 gets no row).
                   row("y", "09:00:00", "customer") + row("y", "09:00:05", "agent", "a1") +
                   row("y", "09:00:10", "system", "a3", "transfer", "") + row("y", "09:00:20", "agent", "a3"));
  EXPECT_EQ(c.get(agent_key("a1"), "sessions"), "2");
  EXPECT_EQ(c.get(agent_key("a1"), "first_response_mean_s"), "7.500000");
  EXPECT_EQ(c.get(agent_key("a2"), "sessions"), "1");
  EXPECT_EQ(c.get(agent_key("a2"), "first_response_mean_s"), "30.000000");
  EXPECT_TRUE(c.at(agent_key("a3")).empty());
  EXPECT_EQ(c.get("shop,tmall,s1,*," + kDay, "sessions"), "3");
}

TEST(MetricsR7, FirstSegmentHolder) {
  const auto c = compute_rows(
      // A: the first agent to write before any transfer holds it, even before the customer.
      row("tmall/a/x", "08:59:00", "agent", "a1") + row("tmall/a/x", "09:00:00", "customer") +
      row("tmall/a/x", "09:00:10", "agent", "a2") +
      // B: nobody wrote before the transfer: the transferee holds the first segment too, which
      // is a separate, unanswered segment.
      row("tmall/b/x", "09:00:00", "customer") + row("tmall/b/x", "09:01:00", "system", "a2", "transfer", "") +
      row("tmall/b/x", "09:01:30", "customer") + row("tmall/b/x", "09:01:40", "agent", "a2") +
      // C: neither: agent "" holds it, and it is still rolled up.
      row("tmall/c/x", "09:00:00", "customer"));
  EXPECT_EQ(c.get(agent_key("a1", "a"), "answered_turns"), "1");
  EXPECT_TRUE(c.at(agent_key("a2", "a")).empty());
  EXPECT_EQ(c.get(agent_key("a2", "b"), "sessions"), "2");
  EXPECT_EQ(c.get(agent_key("a2", "b"), "replied_sessions"), "1");
  EXPECT_EQ(c.get(agent_key("a2", "b"), "reply_rate"), "0.500000");
  EXPECT_EQ(c.get(agent_key("", "c"), "sessions"), "1");
  EXPECT_EQ(c.get("shop,tmall,c,*," + kDay, "sessions"), "1");
  EXPECT_EQ(c.get("platform,tmall,*,*," + kDay, "sessions"), "4");
}

TEST(MetricsR8, AnyAgentAnswersForTheHolder) {
  const auto c = compute_rows(row("x", "09:00:00", "customer") + row("x", "09:00:05", "agent", "a1") +
                              row("x", "09:01:00", "customer") + row("x", "09:01:20", "agent", "a2"));
  EXPECT_EQ(c.get(agent_key("a1"), "turns"), "2");
  EXPECT_EQ(c.get(agent_key("a1"), "answered_turns"), "2");
  EXPECT_EQ(c.get(agent_key("a1"), "avg_response_s"), "12.500000");
  EXPECT_TRUE(c.at(agent_key("a2")).empty());
}

TEST(MetricsR9, Turns) {
  const auto c = compute_rows(row("x", "09:00:00", "customer") + row("x", "09:00:10", "customer") +  // one turn
                              row("x", "09:00:30", "agent", "a1") +                                  // answers it: 30 s
                              row("x", "09:00:40", "agent", "a1") +  // no open turn: ignored
                              row("x", "09:05:00", "customer") + row("x", "09:09:00", "agent", "a1") +  // 240 s
                              row("x", "09:10:00", "customer") +  // never answered
                              // A turn open at a transfer is unanswered; the new holder's reply opens nothing.
                              row("y", "09:00:00", "customer") + row("y", "09:00:50", "system", "a2", "transfer", "") +
                              row("y", "09:01:00", "agent", "a2"));
  const auto& a1 = c.at(agent_key("a1"));
  EXPECT_EQ(a1.at("turns"), "3");
  EXPECT_EQ(a1.at("answered_turns"), "2");
  EXPECT_EQ(a1.at("replied_sessions"), "0");
  EXPECT_EQ(a1.at("within_30s_sessions"), "1");  // exactly 30 000 ms counts
  EXPECT_EQ(a1.at("within_3min_turns"), "1");
  EXPECT_EQ(a1.at("avg_response_s"), "135.000000");
  EXPECT_EQ(a1.at("within_3min_rate"), "0.333333");
  const auto& a2 = c.at(agent_key("a2"));
  EXPECT_EQ(a2.at("sessions"), "1");
  EXPECT_EQ(a2.at("turns"), "1");
  EXPECT_EQ(a2.at("answered_turns"), "0");
  EXPECT_EQ(a2.at("first_response_n"), "0");
  EXPECT_EQ(a2.at("first_response_mean_s"), "");
  EXPECT_EQ(a2.at("avg_response_s"), "");
}

TEST(MetricsR10, SameMillisecondFollowsRecordOrder) {
  const auto c = compute_rows(
      // The agent row is first in the input: it does not answer the customer's message.
      row("tmall/a/x", "09:00:00.000", "agent", "a1") + row("tmall/a/x", "09:00:00.000", "customer") +
      // Later in the input: it answers, in 0 s.
      row("tmall/b/x", "09:00:00.000", "customer") + row("tmall/b/x", "09:00:00.000", "agent", "a1"));
  EXPECT_EQ(c.get(agent_key("a1", "a"), "answered_turns"), "0");
  EXPECT_EQ(c.get(agent_key("a1", "b"), "first_response_mean_s"), "0.000000");
  EXPECT_EQ(c.get(agent_key("a1", "b"), "within_30s_rate"), "1.000000");
}

TEST(MetricsR11R12, PercentilesNearestRankAndRollupsPoolSamples) {
  // a1: first responses 10, 20, 70 s; a2: 40 s.
  std::string log;
  const char* a1[] = {"09:00:10", "09:00:20", "09:01:10"};
  for (int i = 0; i < 3; ++i)
    log += row("x" + std::to_string(i), "09:00:00", "customer") + row("x" + std::to_string(i), a1[i], "agent", "a1");
  log += row("y", "09:00:00", "customer") + row("y", "09:00:40", "agent", "a2");
  const auto c = compute_rows(log);
  const auto& r1 = c.at(agent_key("a1"));
  EXPECT_EQ(r1.at("first_response_n"), "3");
  EXPECT_EQ(r1.at("first_response_mean_s"), "33.333333");
  EXPECT_EQ(r1.at("first_response_p50_s"), "20.000000");  // k = ceil(1.5) = 2
  EXPECT_EQ(r1.at("first_response_p90_s"), "70.000000");  // k = ceil(2.7) = 3
  // The shop pools 10, 20, 40, 70 (averaging the agents would give 36.666667).
  const auto& shop = c.at("shop,tmall,s1,*," + kDay);
  EXPECT_EQ(shop.at("first_response_mean_s"), "35.000000");
  EXPECT_EQ(shop.at("first_response_p50_s"), "20.000000");  // k = 2
  EXPECT_EQ(shop.at("first_response_p90_s"), "70.000000");  // k = ceil(3.6) = 4
  EXPECT_EQ(shop.at("within_30s_rate"), "0.500000");
}

TEST(MetricsR15, RowsLevelsStarsAndOrder) {
  const auto c = compute_rows(row("tmall/s2/x", "09:00:00", "customer") + row("tmall/s2/x", "09:00:01", "agent", "b") +
                              row("jd/s9/x", "09:00:00", "customer") + row("jd/s9/x", "09:00:01", "agent", "z") +
                              row("tmall/s1/x", "09:00:00", "customer") + row("tmall/s1/x", "09:00:01", "agent", "a") +
                              row("tmall/s1/y", "2026-11-17T09:00:00+08:00", "customer"));
  const std::vector<std::string> expected = {
      "agent,jd,s9,z," + kDay,      "agent,tmall,s1,,2026-11-17",   "agent,tmall,s1,a," + kDay,
      "agent,tmall,s2,b," + kDay,   "shop,jd,s9,*," + kDay,         "shop,tmall,s1,*," + kDay,
      "shop,tmall,s1,*,2026-11-17", "shop,tmall,s2,*," + kDay,      "platform,jd,*,*," + kDay,
      "platform,tmall,*,*," + kDay, "platform,tmall,*,*,2026-11-17"};
  EXPECT_EQ(c.keys, expected);
}

TEST(MetricsOutput, ColumnSpecByteForByte) {
  const auto c = compute_rows(row("x", "09:00:00", "customer") + row("x", "09:00:46.428", "agent", "a1"));
  EXPECT_EQ(
      c.csv,
      "level,platform,shop_id,agent_id,day,sessions,turns,answered_turns,replied_sessions,within_30s_sessions,"
      "within_3min_turns,first_response_n,first_response_mean_s,first_response_p50_s,first_response_p90_s,"
      "avg_response_s,reply_rate,within_30s_rate,within_3min_rate\n"
      "agent,tmall,s1,a1,2026-11-16,1,1,1,1,0,1,1,46.428000,46.428000,46.428000,46.428000,1.000000,0.000000,1.000000\n"
      "shop,tmall,s1,*,2026-11-16,1,1,1,1,0,1,1,46.428000,46.428000,46.428000,46.428000,1.000000,0.000000,1.000000\n"
      "platform,tmall,*,*,2026-11-16,1,1,1,1,0,1,1,46.428000,46.428000,46.428000,46.428000,1.000000,0.000000,1."
      "000000\n");
}

TEST(ChatLog, TimestampsOutsideYears2000To2100AreRejectsWithTheirLine) {
  const auto c = compute_rows(row("x", "09:00:00", "customer") +                      // line 2
                              row("x", "9999-12-31T23:59:59+08:00", "agent", "a1") +  // 3
                              row("y", "1999-12-31T23:59:59Z", "customer") +          // 4
                              row("y", "2100-01-01T00:00:00Z", "customer") +          // 5
                              row("z", "999999999999999", "customer") +               // 6: epoch ms, year 33658
                              row("x", "09:00:07", "agent", "a1"));                   // 7
  ASSERT_EQ(c.read.rejects.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(c.read.rejects[i].line, static_cast<std::int64_t>(i + 3));
    EXPECT_EQ(c.read.rejects[i].reason, "ts out of range (from 2000-01-01T00:00:00Z to before 2100-01-01T00:00:00Z)");
  }
  EXPECT_EQ(c.get("agent,tmall,s1,a1,2026-11-16", "avg_response_s"), "7.000000");
}

TEST(MetricsOutput, SumsOfResponseTimesBeyondInt64StayExact) {
  metrics::MetricRow row;
  row.level = metrics::Level::shop;
  row.stats.segments = row.stats.turns = row.stats.answered_turns = 4;
  constexpr std::int64_t kLong = 3'000'000'000'000'000'000;  // 3e18 ms each: 4 of them overflow int64
  metrics::GroupStats one;
  one.response_ms_sum = kLong;
  one.first_response_ms = {kLong};
  for (int i = 0; i < 4; ++i) row.stats.add(one);
  row.stats.segments = row.stats.turns = row.stats.answered_turns = 4;
  const auto cells = metrics::metric_cells(row);
  EXPECT_EQ(cells[12], "3000000000000000.000000");  // first_response_mean_s
  EXPECT_EQ(cells[15], "3000000000000000.000000");  // avg_response_s
}

TEST(MetricsOutput, SixDecimalsRoundedHalfUpFromTheExactFraction) {
  EXPECT_EQ(metrics::decimal6(325, 7), "46.428571");
  EXPECT_EQ(metrics::decimal6(2, 3), "0.666667");
  EXPECT_EQ(metrics::decimal6(1, 2'000'000), "0.000001");  // exactly half: up
  EXPECT_EQ(metrics::decimal6(1, 2'000'001), "0.000000");
  EXPECT_EQ(metrics::decimal6(0, 5), "0.000000");
  EXPECT_EQ(metrics::decimal6(123'456'789'012'345, 1000), "123456789012.345000");
}

}  // namespace
}  // namespace kefu::test
