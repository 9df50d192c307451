// The report's sections with a roster: a person on two platforms shows both, the grid of a
// by-person view has a group column, and the accounts not in the roster are said once,
// together, with the roster lines to add — never one note each.
#include "present/sections.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace kefu::host::report {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Report by_person() {
  Report r;
  r.period = iso_week("2026-W47");
  r.by = By::person;
  r.metrics = {"reply_rate"};
  Cell c;
  c.value = 0.9;
  r.rows = {Row{"person/xiaomei", "小美", "douyin,tmall", "", "A组", false, {c}}};
  r.notes = {{"account_not_in_roster", "douyin/dy01/抖音小店-阿强"},
             {"target_without_figure", "targets.global.within_3min_rate"},
             {"account_not_in_roster", "tmall/tm01/旗舰店:阿杰"}};
  return r;
}

const Section& section(const std::vector<Section>& all, const std::string& id) {
  return *std::find_if(all.begin(), all.end(), [&](const Section& s) { return s.id == id; });
}

TEST(RosterSections, APersonOnTwoPlatformsShowsBothAndTheirGroup) {
  const RenderContext ctx{Lang::zh, {{"tmall", "天猫"}, {"douyin", "抖音"}}, nullptr};
  const auto all = report_sections(by_person(), ctx);
  const Section& grid = section(all, "grid");
  EXPECT_THAT(grid.header, ElementsAre("人员", "平台", "组", "回复率"));
  EXPECT_THAT(grid.rows[0], ElementsAre("小美", "抖音、天猫", "A组", "90.0%"));
}

TEST(RosterSections, AccountsNotInTheRosterAreSaidOnceWithTheLinesToAdd) {
  const auto all = report_sections(by_person(), RenderContext{Lang::en, {}, nullptr});
  const Section& notes = section(all, "notes");
  ASSERT_EQ(notes.lines.size(), 2u);
  EXPECT_THAT(notes.lines[1], HasSubstr("2 accounts not in the roster: douyin/dy01/抖音小店-阿强, tmall/tm01/旗舰店:阿杰"));
  EXPECT_THAT(notes.lines[1], HasSubstr("?,,,,douyin,dy01,抖音小店-阿强,,; ?,,,,tmall,tm01,旗舰店:阿杰,,"));
}

}  // namespace
}  // namespace kefu::host::report
