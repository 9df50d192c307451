// The report joined through the roster: a person's accounts on two platforms summed (numerators
// and denominators, never an average of rates), teams as groups, unknown accounts named once,
// person and group targets, and dated targets chosen by the period.
#include "report/report.h"

#include "test_paths.hpp"
#include "test_store.hpp"

#include <kefu/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host::report {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::Not;

store::StoredValue value(const std::string& platform, const std::string& shop, const std::string& agent,
                         const std::string& day, const std::string& metric, double num, double den) {
  store::StoredValue s;
  s.value = {platform, shop, agent, day, metric, metric, num / den, Availability::available, "recomputed"};
  s.numerator = num, s.denominator = den;
  s.definition = "kefu recomputed";
  s.source = "chat.csv";
  return s;
}

config::Config team() {
  return config::parse_config(R"({"shops": [
      {"id": "tm01", "platform": "tmall", "group": "A组"},
      {"id": "dy01", "platform": "douyin", "group": "A组"},
      {"id": "jd02", "platform": "jd", "group": "B组"}],
    "roster": [
      {"id": "xiaomei", "name": "小美", "team": "A组", "accounts": [
        {"platform": "tmall", "shop": "tm01", "name": "小美"},
        {"platform": "douyin", "shop": "dy01", "name": "抖音-小鹿", "from": "2026-11-01"}]},
      {"id": "xiaoli", "name": "小李", "team": "B组", "accounts": [{"platform": "tmall", "shop": "tm01", "name": "小李"}]}],
    "targets": [
      {"from": "2026-01-01", "global": {"reply_rate": 0.90}, "platforms": {"tmall": {"reply_rate": 0.99}},
       "groups": {"B组": {"reply_rate": 0.80}}},
      {"from": "2026-11-16", "people": {"xiaomei": {"reply_rate": 0.95}}}]})",
                              "team.json");
}

class RosterReport : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::open_test_store(dir_);
    store::IngestBatch b{"fixture", "chat_log", {}};
    auto add = [&](auto... args) { b.values.push_back(value(args...)); };
    // Week 47: 小美 answers 18 of 20 on tmall and 1 of 10 on douyin: 19/30 (0.633), not the mean of
    // the two rates (0.5): the busier account weighs more.
    add("tmall", "tm01", "小美", "2026-11-16", "reply_rate", 18, 20);
    add("douyin", "dy01", "抖音-小鹿", "2026-11-17", "reply_rate", 1, 10);
    add("tmall", "tm01", "小李", "2026-11-17", "reply_rate", 8, 10);
    add("jd", "jd02", "jd_kf03", "2026-11-18", "reply_rate", 5, 10);  // in no roster
    // Shop-level values (the total row, the shop view).
    add("tmall", "tm01", "", "2026-11-16", "reply_rate", 26, 30);
    add("douyin", "dy01", "", "2026-11-17", "reply_rate", 1, 10);
    add("jd", "jd02", "", "2026-11-18", "reply_rate", 5, 10);
    // Tmall's export of the same account: the platform's own figure, shown with its person.
    store::StoredValue native = value("tmall", "tm01", "小美", "2026-11-16", "reply_rate", 99, 100);
    native.value.origin = "native_export", native.value.native_name = "回复率";
    native.numerator.reset(), native.denominator.reset();
    b.values.push_back(native);
    // Week 45, before the person target: 小美 on tmall only.
    add("tmall", "tm01", "小美", "2026-11-03", "reply_rate", 9, 10);
    store_->ingest(b);
  }

  Report build(By by, const char* week = "2026-W47") {
    return build_report(*store_, config_, ReportOptions{iso_week(week), false, by, {}, {}});
  }
  static const Row& row(const Report& r, const std::string& key) {
    for (const Row& x : r.rows)
      if (x.key == key) return x;
    throw std::runtime_error("no row " + key);
  }

  test::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  config::Config config_ = team();
};

TEST_F(RosterReport, APersonsAccountsOnTwoPlatformsAreSummedNotAveraged) {
  const Report r = build(By::person);
  const Row& xiaomei = row(r, "person/xiaomei");
  EXPECT_EQ(xiaomei.label, "小美");
  EXPECT_EQ(xiaomei.platform, "douyin,tmall");
  EXPECT_EQ(xiaomei.group, "A组");
  EXPECT_DOUBLE_EQ(*xiaomei.cells[0].value, 19.0 / 30);
  EXPECT_DOUBLE_EQ(xiaomei.cells[0].denominator, 30);
}

TEST_F(RosterReport, AnAccountInNoRosterKeepsItsOwnRowAndIsNamedOnce) {
  for (By by : {By::shop, By::agent, By::person, By::group}) {
    const Report r = build(by);
    EXPECT_EQ(std::count_if(r.notes.begin(), r.notes.end(),
                            [](const Note& n) { return n.kind == "account_not_in_roster"; }),
              1)
        << json::detail::enum_name(by);
    EXPECT_THAT(r.notes, Contains(AllOf(Field(&Note::kind, "account_not_in_roster"),
                                        Field(&Note::subject, "jd/jd02/jd_kf03"))));
  }
  const Report r = build(By::person);
  EXPECT_DOUBLE_EQ(*row(r, "jd/jd02/jd_kf03").cells[0].value, 0.5);
}

TEST_F(RosterReport, GroupsAreTheRosterTeamsElseTheShopsGroups) {
  const Report r = build(By::group);
  // A组: 小美's 19/30; B组: 小李 (a B组 person on an A组 shop) 8/10 and jd_kf03 (jd02 is B组) 5/10.
  EXPECT_DOUBLE_EQ(*row(r, "group/A组").cells[0].value, 19.0 / 30);
  EXPECT_DOUBLE_EQ(*row(r, "group/B组").cells[0].value, 13.0 / 20);
  EXPECT_EQ(row(r, "group/B组").cells[0].target->scope, "group:B组");
}

TEST_F(RosterReport, PersonTargetsApplyFromTheirDateAndAPersonOnTwoPlatformsHasNoPlatformTarget) {
  const Report now = build(By::person);
  EXPECT_EQ(row(now, "person/xiaomei").cells[0].target->key, "targets[1].people.xiaomei.reply_rate");
  EXPECT_EQ(row(now, "person/xiaoli").cells[0].target->scope, "group:B组");
  const Report before = build(By::person, "2026-W45");
  // Before 11-16 no person target; on tmall only that week, so tmall's platform target holds.
  EXPECT_EQ(row(before, "person/xiaomei").platform, "tmall");
  EXPECT_EQ(row(before, "person/xiaomei").cells[0].target->scope, "platform:tmall");
  EXPECT_THAT(before.notes, Not(Contains(Field(&Note::subject, "targets[1].people.xiaomei.reply_rate"))));
}

TEST_F(RosterReport, APlatformsOwnFigureOfAnAccountNamesItsPerson) {
  const Report r = build(By::shop);
  ASSERT_EQ(r.native.size(), 1u);
  EXPECT_EQ(r.native[0].agent_id, "小美");
  EXPECT_EQ(r.native[0].person, "xiaomei");
  EXPECT_EQ(r.native[0].person_name, "小美");
}

TEST_F(RosterReport, TheAgentViewCarriesThePersonsTeamAndTarget) {
  const Report r = build(By::agent);
  const Row& a = row(r, "douyin/dy01/抖音-小鹿");
  EXPECT_EQ(a.group, "A组");
  EXPECT_EQ(a.cells[0].target->scope, "person:xiaomei");
}

}  // namespace
}  // namespace kefu::host::report
