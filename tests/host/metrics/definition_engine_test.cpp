// A definition given as data executed on tiny hand-made logs (docs/metrics.md "Platform
// definitions computed"): each parameter changes the figure the way the doc says, and what cannot
// be computed from a chat log says which parameter and why.
#include "metrics_test_util.hpp"
#include "host/model/definition_builders.hpp"

#include "base/calendar.h"
#include "metrics/definition_engine.h"
#include "model/whole_shop.h"

#include <gtest/gtest.h>

namespace kefu::test {
namespace {

using host::AssessedHours;
using host::BotReplies;
using host::Closings;
using host::CountUnit;
using host::Definition;
using host::HoursApplyTo;
using host::Transfers;
using metrics::DefinitionRow;
using metrics::Level;

Definition definition(const std::string& measure, CountUnit unit = CountUnit::turn, std::int64_t threshold_ms = 0) {
  return complete_definition(measure, unit, threshold_ms);
}

std::vector<DefinitionRow> run(const std::string& log, const Definition& d) {
  host::chatlog::ChatEvents events;
  read_text(kChatHeader + log, events);
  return metrics::compute_definition(events, d, 2);
}

const DefinitionRow& shop_row(const std::vector<DefinitionRow>& rows, const std::string& day = "2026-11-16") {
  for (const auto& r : rows)
    if (r.level == Level::shop && host::calendar::format_day(r.day) == day) return r;
  throw std::runtime_error("no shop row on " + day);
}
const DefinitionRow& agent_row(const std::vector<DefinitionRow>& rows, const std::string& agent) {
  for (const auto& r : rows)
    if (r.level == Level::agent && r.agent_id == agent) return r;
  throw std::runtime_error("no agent row " + agent);
}

std::string ask(const std::string& s, const std::string& t, const std::string& text = "在吗") {
  return row(s, t, "customer", "", "msg", text);
}
std::string reply(const std::string& s, const std::string& t, const std::string& agent = "a1") {
  return row(s, t, "agent", agent, "msg", "在的");
}

TEST(DefinitionEngine, TurnUnitsCountEachQuestionAndItsReply) {
  // Two questions answered in 10 s and 200 s, one never: 2 of 3 replied, 1 of 3 within 3 minutes.
  const std::string log = ask("A", "09:00:00") + reply("A", "09:00:10") + ask("A", "09:05:00") +
                          reply("A", "09:08:20") + ask("B", "10:00:00");
  auto r = shop_row(run(log, definition("reply_rate")));
  EXPECT_EQ(r.period.units, 3);
  EXPECT_EQ(r.period.hits, 2);
  r = shop_row(run(log, definition("within_3min_rate", CountUnit::turn, 180'000)));
  EXPECT_EQ(r.period.hits, 1);
}

TEST(DefinitionEngine, SessionUnitsJudgeTheLastQuestionForReplyAndTheFirstForTheThreshold) {
  // A: first answered in 10 s, last unanswered. B: one question answered in 40 s.
  const std::string log =
      ask("A", "09:00:00") + reply("A", "09:00:10") + ask("A", "09:05:00") + ask("B", "10:00:00") + reply("B", "10:00:40");
  auto r = shop_row(run(log, definition("reply_rate", CountUnit::session)));
  EXPECT_EQ(r.period.units, 2);
  EXPECT_EQ(r.period.hits, 1);  // A's last question is open
  r = shop_row(run(log, definition("within_30s_rate", CountUnit::session, 30'000)));
  EXPECT_EQ(r.period.hits, 1);  // A's first reply in 10 s; B's in 40 s is late
}

TEST(DefinitionEngine, MessageUnitsMakeEachCustomerMessageWaitForItsOwnAnswer) {
  // Two messages in a row, one reply: two units, both answered by it (at 30 s and 20 s).
  const std::string log = ask("A", "09:00:00") + ask("A", "09:00:10", "有货吗") + reply("A", "09:00:30");
  const auto r = shop_row(run(log, definition("avg_response_s", CountUnit::message)));
  EXPECT_EQ(r.period.units, 2);
  EXPECT_EQ(r.period.answered, 2);
  EXPECT_EQ(static_cast<std::int64_t>(r.period.response_ms), 50'000);
}

TEST(DefinitionEngine, SessionsStartedOutsideAssessedHoursAreNotAssessed) {
  // JD-style: 09:00-23:00 by session start. The 23:30 session is dropped whole, although its
  // reply comes the next morning; the 08:59 one too.
  auto d = definition("reply_rate", CountUnit::session);
  d.hours = known(std::optional<AssessedHours>(AssessedHours{9 * 60, 23 * 60, HoursApplyTo::session_start}));
  const std::string log = ask("A", "08:59:00") + ask("B", "12:00:00") + reply("B", "12:00:05") +
                          ask("C", "23:30:00") + reply("C", "2026-11-17T09:01:00+08:00");
  const auto r = shop_row(run(log, d));
  EXPECT_EQ(r.period.units, 1);
  EXPECT_EQ(r.period.hits, 1);
}

TEST(DefinitionEngine, TurnStartHoursDropOnlyTheTurnsAskedOutsideTheWindow) {
  auto d = definition("reply_rate");
  d.hours = known(std::optional<AssessedHours>(AssessedHours{9 * 60, 23 * 60, HoursApplyTo::turn_start}));
  const std::string log = ask("A", "08:59:00") + reply("A", "09:00:05") + ask("A", "09:10:00");
  const auto r = shop_row(run(log, d));
  EXPECT_EQ(r.period.units, 1);  // the 09:10 question, unanswered
  EXPECT_EQ(r.period.hits, 0);
}

TEST(DefinitionEngine, BotRepliesAnswerOnlyWhenTheDefinitionCountsThem) {
  const std::string log = ask("A", "09:00:00") + row("A", "09:00:02", "bot", "", "msg", "您好") ;
  auto d = definition("reply_rate");
  EXPECT_EQ(shop_row(run(log, d)).period.hits, 0);
  d.bots = known(BotReplies::all);
  EXPECT_EQ(shop_row(run(log, d)).period.hits, 1);
}

TEST(DefinitionEngine, SplitTransfersLeaveTheOpenQuestionUnansweredForWhoTransferred) {
  const std::string log = ask("A", "09:00:00") + row("A", "09:00:20", "system", "a2", "transfer", "") +
                          reply("A", "09:00:40", "a2");
  auto d = definition("reply_rate");
  EXPECT_EQ(shop_row(run(log, d)).period.hits, 1);  // carry: a2 answered it
  d.transfers = known(Transfers::split);
  EXPECT_EQ(shop_row(run(log, d)).period.hits, 0);
}

TEST(DefinitionEngine, CountedClosingsOpenTurnsThatStayUnanswered) {
  const std::string log = ask("A", "09:00:00") + reply("A", "09:00:10") + ask("A", "09:01:00", "好的谢谢");
  auto d = definition("reply_rate");
  EXPECT_EQ(shop_row(run(log, d)).period.units, 1);
  d.closings = known(Closings::count);
  EXPECT_EQ(shop_row(run(log, d)).period.units, 2);
}

TEST(DefinitionEngine, ARollingPeriodSumsTheDaysWithinItAndTheMinimumSampleMarksWhatIsNotAssessed) {
  // Day 1: 1 of 2 answered; day 3: 1 of 1. A 2-day window on day 3 holds day 3 only (day 2 has
  // nothing); a 3-day window holds both: 2 of 3. A minimum of 3 assesses only the 3-day figure.
  const std::string log = ask("A", "09:00:00") + reply("A", "09:00:10") + ask("B", "10:00:00") +
                          ask("C", "2026-11-18T09:00:00+08:00") + reply("C", "2026-11-18T09:00:05+08:00");
  auto d = definition("reply_rate");
  d.period_days = known(2);
  EXPECT_EQ(shop_row(run(log, d), "2026-11-18").period.units, 1);
  d.period_days = known(3);
  d.min_sample = known(std::int64_t{3});
  const auto rows = run(log, d);
  const auto& day3 = shop_row(rows, "2026-11-18");
  EXPECT_EQ(day3.period.units, 3);
  EXPECT_EQ(day3.period.hits, 2);
  EXPECT_EQ(day3.daily.units, 1);
  EXPECT_TRUE(day3.assessed);
  EXPECT_FALSE(shop_row(rows, "2026-11-16").assessed);
}

TEST(DefinitionEngine, AgentRowsAddUpToTheShopRowWithTheUnassignedRow) {
  // B was never held: its unanswered question goes to the unassigned row.
  const std::string log = ask("A", "09:00:00") + reply("A", "09:00:10", "a1") + ask("B", "10:00:00");
  const auto rows = run(log, definition("reply_rate"));
  EXPECT_EQ(agent_row(rows, "a1").period.units, 1);
  EXPECT_EQ(agent_row(rows, std::string(host::kUnassigned)).period.units, 1);
  EXPECT_EQ(shop_row(rows).period.units, 2);
}

TEST(DefinitionEngine, UnknownParametersAndUncountableChoicesSayWhichAndWhy) {
  auto d = definition("reply_rate");
  d.transfers = {};
  d.transfers.unknown_reason = "the platform does not say";
  d.bots = known(BotReplies::assist_only);
  const auto why = metrics::not_computable(d);
  ASSERT_EQ(why.size(), 2u);
  EXPECT_EQ(why[0].parameter, "transfers");
  EXPECT_EQ(why[0].reason, "unknown: the platform does not say");
  EXPECT_EQ(why[1].parameter, "bot_replies");
  EXPECT_THROW(run(ask("A", "09:00:00"), d), std::invalid_argument);
  EXPECT_EQ(metrics::not_computable(definition("satisfaction_rate"))[0].parameter, "measure");
}

}  // namespace
}  // namespace kefu::test
