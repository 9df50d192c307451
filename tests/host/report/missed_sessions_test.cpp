// The report's missed sessions: what ingest kept for kefu explain, set under each shop's
// shortfall, with totals per reason, and linked from the grid in HTML.
#include "report/missed_sessions.h"

#include "pipeline/ingest.h"
#include "present/report_render.h"
#include "test_paths.hpp"
#include "test_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace kefu::host::report {
namespace {

using ::testing::HasSubstr;

TEST(MissedSessions, TheSessionBehindAShopsShortfallIsListedWithItsReasonAndLastMessageAndLinkedFromTheGrid) {
  test::TempDir dir;
  PluginRegistry registry;
  auto store = test::open_test_store(dir);
  const std::string log = dir.copy_in(test::data_file("metrics/transfer_story.csv"), "chat.csv");
  ingest::IngestOptions options;
  options.today = "2026-11-20";
  ingest::ingest_files({log}, options, registry, *store);

  config::Config config;
  Report r = build_report(*store, config, {day_range("2026-11-16", "2026-11-16"), false, By::shop, {}, {}});
  add_missed_sessions(r, *store);
  // kefu/2: of A, B, C, D only D is unreplied — nobody ever held it (C5).
  const auto reply = std::find_if(r.missed_totals.begin(), r.missed_totals.end(),
                                  [](const MissedTotal& t) { return t.metric == "reply_rate"; });
  ASSERT_NE(reply, r.missed_totals.end());
  EXPECT_EQ(reply->reason, "never_assigned");
  EXPECT_EQ(reply->count, 1);
  const auto d = std::find_if(r.missed.begin(), r.missed.end(),
                              [](const MissedSession& m) { return m.metric == "reply_rate"; });
  ASSERT_NE(d, r.missed.end());
  EXPECT_EQ(d->session_id, "D");
  EXPECT_EQ(d->asked_at, "2026-11-16 12:00:00");
  EXPECT_EQ(d->last_message, "customer: 能便宜点吗");

  std::ostringstream html;
  render_html(r, {Lang::zh, {}}, html);
  EXPECT_THAT(html.str(), HasSubstr("<a href=\"#missed-tmall-s1\">"));
  EXPECT_THAT(html.str(), HasSubstr("<tr id=\"missed-tmall-s1\">"));
  EXPECT_THAT(html.str(), HasSubstr("s1 回复率：未达标 1（从未分配给客服 1）"));
}

TEST(MissedSessions, OnlyTheByShopViewListsThem) {
  test::TempDir dir;
  PluginRegistry registry;
  auto store = test::open_test_store(dir);
  const std::string log = dir.copy_in(test::data_file("metrics/transfer_story.csv"), "chat.csv");
  ingest::IngestOptions options;
  options.today = "2026-11-20";
  ingest::ingest_files({log}, options, registry, *store);
  Report r = build_report(*store, config::Config{}, {day_range("2026-11-16", "2026-11-16"), false, By::agent, {}, {}});
  add_missed_sessions(r, *store);
  EXPECT_TRUE(r.missed.empty());
}

}  // namespace
}  // namespace kefu::host::report
