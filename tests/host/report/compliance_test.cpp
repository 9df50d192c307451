// The report's QC part (report/compliance.h): hits per agent by category and verdict against the
// previous week, unknown-stance hits apart, 0 hits (of N messages) told from "not scanned", and
// rows per roster person.
#include "report/compliance.h"

#include "base/calendar.h"

#include "test_paths.hpp"
#include "test_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host::report {
namespace {

store::QcHit hit(const std::string& shop, const std::string& agent, const std::string& day, const std::string& category,
                 const std::string& severity, std::int64_t begin = 0) {
  store::QcHit h;
  h.platform = shop.substr(0, 2) == "tm" ? "tmall" : "jd";
  h.shop_id = shop;
  h.day = day;
  h.agent_id = agent;
  h.session_id = shop + "-" + day;
  h.ts = static_cast<std::int64_t>(*calendar::parse_day(day)) * 86'400'000 + 3'600'000;
  h.begin = begin;
  h.length = 6;
  h.category = category;
  h.severity = severity;
  h.stance = severity == "unknown" ? "unknown" : "banned";
  h.term = h.text = "微信";
  h.mode = "literal";
  h.sentence = "加我微信吧";
  return h;
}

// tm01: 小王 three diversion hits in W47, none in W46; 小美 one cashback hit in W46, none in W47.
// jd01: jd_kf01 one hit of unknown stance in W47. Both weeks scanned.
std::unique_ptr<store::Store> qc_store(const test::TempDir& dir, bool scanned = true) {
  auto store = test::open_test_store(dir);
  store::IngestBatch b{"chat.csv", "chat_log", {}};
  if (scanned)
    for (const std::string day : {"2026-11-10", "2026-11-17"}) {
      for (const std::string shop : {"tm01", "jd01"}) b.qc.days.push_back({shop == "tm01" ? "tmall" : "jd", shop, day});
      b.qc.counts.push_back({"tmall", "tm01", day, "", 40, false});
      b.qc.counts.push_back({"tmall", "tm01", day, "小王", 25, false});
      b.qc.counts.push_back({"tmall", "tm01", day, "小美", 15, false});
      b.qc.counts.push_back({"jd", "jd01", day, "", 10, false});
      b.qc.counts.push_back({"jd", "jd01", day, "jd_kf01", 10, false});
    }
  if (scanned) {
    for (int i = 0; i < 3; ++i) b.qc.hits.push_back(hit("tm01", "小王", "2026-11-17", "引流/站外联系", "block", i));
    b.qc.hits.push_back(hit("tm01", "小美", "2026-11-10", "好评返现/虚假交易", "block"));
    b.qc.hits.push_back(hit("jd01", "jd_kf01", "2026-11-18", "引流/站外联系", "unknown"));
    b.qc.days.push_back({"jd", "jd01", "2026-11-18"});
    b.qc.counts.push_back({"jd", "jd01", "2026-11-18", "", 3, false});
  }
  store->ingest(b);
  return store;
}

Report week47() {
  Report r;
  r.period = iso_week("2026-W47");
  r.previous = previous(r.period);
  r.by = By::shop;
  return r;
}

const ComplianceRow* row(const Compliance& c, const std::string& key) {
  for (const ComplianceRow& r : c.rows)
    if (r.key == key) return &r;
  return nullptr;
}

TEST(Compliance, EachAgentsHitsByCategoryAndVerdictAgainstThePreviousWeek) {
  test::TempDir dir;
  const auto store = qc_store(dir);
  Report r = week47();
  add_compliance(r, *store, config::Config{}, {});
  ASSERT_TRUE(r.compliance);
  const Compliance& c = *r.compliance;
  EXPECT_EQ(c.by, "agent");  // a shop report's QC rows are its agents
  EXPECT_TRUE(c.scanned);
  EXPECT_TRUE(c.previous_scanned);
  EXPECT_EQ(c.messages, 40 + 10 + 3);
  EXPECT_EQ(c.violations, 3);
  EXPECT_EQ(c.previous_violations, 1);
  const ComplianceRow* wang = row(c, "tmall/tm01/小王");
  ASSERT_NE(wang, nullptr);
  EXPECT_EQ(wang->label, "小王 @ tm01");
  ASSERT_EQ(wang->categories.size(), 1u);
  EXPECT_EQ(wang->categories[0].category, "引流/站外联系");
  EXPECT_EQ(wang->categories[0].block, 3);
  EXPECT_EQ(wang->categories[0].previous_block, 0);
  EXPECT_EQ(wang->categories[0].change, 3);  // "小王: 3 引流 hits this week, 0 last week"
  EXPECT_EQ(wang->messages, 25);
  const ComplianceRow* mei = row(c, "tmall/tm01/小美");
  ASSERT_NE(mei, nullptr);
  EXPECT_EQ(mei->violations, 0);
  EXPECT_EQ(mei->previous_violations, 1);
  EXPECT_EQ(mei->change, -1);
  EXPECT_EQ(c.rows.front().key, "tmall/tm01/小王");  // most violations first
  ASSERT_EQ(c.hits.size(), 4u);  // this week's only, by time
  EXPECT_EQ(c.hits[0].time, "2026-11-17 09:00:00");
  EXPECT_EQ(c.weeks.size(), 2u);  // 小王's and jd_kf01's week
}

TEST(Compliance, AHitOfUnknownStanceIsCountedApartAndNeverAsAViolation) {
  test::TempDir dir;
  const auto store = qc_store(dir);
  Report r = week47();
  add_compliance(r, *store, config::Config{}, {});
  const ComplianceRow* jd = row(*r.compliance, "jd/jd01/jd_kf01");
  ASSERT_NE(jd, nullptr);
  EXPECT_EQ(jd->violations, 0);
  EXPECT_EQ(jd->unknown, 1);
  EXPECT_EQ(jd->categories[0].unknown, 1);
  EXPECT_EQ(jd->categories[0].change, 0);  // violations only
  EXPECT_EQ(r.compliance->unknown, 1);
}

TEST(Compliance, APeriodNothingWasScannedInIsUnknownNotZero) {
  test::TempDir dir;
  const auto store = qc_store(dir, false);
  Report r = week47();
  add_compliance(r, *store, config::Config{}, {});
  ASSERT_TRUE(r.compliance);
  EXPECT_FALSE(r.compliance->scanned);
  EXPECT_TRUE(r.compliance->rows.empty());
}

TEST(Compliance, OnlyTheReportsShopsAreRead) {
  test::TempDir dir;
  const auto store = qc_store(dir);
  Report r = week47();
  add_compliance(r, *store, config::Config{}, {"jd01"});
  EXPECT_EQ(r.compliance->rows.size(), 1u);
  EXPECT_EQ(r.compliance->violations, 0);
}

TEST(Compliance, ByPersonARostersAccountsMakeOneRow) {
  test::TempDir dir;
  const auto store = qc_store(dir);
  const config::Config config = config::parse_config(R"({"roster": [
      {"id": "wang", "name": "小王", "team": "A组", "accounts": [{"platform": "tmall", "name": "小王"},
                                                               {"platform": "jd", "name": "jd_kf01"}]}]})",
                                                     "kefu.json");
  Report r = week47();
  r.by = By::person;
  add_compliance(r, *store, config, {});
  const ComplianceRow* wang = row(*r.compliance, "person/wang");
  ASSERT_NE(wang, nullptr);
  EXPECT_EQ(wang->violations, 3);
  EXPECT_EQ(wang->unknown, 1);
  EXPECT_EQ(wang->messages, 25 + 10);
  ASSERT_NE(row(*r.compliance, "tmall/tm01/小美"), nullptr);  // an account no person holds keeps its row
}

}  // namespace
}  // namespace kefu::host::report
