// The period views as people read them: each week a column, the change on last year or last
// week in the metric's unit, a column without data said plainly, in Chinese and English; and the
// hour profile with who was on.
#include "present/hours_output.h"
#include "present/period_sections.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace kefu::host::report {
namespace {

using ::testing::HasSubstr;

PeriodView weeks() {
  PeriodView v;
  v.kind = "month_weeks";
  v.subject = "2026-11";
  v.metrics = {"reply_rate"};
  v.columns = {{"week", "2026-W45", "2026-11-02", "2026-11-08", 1, 1},
               {"month", "2026-11", "2026-11-01", "2026-11-30", 1, 1},
               {"last_year", "2025-11", "2025-11-01", "2025-11-30", 1, 0}};
  v.lines = {{"tmall/tm01", "天猫旗舰店", "tmall", false, {{0.95, 0.96, std::nullopt}}, {{100, 400, 0}}}};
  return v;
}

const Section* find(const std::vector<Section>& ss, const std::string& id) {
  for (const Section& s : ss)
    if (s.id == id) return &s;
  return nullptr;
}

TEST(PeriodSections, TheMonthsWeeksAreColumnsAndAMissingLastYearIsSaidPlainly) {
  Report r;
  r.period_views = {weeks()};
  const RenderContext zh{Lang::zh, {{"tmall", "天猫"}}, nullptr};
  const auto ss = period_sections(r, zh);
  const Section* s = find(ss, "month_weeks");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->header[3], "2026-W45 (11-02–11-08)");
  EXPECT_EQ(s->header[5], "去年同月 2025-11");
  ASSERT_EQ(s->rows.size(), 1u);
  EXPECT_EQ(s->rows[0][3], "95.0%");
  EXPECT_EQ(s->rows[0][5], "—");
  EXPECT_EQ(s->rows[0][6], "");  // no change without last year's figure
  bool said = false;
  for (const std::string& l : s->lines) said = said || l.find("去年同月（2025-11）没有数据") != std::string::npos;
  EXPECT_TRUE(said);
  // The person section is there, saying it found nothing, whenever a period view is.
  ASSERT_TRUE(find(ss, "person_anomalies"));
  const auto en = period_sections(r, {Lang::en, {}, nullptr});
  EXPECT_THAT(en[0].lines.back(), HasSubstr("no comparison with last year"));
}

TEST(PeriodSections, TheDayCheckShowsTheChangeOnLastWeekInTheMetricsUnit) {
  PeriodView v;
  v.kind = "day_check";
  v.metrics = {"avg_response_s"};
  v.columns = {{"day", "2026-11-19", "2026-11-19", "2026-11-19", 1, 1},
               {"last_week_same_weekday", "2026-11-12", "2026-11-12", "2026-11-12", 1, 1},
               {"weekday_mean", "", "2026-10-22", "2026-11-12", 4, 3}};
  v.lines = {{"jd/jd03", "京东3", "jd", false, {{90.0, 30.0, 25.0}}, {{10, 10, 40}}}};
  Report r;
  r.period_views = {v};
  const auto ss = period_sections(r, {Lang::zh, {}, nullptr});
  const Section* s = find(ss, "day_check");
  ASSERT_TRUE(s);
  EXPECT_THAT(s->header[5], HasSubstr("3/4"));
  EXPECT_THAT(s->rows[0][6], HasSubstr("+60.0"));
  EXPECT_EQ(s->cell_classes[0][6], "worse");  // slower: the change cell is coloured, not the row
  EXPECT_TRUE(s->row_missed.empty());
}

TEST(HoursText, AnHourLineShowsItsTurnsResponseAndWhoWasOn) {
  HourProfile p;
  p.day = "2026-11-19";
  p.scope = "shop";
  p.platform = "jd";
  p.shop_id = "jd03";
  p.sessions = 2;
  for (int h = 0; h < 24; ++h) p.hours.push_back({.hour = h});
  p.hours[14].turns = 4;
  p.hours[14].answered = 3;
  p.hours[14].avg_response_s = 150;
  p.hours[14].max_response_s = 300;
  p.hours[14].on = {{"jd_kf05", "jd", "jd03", "", 7, 4}};
  std::ostringstream out;
  render_hours_table(p, {Lang::zh, {{"jd", "京东"}}, nullptr}, out);
  EXPECT_THAT(out.str(), HasSubstr("分时段：京东 jd03 2026-11-19"));
  EXPECT_THAT(out.str(), HasSubstr("14:00"));
  EXPECT_THAT(out.str(), HasSubstr("jd_kf05 4/7"));
  EXPECT_THAT(out.str(), ::testing::Not(HasSubstr("13:00")));  // an empty hour is left out
}

}  // namespace
}  // namespace kefu::host::report
