// The period views (report/periods.h) and the hour profile (report/hours.h) on a small store:
// a month's weeks side by side with sums of numerators and denominators, last year said empty,
// the daily check against the same weekday, a person's own unusual days across two accounts, the
// rotation view, and when a shop's slow hour happened and who was on.
#include "report/hours.h"
#include "report/periods.h"

#include "base/calendar.h"
#include "chatlog/session_rows.h"
#include "test_paths.hpp"
#include "test_store.hpp"

#include <gtest/gtest.h>

namespace kefu::host::report {
namespace {

store::StoredValue value(const std::string& platform, const std::string& shop, const std::string& agent,
                         const std::string& day, const std::string& metric, double num, double den) {
  store::StoredValue s;
  s.value = {platform, shop, agent, day, metric, metric, num / den, Availability::available, "recomputed"};
  s.numerator = num, s.denominator = den;
  s.definition = "kefu recomputed";
  s.source = "chat.csv";
  return s;
}

std::string day_of(std::int32_t d) { return calendar::format_day(d); }
std::int32_t d(const char* s) { return *calendar::parse_day(s); }

config::Config team() {
  return config::parse_config(R"({"shops": [
      {"id": "tm01", "platform": "tmall"}, {"id": "dy01", "platform": "douyin"}],
    "roster": [
      {"id": "xiaolu", "name": "小鹿", "accounts": [
        {"platform": "douyin", "name": "抖音-小鹿", "to": "2026-10-15"},
        {"platform": "tmall", "name": "小鹿", "from": "2026-10-16"}]},
      {"id": "amei", "name": "阿美", "accounts": [
        {"platform": "tmall", "name": "阿美"}, {"platform": "douyin", "name": "抖音-阿美"}]}]})",
                              "team.json");
}

class Periods : public ::testing::Test {
 protected:
  void SetUp() override { store_ = test::open_test_store(dir_); }
  void ingest(std::vector<store::StoredValue> values, std::vector<store::StoredSession> sessions = {}) {
    store::IngestBatch b{"fixture", "chat_log", std::move(values)};
    b.sessions = std::move(sessions);
    store_->ingest(b);
  }
  ReportOptions options(Period p, By by = By::shop) { return ReportOptions{p, false, by, {}, {}}; }
  test::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  config::Config config_ = team();
};

TEST_F(Periods, AMonthsWeeksAddNumeratorsAndDenominatorsAndSayLastYearHasNoData) {
  // W45 (11-02..11-08): 9/10 and 10/90 → 19/100, not the mean of the two days' rates (0.51).
  ingest({value("tmall", "tm01", "", "2026-11-02", "reply_rate", 9, 10),
          value("tmall", "tm01", "", "2026-11-03", "reply_rate", 10, 90),
          value("tmall", "tm01", "", "2026-11-10", "reply_rate", 8, 10)});
  const PeriodView v = month_weeks(*store_, config_, options(month("2026-11")));
  ASSERT_EQ(v.columns.size(), 8u);  // W44 (11-01 only) .. W49 (11-30 only), the month, last year
  EXPECT_EQ(v.columns[0].label, "2026-W44");
  EXPECT_EQ(v.columns[0].from, "2026-11-01");
  EXPECT_EQ(v.columns[0].to, "2026-11-01");
  EXPECT_EQ(v.columns[0].periods_with_data, 0);
  EXPECT_EQ(v.columns[1].label, "2026-W45");
  EXPECT_EQ(v.columns[6].kind, "month");
  EXPECT_EQ(v.columns[7].kind, "last_year");
  EXPECT_EQ(v.columns[7].label, "2025-11");
  EXPECT_EQ(v.columns[7].periods_with_data, 0);
  ASSERT_EQ(v.metrics, std::vector<std::string>{"reply_rate"});
  ASSERT_EQ(v.lines.size(), 3u);  // dy01 (configured, no data), tm01, the total
  EXPECT_TRUE(v.lines[2].total);
  const ViewLine& tm01 = v.lines[1];
  ASSERT_EQ(tm01.key, "tmall/tm01");
  EXPECT_FALSE(tm01.values[0][0]);
  EXPECT_DOUBLE_EQ(*tm01.values[0][1], 19.0 / 100);
  EXPECT_DOUBLE_EQ(tm01.denominators[0][1], 100);
  EXPECT_DOUBLE_EQ(*tm01.values[0][2], 0.8);
  EXPECT_DOUBLE_EQ(*tm01.values[0][6], 27.0 / 110);
  EXPECT_FALSE(tm01.values[0][7]);
}

