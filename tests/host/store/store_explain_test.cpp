// The store's explain tables: what an ingest keeps for `kefu explain` comes back as written,
// a re-ingested day replaces its findings (in the values' transaction), and the retention drops
// old days' findings and messages but remembers that it did.
#include "store/store.h"

#include "test_paths.hpp"
#include "test_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host::store {
namespace {

StoredValue shop_value(const std::string& shop, const std::string& day) {
  StoredValue s;
  s.value = {"tmall", shop, "", day, "reply_rate", "reply_rate", 0.5, Availability::available, "recomputed"};
  s.numerator = 1;
  s.denominator = 2;
  s.definition = "kefu/2";
  s.source = "chat.csv";
  return s;
}

StoredFinding finding(const std::string& shop, const std::string& day, const std::string& session, std::int64_t ordinal,
                      const std::string& reason = "unanswered") {
  return {"tmall", shop, day, "reply_rate", "", ordinal, session, "a1", reason, 1'700'000'000'000 + ordinal, -1};
}

StoredMessage message(const std::string& shop, const std::string& day, const std::string& session, std::int64_t seq,
                      const std::string& content) {
  return {"tmall", shop, day, session, seq, 1'700'000'000'000 + seq, "customer", "", "msg", content};
}

// One shop day with one finding and its session's last two messages.
IngestBatch day_batch(const std::string& shop, const std::string& day, const std::string& session) {
  IngestBatch b{"chat.csv", "chat_log", {shop_value(shop, day)}, {}};
  b.explain.days.push_back({"tmall", shop, day, "kefu/2", true, 5});
  b.explain.findings.push_back(finding(shop, day, session, 0));
  b.explain.messages.push_back(message(shop, day, session, 0, "在吗"));
  b.explain.messages.push_back(message(shop, day, session, 1, "能便宜点吗"));
  return b;
}

StoredExplanation read(const Store& s, const std::string& shop, const std::string& from, const std::string& to) {
  return s.explanation({from, to, "", shop, "reply_rate", ""});
}

TEST(StoreExplain, FindingsAndMessagesComeBackAsTheIngestWroteThem) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  EXPECT_EQ(store->schema_version(), 6);
  IngestBatch b = day_batch("s1", "2026-11-16", "D");
  b.explain.findings.push_back({"tmall", "s1", "2026-11-16", "reply_rate", "", 1, "E", "", "late", 5, 45'000});
  b.explain.findings.push_back({"tmall", "s1", "2026-11-16", "within_30s_rate", "a1", 0, "F", "a1", "late", 6, 31'000});
  store->ingest(b);

  const StoredExplanation e = read(*store, "s1", "2026-11-16", "2026-11-16");
  ASSERT_EQ(e.days.size(), 1u);
  EXPECT_EQ(e.days[0].definition, "kefu/2");
  EXPECT_TRUE(e.days[0].kept);
  EXPECT_EQ(e.days[0].messages, 5);
  ASSERT_EQ(e.findings.size(), 2u);  // the other metric's (and view's) finding is not this query's
  EXPECT_EQ(e.findings[0].session_id, "D");
  EXPECT_EQ(e.findings[0].delay_ms, -1);
  EXPECT_EQ(e.findings[1].session_id, "E");
  EXPECT_EQ(e.findings[1].reason, "late");
  EXPECT_EQ(e.findings[1].delay_ms, 45'000);
  ASSERT_EQ(e.messages.size(), 2u);  // only D's: E has no messages stored
  EXPECT_EQ(e.messages[0].content, "在吗");
  EXPECT_EQ(e.messages[1].content, "能便宜点吗");
  EXPECT_EQ(e.messages[1].seq, 1);

  const StoredExplanation view =
      store->explanation({"2026-11-16", "2026-11-16", "tmall", "s1", "within_30s_rate", "a1"});
  ASSERT_EQ(view.findings.size(), 1u);
  EXPECT_EQ(view.findings[0].delay_ms, 31'000);
  EXPECT_TRUE(read(*store, "s1", "2026-11-17", "2026-11-23").days.empty());
}

TEST(StoreExplain, ReingestingADayReplacesItsFindingsAndMessages) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  store->ingest(day_batch("s1", "2026-11-16", "D"));
  store->ingest(day_batch("s1", "2026-11-17", "X"));
  store->ingest(day_batch("s1", "2026-11-16", "D"));  // the same day again: no duplicates
  EXPECT_EQ(read(*store, "s1", "2026-11-16", "2026-11-16").findings.size(), 1u);
  EXPECT_EQ(read(*store, "s1", "2026-11-16", "2026-11-16").messages.size(), 2u);

  IngestBatch fixed = day_batch("s1", "2026-11-16", "Z");  // the day's log was corrected
  fixed.explain.messages.pop_back();
  store->ingest(fixed);
  const StoredExplanation e = read(*store, "s1", "2026-11-16", "2026-11-17");
  ASSERT_EQ(e.findings.size(), 2u);
  EXPECT_EQ(e.findings[0].session_id, "Z");
  EXPECT_EQ(e.findings[1].session_id, "X");  // the other day is untouched
  ASSERT_EQ(e.messages.size(), 3u);

  IngestBatch none = day_batch("s1", "2026-11-16", "Z");  // now nothing missed that day
  none.explain.findings.clear();
  none.explain.messages.clear();
  store->ingest(none);
  EXPECT_TRUE(read(*store, "s1", "2026-11-16", "2026-11-16").findings.empty());
  EXPECT_EQ(read(*store, "s1", "2026-11-16", "2026-11-16").days.size(), 1u);  // explained, with nothing missed
}

TEST(StoreExplain, AFailedIngestLeavesTheOldFindingsInPlace) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  store->ingest(day_batch("s1", "2026-11-16", "D"));
  IngestBatch b = day_batch("s1", "2026-11-16", "Z");
  b.explain.findings.push_back(finding("s1", "2026-11-16", "Z", 0));  // the same key twice: the insert fails
  EXPECT_THROW(store->ingest(b), std::runtime_error);
  const StoredExplanation e = read(*store, "s1", "2026-11-16", "2026-11-16");
  ASSERT_EQ(e.findings.size(), 1u);
  EXPECT_EQ(e.findings[0].session_id, "D");
  EXPECT_EQ(e.messages.size(), 2u);
}

TEST(StoreExplain, TheRetentionDropsOldDaysButRemembersThatItDid) {
  test::TempDir dir;
  auto store = test::open_test_store(dir);
  store->ingest(day_batch("s1", "2026-11-01", "A"));
  store->ingest(day_batch("s2", "2026-11-10", "B"));
  IngestBatch later = day_batch("s1", "2026-11-20", "C");
  later.explain.keep_from = "2026-11-05";
  store->ingest(later);
  const StoredExplanation old = read(*store, "s1", "2026-11-01", "2026-11-01");
  ASSERT_EQ(old.days.size(), 1u);
  EXPECT_FALSE(old.days[0].kept);
  EXPECT_TRUE(old.findings.empty());
  EXPECT_TRUE(old.messages.empty());
  EXPECT_EQ(read(*store, "s2", "2026-11-10", "2026-11-10").findings.size(), 1u);  // another shop, recent enough
  EXPECT_EQ(read(*store, "s1", "2026-11-20", "2026-11-20").findings.size(), 1u);

  IngestBatch nothing{"x.csv", "native_export", {}, {}};  // keep_days 0: every day, every shop
  nothing.explain.keep_from = "9999-12-31";
  store->ingest(nothing);
  for (const auto& [shop, day] : {std::pair{"s2", "2026-11-10"}, std::pair{"s1", "2026-11-20"}}) {
    const StoredExplanation e = read(*store, shop, day, day);
    EXPECT_TRUE(e.findings.empty()) << shop;
    EXPECT_TRUE(e.messages.empty()) << shop;
    ASSERT_EQ(e.days.size(), 1u);
    EXPECT_FALSE(e.days[0].kept);
  }
}

}  // namespace
}  // namespace kefu::host::store
