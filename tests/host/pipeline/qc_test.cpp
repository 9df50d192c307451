// QC at ingest (pipeline/qc.h): every agent message scanned against its shop's platform list, the
// hits kept in the store with their sentence beside how many agent messages were scanned; a
// re-ingest never doubles them, and the morning's and the afternoon's runs keep both runs' hits.
#include "pipeline/ingest.h"

#include "test_paths.hpp"
#include "test_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace kefu::host::ingest {
namespace {

const std::string kHeader = "platform,shop_id,session_id,customer_id,ts,sender,agent_id,event,content\n";
// Morning: 小王 sends the buyer to WeChat (banned on Tmall); jd_kf01 does the same on JD, whose
// stance on diversion no source gives (unknown). 小美 writes nothing wrong.
const std::string kMorning =
    "tmall,tm01,s1,c1,2026-11-17T10:00:00+08:00,customer,,msg,有优惠吗\n"
    "tmall,tm01,s1,c1,2026-11-17T10:00:20+08:00,agent,小王,msg,亲，稍等。加我微信发您优惠券！我们第一时间发货\n"
    "tmall,tm01,s2,c2,2026-11-17T10:30:00+08:00,customer,,msg,在吗\n"
    "tmall,tm01,s2,c2,2026-11-17T10:30:10+08:00,agent,小美,msg,在的亲\n"
    "jd,jd01,j1,c3,2026-11-17T11:00:00+08:00,customer,,msg,能便宜吗\n"
    "jd,jd01,j1,c3,2026-11-17T11:00:30+08:00,agent,jd_kf01,msg,有问题加我微信吧\n";
// Afternoon: 小美 promises cashback for a review, in a session of the afternoon.
const std::string kAfternoon =
    "tmall,tm01,s3,c4,2026-11-17T15:00:00+08:00,customer,,msg,好的\n"
    "tmall,tm01,s3,c4,2026-11-17T15:00:10+08:00,agent,小美,msg,收到货五星好评截图找客服返3元哦\n";

struct QcStore {
  test::TempDir dir;
  PluginRegistry registry;
  config::Config config;
  std::unique_ptr<store::Store> store;
  IngestOptions options;
  QcStore() {
    registry.load_directory(KEFU_TEST_PLUGIN_DIR);
    store = test::open_test_store(dir);
    options.qc = team_qc_lexicon(registry, config);
    options.today = "2026-11-18";
  }
  std::string log(const std::string& name, const std::string& rows) { return dir.write(name, kHeader + rows); }
  IngestOutcome ingest(const std::vector<std::string>& files) { return ingest_files(files, options, registry, *store); }
  store::StoredQc qc() const { return store->qc({"2026-11-01", "2026-11-30", {}, {}}); }
};

std::vector<std::string> hit_lines(const store::StoredQc& qc) {
  std::vector<std::string> out;
  for (const store::QcHit& h : qc.hits)
    out.push_back(h.shop_id + " " + h.agent_id + " " + h.category + " " + h.severity + " " + h.text);
  std::sort(out.begin(), out.end());
  return out;
}

std::int64_t messages(const store::StoredQc& qc, const std::string& shop, const std::string& agent) {
  for (const store::QcDay& d : qc.days)
    if (d.shop_id == shop && d.agent_id == agent) return d.messages;
  return -1;
}

TEST(Qc, IngestKeepsEachAgentHitWithItsSentenceAndTheMessagesScanned) {
  QcStore s;
  const IngestOutcome out = s.ingest({s.log("chat.csv", kMorning)});
  EXPECT_EQ(out.qc.messages, 3);
  EXPECT_EQ(out.qc.block, 1);
  EXPECT_EQ(out.qc.unknown, 1);
  const store::StoredQc qc = s.qc();
  ASSERT_EQ(qc.hits.size(), 2u);
  const store::QcHit& tm = qc.hits[1].platform == "tmall" ? qc.hits[1] : qc.hits[0];
  EXPECT_EQ(tm.day, "2026-11-17");
  EXPECT_EQ(tm.agent_id, "小王");
  EXPECT_EQ(tm.session_id, "s1");
  EXPECT_EQ(tm.ts, 1794880820000);  // 2026-11-17T10:00:20+08:00
  EXPECT_EQ(tm.category, "引流/站外联系");
  EXPECT_EQ(tm.severity, "block");
  EXPECT_EQ(tm.stance, "banned");
  EXPECT_EQ(tm.term, "微信");
  EXPECT_EQ(tm.text, "微信");
  EXPECT_EQ(tm.mode, "literal");
  EXPECT_EQ(tm.sentence, "加我微信发您优惠券！");  // the sentence, not the whole message
  // Messages scanned: per agent, and the shop's own row (scanned at all, even without a hit).
  EXPECT_EQ(messages(qc, "tm01", "小王"), 1);
  EXPECT_EQ(messages(qc, "tm01", "小美"), 1);
  EXPECT_EQ(messages(qc, "tm01", ""), 2);
  EXPECT_EQ(messages(qc, "jd01", ""), 1);
}

TEST(Qc, AHitOfUnknownStanceIsKeptApartAndNeverAsAViolation) {
  QcStore s;
  s.ingest({s.log("chat.csv", kMorning)});
  const store::StoredQc qc = s.qc();
  const auto jd = std::find_if(qc.hits.begin(), qc.hits.end(), [](const store::QcHit& h) { return h.platform == "jd"; });
  ASSERT_NE(jd, qc.hits.end());
  EXPECT_EQ(jd->severity, "unknown");
  EXPECT_EQ(jd->stance, "unknown");
  EXPECT_EQ(jd->category, "引流/站外联系");
}

TEST(Qc, ReingestingTheSameFileDoesNotDoubleTheHits) {
  QcStore s;
  const std::string log = s.log("chat.csv", kMorning + kAfternoon);
  s.ingest({log});
  const auto first = hit_lines(s.qc());
  const IngestOutcome again = s.ingest({log});
  EXPECT_EQ(again.qc.kept, 0);  // every stored hit's message was carried again: replaced, not kept
  EXPECT_EQ(hit_lines(s.qc()), first);
  EXPECT_EQ(first.size(), 3u);
  EXPECT_EQ(messages(s.qc(), "tm01", ""), 3);
}

TEST(Qc, TheMorningAndAfternoonRunsKeepBothRunsHits) {
  QcStore whole, parts;
  whole.ingest({whole.log("chat.csv", kMorning + kAfternoon)});
  parts.ingest({parts.log("morning.csv", kMorning)});
  const IngestOutcome afternoon = parts.ingest({parts.log("afternoon.csv", kAfternoon)});
  EXPECT_EQ(afternoon.qc.kept, 1);  // 小王's morning hit on tm01's day, kept
  EXPECT_EQ(hit_lines(parts.qc()), hit_lines(whole.qc()));
  EXPECT_THAT(hit_lines(parts.qc()),
              testing::ElementsAre("jd01 jd_kf01 引流/站外联系 unknown 微信", "tm01 小王 引流/站外联系 block 微信",
                                   "tm01 小美 好评返现/虚假交易 block 好评截图"));
  EXPECT_EQ(messages(parts.qc(), "tm01", ""), 3);  // the day's agent messages, both runs'
  EXPECT_EQ(messages(parts.qc(), "tm01", "小美"), 2);
}

TEST(Qc, AnAfternoonExportRepeatingTheMorningCountsEachHitOnce) {
  QcStore s;
  s.ingest({s.log("morning.csv", kMorning)});
  s.ingest({s.log("day.csv", kMorning + kAfternoon)});  // the day's export so far: the morning again
  EXPECT_EQ(hit_lines(s.qc()).size(), 3u);
  EXPECT_EQ(messages(s.qc(), "tm01", ""), 3);
}

TEST(Qc, WithoutAScanTheStoreHoldsNoQcAndEarlierScansStay) {
  QcStore s;
  s.ingest({s.log("chat.csv", kMorning)});
  IngestOptions off = s.options;
  off.qc = {};
  const IngestOutcome out = ingest_files({s.log("afternoon.csv", kAfternoon)}, off, s.registry, *s.store);
  EXPECT_EQ(out.qc.messages, 0);
  EXPECT_EQ(hit_lines(s.qc()).size(), 2u);  // the morning's, untouched
}

TEST(Qc, ADayWhoseEarlierMessagesWereNeverScannedIsMarkedPartial) {
  QcStore s;
  IngestOptions off = s.options;
  off.qc = {};  // as a kefu before schema 6 stored the morning: sessions, no QC
  ingest_files({s.log("morning.csv", kMorning)}, off, s.registry, *s.store);
  s.ingest({s.log("afternoon.csv", kAfternoon)});
  bool partial = false;
  for (const store::QcDay& d : s.qc().days)
    if (d.shop_id == "tm01" && d.agent_id.empty()) partial = d.partial;
  EXPECT_TRUE(partial);  // the morning's messages are counted, never scanned: the report says so
  EXPECT_EQ(hit_lines(s.qc()).size(), 1u);  // the afternoon's only
}

}  // namespace
}  // namespace kefu::host::ingest