TEST_F(Periods, TheDayIsCheckedAgainstTheSameWeekdayOfTheFourWeeksBeforePooled) {
  // 2026-11-19 is a Thursday; the Thursdays before: 11-12, 11-05, 10-29, 10-22. A Wednesday in
  // between (11-18) is not part of the mean.
  ingest({value("jd", "jd03", "", "2026-11-19", "reply_rate", 5, 10),
          value("jd", "jd03", "", "2026-11-12", "reply_rate", 10, 10),
          value("jd", "jd03", "", "2026-11-05", "reply_rate", 18, 20),
          value("jd", "jd03", "", "2026-10-22", "reply_rate", 9, 10),
          value("jd", "jd03", "", "2026-11-18", "reply_rate", 0, 10)});
  const PeriodView v = day_check(*store_, config_, options(one_day("2026-11-19")));
  ASSERT_EQ(v.columns.size(), 3u);
  EXPECT_EQ(v.columns[1].label, "2026-11-12");
  EXPECT_EQ(v.columns[2].periods, 4);
  EXPECT_EQ(v.columns[2].periods_with_data, 3);  // 10-29 has none
  EXPECT_EQ(v.columns[2].from, "2026-10-22");
  const ViewLine* jd03 = nullptr;
  for (const ViewLine& l : v.lines)
    if (l.key == "jd/jd03") jd03 = &l;
  ASSERT_TRUE(jd03);
  ASSERT_TRUE(jd03->values[0][0] && jd03->values[0][1] && jd03->values[0][2]);
  EXPECT_DOUBLE_EQ(*jd03->values[0][0], 0.5);
  EXPECT_DOUBLE_EQ(*jd03->values[0][1], 1.0);
  EXPECT_DOUBLE_EQ(*jd03->values[0][2], 37.0 / 40);
}

TEST_F(Periods, APersonsUnusualDayIsJudgedOnTheirOwnAccountsJoined) {
  std::vector<store::StoredValue> values;
  // 14 quiet days on two accounts: all answered. Then one day half unanswered on both accounts.
  for (std::int32_t day = d("2026-11-05"); day < d("2026-11-19"); ++day) {
    values.push_back(value("tmall", "tm01", "阿美", day_of(day), "reply_rate", 10, 10));
    values.push_back(value("douyin", "dy01", "抖音-阿美", day_of(day), "reply_rate", 10, 10));
  }
  values.push_back(value("tmall", "tm01", "阿美", "2026-11-19", "reply_rate", 5, 10));
  values.push_back(value("douyin", "dy01", "抖音-阿美", "2026-11-19", "reply_rate", 5, 10));
  ingest(values);
  const auto found = person_anomalies(*store_, config_, options(one_day("2026-11-19")));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].row_key, "person/amei");
  EXPECT_EQ(found[0].label, "阿美");
  EXPECT_EQ(found[0].platform, "douyin,tmall");
  EXPECT_DOUBLE_EQ(found[0].value, 10.0 / 20);
  EXPECT_TRUE(found[0].worse);
}

