// Every run adds, none erases (docs/report.md "Every run adds"): a shop's day exported twice —
// the morning's and the afternoon's file, ingested as two runs the way a daily job does — leaves
// the store exactly as one run over both files; an afternoon export that repeats the morning
// counts each conversation once; and a day stored before the store kept sessions is named.
#include "pipeline/ingest.h"

#include "chatlog/session_rows.h"
#include "test_paths.hpp"
#include "test_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace kefu::host::ingest {
namespace {

using test::data_file;

// The demo's JD log (two weeks of two shops), its rows split at an instant into two files.
struct SplitLog {
  test::TempDir dir;
  std::string whole = dir.copy_in(data_file("../../config/samples/demo/chat-jd.csv"), "whole.csv");
  std::string morning = dir.path() + "/morning.csv", afternoon = dir.path() + "/afternoon.csv";

  explicit SplitLog(const std::string& at) {
    std::ifstream in(whole);
    std::string header, line;
    std::getline(in, header);
    std::ofstream a(morning), b(afternoon);
    a << header << '\n';
    b << header << '\n';
    while (std::getline(in, line)) {
      const std::string ts = line.substr(nth_comma(line, 4) + 1, 25);  // the ts column, +08:00 throughout
      (ts < at ? a : b) << line << '\n';
    }
  }
  static std::size_t nth_comma(const std::string& line, int n) {
    std::size_t at = 0;
    for (int i = 0; i < n; ++i) at = line.find(',', at) + 1;
    return at - 1;
  }
};

// Everything a store holds for the JD shops, the file names and ingest numbers left out; findings
// in their stored order (ordinals count within a run, so only their order is compared).
std::string contents(const store::Store& s) {
  std::ostringstream out;
  for (const auto& v : s.values({"2000-01-01", "2100-01-01", {}, {}})) {
    const MetricValue& m = v.value;
    out << m.platform << ' ' << m.shop_id << ' ' << m.agent_id << ' ' << m.day << ' ' << m.metric << ' ' << m.origin
        << ' ' << m.value << ' ' << v.numerator.value_or(-1) << ' ' << v.denominator.value_or(-1) << ' '
        << v.definition << '\n';
  }
  for (const std::string shop : {"jd01", "jd02"})
    for (const std::string metric : {"reply_rate", "within_30s_rate", "within_3min_rate"}) {
      const auto e = s.explanation({"2000-01-01", "2100-01-01", "jd", shop, metric, ""});
      for (const auto& f : e.findings)
        out << f.day << ' ' << f.metric << ' ' << f.session_id << ' ' << f.agent << ' ' << f.reason
            << ' ' << f.asked_ms << ' ' << f.delay_ms << '\n';
      for (const auto& m : e.messages)
        out << m.session_id << ' ' << m.seq << ' ' << m.ts << ' ' << m.sender << ' ' << m.content << '\n';
    }
  // QC (pipeline/qc.h): every day's messages scanned and every hit (jd_kf02's 微信 on 11-18).
  const store::StoredQc qc = s.qc({"2000-01-01", "2100-01-01", {}, {}});
  for (const auto& d : qc.days) out << "qc " << d.shop_id << ' ' << d.day << ' ' << d.agent_id << ' ' << d.messages << ' ' << d.partial << '\n';
  for (const auto& h : qc.hits)
    out << "hit " << h.shop_id << ' ' << h.day << ' ' << h.agent_id << ' ' << h.session_id << ' ' << h.ts << ' '
        << h.occurrence << ' ' << h.begin << ' ' << h.severity << ' ' << h.term << ' ' << h.sentence << '\n';
  return out.str();
}

std::unique_ptr<store::Store> open(const test::TempDir& dir, const std::string& name) {
  return test::open_test_store(dir, {}, name);
}

TEST(EveryRunAdds, TheMorningAndTheAfternoonAsTwoRunsStoreWhatOneRunOverBothStores) {
  SplitLog log("2026-11-18T11:22:30+08:00");
  PluginRegistry registry;
  registry.load_directory(KEFU_TEST_PLUGIN_DIR);
  const config::Config config;
  IngestOptions options;
  options.today = "2026-11-30";
  options.qc = team_qc_lexicon(registry, config);  // the QC hits and counts add up the same way
  auto one = open(log.dir, "one.db");
  ingest_files({log.morning, log.afternoon}, options, registry, *one);
  auto two = open(log.dir, "two.db");
  ingest_files({log.morning}, options, registry, *two);
  const IngestOutcome second = ingest_files({log.afternoon}, options, registry, *two);
  EXPECT_GT(second.joined.stored_sessions, 0);
  EXPECT_GT(second.joined.continued_sessions, 0);  // conversations running across noon
  EXPECT_TRUE(second.joined.days_without_sessions.empty());
  EXPECT_EQ(second.qc.kept, 1);  // jd_kf02's morning hit, on a day the afternoon continues
  EXPECT_THAT(contents(*two), testing::HasSubstr("hit jd01 2026-11-18 jd_kf02"));
  EXPECT_EQ(contents(*one), contents(*two));
}

TEST(EveryRunAdds, AnAfternoonExportThatRepeatsTheMorningCountsEachConversationOnce) {
  SplitLog log("2026-11-18T11:22:30+08:00");
  PluginRegistry registry;
  registry.load_directory(KEFU_TEST_PLUGIN_DIR);
  const config::Config config;
  IngestOptions options;
  options.today = "2026-11-30";
  options.qc = team_qc_lexicon(registry, config);
  auto once = open(log.dir, "once.db");
  ingest_files({log.whole}, options, registry, *once);
  auto twice = open(log.dir, "twice.db");
  ingest_files({log.morning}, options, registry, *twice);
  ingest_files({log.whole}, options, registry, *twice);
  EXPECT_EQ(contents(*once), contents(*twice));
}

TEST(EveryRunAdds, ReingestingTheSameFileChangesNothing) {
  SplitLog log("2026-11-18T11:22:30+08:00");
  PluginRegistry registry;
  auto s = open(log.dir, "kefu.db");
  const IngestOutcome first = ingest_files({log.whole}, {}, registry, *s);
  const std::string before = contents(*s);
  const IngestOutcome again = ingest_files({log.whole}, {}, registry, *s);
  EXPECT_EQ(again.summary.written, 0);
  EXPECT_EQ(again.summary.unchanged, first.summary.written);
  EXPECT_EQ(again.joined.continued_sessions, again.joined.stored_sessions);
  EXPECT_EQ(contents(*s), before);
}

TEST(EveryRunAdds, ADayStoredBeforeSessionsWereKeptIsNamedWhenARunReplacesIt) {
  SplitLog log("2026-11-18T11:22:30+08:00");
  PluginRegistry registry;
  auto s = open(log.dir, "kefu.db");
  // As a schema-3 store left it: the day's figures, no sessions.
  store::IngestBatch old{"old", "chat_log", {}, {}, {}};
  store::StoredValue v;
  v.value = {"jd", "jd02", "", "2026-11-18", "sessions", "sessions", 3, Availability::available, "recomputed"};
  v.definition = "kefu/2";
  old.values.push_back(v);
  s->ingest(old);
  const IngestOutcome out = ingest_files({log.afternoon}, {}, registry, *s);
  EXPECT_THAT(out.joined.days_without_sessions, testing::Contains("jd/jd02 2026-11-18"));
}

TEST(SessionRows, RowsSurviveTheirEncodingAndDamageIsRefused) {
  const std::vector<chatlog::SessionRow> rows = {{1'763'000'000'000, chatlog::EventKind::customer, ""},
                                                {1'763'000'005'000, chatlog::EventKind::agent, "京东客服01"},
                                                {1'763'000'004'000, chatlog::EventKind::transfer, "小王"},
                                                {1'763'000'009'000, chatlog::EventKind::closing, ""}};
  const std::string bytes = chatlog::encode_rows(rows);
  EXPECT_EQ(chatlog::decode_rows(bytes), rows);
  EXPECT_THROW(chatlog::decode_rows(bytes.substr(0, bytes.size() - 1)), std::runtime_error);
  EXPECT_THROW(chatlog::decode_rows(bytes + "x"), std::runtime_error);
  EXPECT_THROW(chatlog::decode_rows(std::string("\x01\xff\xff\xff\xff\x0f", 6)), std::runtime_error);
}

}  // namespace
}  // namespace kefu::host::ingest
