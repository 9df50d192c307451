// `kefu explain --as PLATFORM` underneath: the units a platform's own definition counts as missed,
// each with its reason, on tiny hand-made logs; what its assessed hours leave out is counted
// apart; and the figure it implies is the one compute_definition gives for the same rows.
#include "metrics_test_util.hpp"

#include "base/calendar.h"
#include "host/model/definition_builders.hpp"
#include "metrics/definition_explain.h"
#include "model/whole_shop.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::test {
namespace {

using host::AssessedHours;
using host::BotReplies;
using host::Closings;
using host::CountUnit;
using host::HoursApplyTo;
using host::Transfers;
using metrics::Shortfall;
using ::testing::ElementsAre;

std::string ask(const std::string& s, const std::string& t, const std::string& text = "在吗") {
  return row(s, t, "customer", "", "msg", text);
}
std::string reply(const std::string& s, const std::string& t, const std::string& agent = "a1") {
  return row(s, t, "agent", agent, "msg", "在的");
}

struct Explained {
  metrics::DefinitionExplanation explanation;
  std::vector<metrics::DefinitionRow> rows;

  std::vector<Shortfall> reasons() const {
    std::vector<Shortfall> out;
    for (const auto& f : explanation.explanation.findings) out.push_back(f.reason);
    return out;
  }
  const metrics::DefinitionRow& shop() const {
    for (const auto& r : rows)
      if (r.level == metrics::Level::shop) return r;
    throw std::runtime_error("no shop row");
  }
};

Explained explain(const std::string& log, const host::Definition& d, const std::string& agent = "") {
  host::chatlog::ChatEvents events;
  read_text(kChatHeader + log, events);
  const auto day = *host::calendar::parse_day("2026-11-16");
  return {metrics::explain_definition(events, d, {d.measure, "tmall", "s1", agent, day, day}),
          metrics::compute_definition(events, d, 1)};
}

TEST(DefinitionExplain, EachMissedUnitCarriesTheReasonItMissedAndTheUnitsMatchTheFigure) {
  // A answered in 40 s, B never, C only by a bot, D in 5 s: under a 30 s session rate 1 of 4 met.
  const std::string log = ask("A", "09:00:00") + reply("A", "09:00:40") + ask("B", "10:00:00") + ask("C", "11:00:00") +
                          row("C", "11:00:02", "bot", "", "msg", "您好") + ask("D", "12:00:00") + reply("D", "12:00:05");
  const auto e = explain(log, complete_definition("within_30s_rate", CountUnit::session, 30'000));
  EXPECT_THAT(e.reasons(), ElementsAre(Shortfall::late, Shortfall::never_assigned, Shortfall::never_assigned));
  EXPECT_EQ(e.explanation.explanation.findings[0].delay_ms, 40'000);
  EXPECT_EQ(e.explanation.explanation.units, e.shop().period.units);
  EXPECT_EQ(e.explanation.explanation.units - 3, e.shop().period.hits);
}

TEST(DefinitionExplain, AQuestionOnlyABotAnsweredInAnAgentsSessionIsBotOnly) {
  const std::string log = ask("A", "09:00:00") + reply("A", "09:00:05") + ask("A", "09:05:00") +
                          row("A", "09:05:02", "bot", "", "msg", "您好");
  const auto e = explain(log, complete_definition("reply_rate", CountUnit::session));
  EXPECT_THAT(e.reasons(), ElementsAre(Shortfall::bot_only));
}

TEST(DefinitionExplain, SplitTransfersMakeTheOpenQuestionMissAtTheTransfer) {
  const std::string log = ask("A", "09:00:00") + reply("A", "09:00:05") + ask("A", "09:01:00") +
                          row("A", "09:01:20", "system", "a2", "transfer", "") + reply("A", "09:01:40", "a2");
  auto d = complete_definition("reply_rate", CountUnit::segment);
  d.transfers = known(Transfers::split);
  const auto e = explain(log, d);
  EXPECT_THAT(e.reasons(), ElementsAre(Shortfall::open_at_transfer));
  EXPECT_EQ(e.explanation.explanation.findings[0].agent, "a1");
  EXPECT_EQ(e.explanation.explanation.units, 1);  // a2's segment holds no question: no unit
}

TEST(DefinitionExplain, CountedClosingsAreNamedAsTheCustomersCourtesy) {
  const std::string log = ask("A", "09:00:00") + reply("A", "09:00:10") + ask("A", "09:01:00", "好的谢谢");
  auto d = complete_definition("reply_rate");
  d.closings = known(Closings::count);
  EXPECT_THAT(explain(log, d).reasons(), ElementsAre(Shortfall::closing_courtesy));
  d.closings = known(Closings::ignore);
  EXPECT_TRUE(explain(log, d).reasons().empty());
}

TEST(DefinitionExplain, UnitsOutsideTheAssessedHoursAreCountedApartNotAsMisses) {
  // JD-style 09:00-23:00 by session start: the 08:30 session, unanswered, is not JD's miss.
  const std::string log = ask("A", "08:30:00") + ask("B", "12:00:00") + reply("B", "12:00:05");
  auto d = complete_definition("reply_rate", CountUnit::session);
  d.hours = known(std::optional<AssessedHours>(AssessedHours{9 * 60, 23 * 60, HoursApplyTo::session_start}));
  const auto e = explain(log, d);
  EXPECT_TRUE(e.reasons().empty());
  EXPECT_EQ(e.explanation.not_assessed, 1);
  EXPECT_EQ(e.explanation.explanation.units, 1);
}

TEST(DefinitionExplain, AnAgentsViewHoldsOnlyTheUnitsThatCountForThem) {
  const std::string log = ask("A", "09:00:00") + reply("A", "09:01:00", "a1") + ask("B", "10:00:00") +
                          reply("B", "10:02:00", "a2");
  const auto d = complete_definition("within_30s_rate", CountUnit::session, 30'000);
  const auto e = explain(log, d, "a2");
  ASSERT_EQ(e.explanation.explanation.findings.size(), 1u);
  EXPECT_EQ(e.explanation.explanation.findings[0].session_id, "B");
  EXPECT_EQ(e.explanation.explanation.units, 1);
}

TEST(DefinitionExplain, AMeanOrACountIsRefusedBecauseItHasNoMissedUnit) {
  host::chatlog::ChatEvents events;
  EXPECT_THROW(metrics::explain_definition(events, complete_definition("avg_response_s"), {}), std::invalid_argument);
}

}  // namespace
}  // namespace kefu::test