TEST_F(Periods, TheRotationViewShowsThePersonsWeeksBeforeAndAfterTheMove) {
  ingest({value("douyin", "dy01", "抖音-小鹿", "2026-10-14", "reply_rate", 9, 10),
          value("tmall", "tm01", "小鹿", "2026-10-16", "reply_rate", 6, 10),
          value("tmall", "tm01", "小鹿", "2026-11-10", "reply_rate", 10, 10)});
  const auto views = rotations(*store_, config_, options(month("2026-10")), month("2026-10"));
  ASSERT_EQ(views.size(), 1u);
  const PeriodView& v = views[0];
  EXPECT_EQ(v.subject, "xiaolu");
  EXPECT_EQ(v.from_platform, "douyin");
  EXPECT_EQ(v.to_platform, "tmall");
  EXPECT_EQ(v.moved_on, "2026-10-16");
  ASSERT_EQ(v.columns.size(), 10u);  // 4 weeks before, 4 after, each side pooled
  EXPECT_EQ(v.columns[3].label, "2026-10-09..2026-10-15");
  EXPECT_EQ(v.columns[4].label, "2026-10-16..2026-10-22");
  ASSERT_EQ(v.lines.size(), 1u);
  EXPECT_EQ(v.lines[0].key, "person/xiaolu");
  EXPECT_DOUBLE_EQ(*v.lines[0].values[0][3], 0.9);
  EXPECT_DOUBLE_EQ(*v.lines[0].values[0][4], 0.6);
  EXPECT_DOUBLE_EQ(*v.lines[0].values[0][9], 16.0 / 20);
  // No move in November: no view.
  EXPECT_TRUE(rotations(*store_, config_, options(month("2026-11")), month("2026-11")).empty());
}

TEST_F(Periods, TheHourProfileShowsWhenTheSlowTurnsHappenedAndWhoWasOn) {
  const std::int64_t h14 = 1795068300000 - 5 * 60'000;  // 2026-11-19 14:00 +08:00
  auto session = [&](const std::string& id, std::int64_t start, std::int64_t reply_after_ms, const std::string& agent) {
    const std::vector<chatlog::SessionRow> rows{{start, chatlog::EventKind::customer, ""},
                                                {start + 1000, chatlog::EventKind::customer, ""},
                                                {start + reply_after_ms, chatlog::EventKind::agent, agent}};
    return store::StoredSession{"tmall", "tm01", id, "2026-11-19", 0, chatlog::encode_rows(rows)};
  };
  ingest({value("tmall", "tm01", "", "2026-11-19", "reply_rate", 3, 3)},
         {session("s1", h14 - 3'600'000, 10'000, "阿美"),      // 13:00, 10 s
          session("s2", h14 + 60'000, 300'000, "阿美"),         // 14:01, 300 s
          session("s3", h14 + 120'000, 100'000, "小鹿")});      // 14:02, 100 s
  const auto p = shop_hours(*store_, config_, "tm01", "2026-11-19");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->sessions, 3);
  ASSERT_EQ(p->hours.size(), 24u);
  EXPECT_EQ(p->hours[13].turns, 1);
  EXPECT_DOUBLE_EQ(*p->hours[13].avg_response_s, 10);
  EXPECT_EQ(p->hours[14].turns, 2);
  EXPECT_EQ(p->hours[14].answered, 2);
  EXPECT_EQ(p->hours[14].customer_messages, 4);
  EXPECT_DOUBLE_EQ(*p->hours[14].avg_response_s, 200);
  EXPECT_DOUBLE_EQ(*p->hours[14].max_response_s, 300);
  ASSERT_EQ(p->hours[14].on.size(), 2u);
  EXPECT_EQ(p->hours[14].on[0].person + "," + p->hours[14].on[1].person, "xiaolu,amei");
  // 阿美's own day: her two turns, none of 小鹿's.
  const auto mine = person_hours(*store_, config_, "amei", "2026-11-19");
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->hours[14].turns, 1);
  EXPECT_EQ(mine->hours[13].turns, 1);
  EXPECT_EQ(mine->sessions, 2);
  EXPECT_FALSE(shop_hours(*store_, config_, "tm01", "2026-11-18"));
}

}  // namespace
}  // namespace kefu::host::report
