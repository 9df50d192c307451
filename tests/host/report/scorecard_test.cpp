// The scorecard's arithmetic against hand-computed numbers: points linear between floor and
// target and capped, contributions by weight, ranks within the group, unknown never zero.
#include "report/scorecard.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host::report {
namespace {

TEST(Scorecard, PointsRunLinearlyFromTheFloorToTheTargetAndAreCapped) {
  EXPECT_NEAR(score_points(0.935, 0.90, 0.97), 50, 1e-9);
  EXPECT_NEAR(score_points(0.85, 0.90, 0.97), 0, 1e-9);
  EXPECT_NEAR(score_points(0.99, 0.90, 0.97), 100, 1e-9);
  // Lower is better: floor 90 s, target 30 s.
  EXPECT_NEAR(score_points(60, 90, 30), 50, 1e-9);
  EXPECT_NEAR(score_points(20, 90, 30), 100, 1e-9);
  EXPECT_NEAR(score_points(120, 90, 30), 0, 1e-9);
}

config::Config rule() {
  return config::parse_config(R"({"targets": {"global": {"reply_rate": 0.97}}, "scorecard": {"metrics": [
      {"metric": "reply_rate", "weight": 60, "floor": 0.90},
      {"metric": "avg_response_s", "weight": 40, "floor": 90, "target": 30}]}})",
                              "kefu.json");
}

Row person(const std::string& id, const std::string& group, std::optional<double> rate, std::optional<double> secs) {
  Row r{"person/" + id, id, "tmall", "", group, false, {}};
  Cell a, b;
  a.value = rate, a.target = config::Target{0.97, "global", "targets.global.reply_rate", "", ""};
  b.value = secs;
  r.cells = {a, b};
  return r;
}

TEST(Scorecard, ScoresAreWeightedRankedWithinTheGroupAndUnknownIsNotZero) {
  Report r;
  r.period = month("2026-11");
  r.by = By::person;
  r.metrics = {"reply_rate", "avg_response_s"};
  r.rows = {person("a", "A组", 0.935, 60),   // 50 × 0.6 + 50 × 0.4 = 50
            person("b", "A组", 0.97, 30),    // 100
            person("c", "A组", 0.97, 30),    // 100, shares rank 1
            person("d", "B组", 0.99, 120),   // 100 × 0.6 + 0 = 60
            person("e", "B组", std::nullopt, 30)};
  r.notes = {{"account_not_in_roster", "jd/jd02/jd_kf03"}};
  const Scorecard card = build_scorecard(r, rule());
  ASSERT_EQ(card.rows.size(), 5u);
  std::map<std::string, const ScoreRow*> by;
  for (const ScoreRow& row : card.rows) by[row.person] = &row;
  EXPECT_NEAR(*by["a"]->score, 50, 1e-9);
  EXPECT_NEAR(*by["a"]->lines[0].contribution, 30, 1e-9);
  EXPECT_EQ(by["a"]->lines[0].target_scope, "global");
  EXPECT_EQ(by["a"]->lines[1].target_scope, "scorecard");
  EXPECT_EQ(*by["b"]->rank, 1);
  EXPECT_EQ(*by["c"]->rank, 1);
  EXPECT_EQ(*by["a"]->rank, 3);
  EXPECT_EQ(by["a"]->group_size, 3);
  EXPECT_NEAR(*by["d"]->score, 60, 1e-9);
  EXPECT_EQ(*by["d"]->rank, 1);
  EXPECT_FALSE(by["e"]->score);
  EXPECT_FALSE(by["e"]->rank);
  EXPECT_THAT(by["e"]->missing, ::testing::ElementsAre("reply_rate"));
  EXPECT_THAT(card.not_in_roster, ::testing::ElementsAre("jd/jd02/jd_kf03"));
  // Sorted by group, then rank (the unscored last), then name.
  std::vector<std::string> order;
  for (const ScoreRow& row : card.rows) order.push_back(row.person);
  EXPECT_THAT(order, ::testing::ElementsAre("b", "c", "a", "d", "e"));
}

}  // namespace
}  // namespace kefu::host::report
