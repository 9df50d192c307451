// What `kefu ingest` keeps for `kefu explain`, read back without the chat logs: the same
// explanation as from the files, and, when the store cannot give it, why — day by day.
#include "pipeline/explain_store.h"

#include "base/calendar.h"
#include "model/whole_shop.h"
#include "pipeline/ingest.h"
#include "test_paths.hpp"
#include "test_store.hpp"
#include "words/closings.h"

#include <kefu/catalog.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

namespace kefu::host::ingest {
namespace {

using metrics::Canonical;
using test::data_file;
using ::testing::ElementsAre;

std::string repo_file(const std::string& relative) { return data_file("../../" + relative); }

struct Ingested {
  test::TempDir dir;
  PluginRegistry registry;
  std::unique_ptr<store::Store> store;
  std::vector<std::string> logs;

  explicit Ingested(std::vector<std::string> files, Canonical version = Canonical::v2, ExplainRetention keep = {}) {
    registry.load_directory(KEFU_TEST_PLUGIN_DIR);
    store = test::open_test_store(dir);
    for (std::size_t i = 0; i < files.size(); ++i)
      logs.push_back(dir.copy_in(files[i], "chat" + std::to_string(i) + ".csv"));
    IngestOptions options;
    options.definitions = version;
    options.explain = keep;
    options.today = "2026-12-01";
    ingest_files(logs, options, registry, *store);
  }
};

// kefu explain from the files, as cmd_explain computes it.
StoredExplain from_files(const std::vector<std::string>& logs, const StoredExplainQuery& q) {
  chatlog::ChatEvents events;
  chatlog::ChatReadOptions read;
  static const words::ClosingList closings = words::ClosingList::defaults();
  read.closing_only = [](std::string_view c) { return closings.closing_only(c); };
  for (const auto& f : logs) chatlog::read_chat_log(f, events, read);
  StoredExplain out;
  out.explanation = metrics::explain(
      events, q.version,
      {q.metric, q.platform, q.shop_id, q.agent, *calendar::parse_day(q.from), *calendar::parse_day(q.to)});
  auto& f = out.explanation.findings;
  std::stable_sort(f.begin(), f.end(), [](const auto& a, const auto& b) {
    return std::tie(a.day, a.platform) < std::tie(b.day, b.platform);
  });
  std::unordered_set<std::string> wanted;
  for (const auto& x : f) wanted.insert(std::string(events.sessions.name(x.session)));
  for (const auto& l : logs) chatlog::read_session_tails(l, wanted, q.last, out.tails);
  return out;
}

std::string describe(const StoredExplain& e) {
  std::string out = "units " + std::to_string(e.explanation.units) + "\n";
  for (const auto& f : e.explanation.findings) {
    std::string key;
    chatlog::session_key(key, f.platform, f.shop_id, f.session_id);
    out += f.platform + "/" + f.shop_id + "/" + f.session_id + " " + calendar::format_day(f.day) + " " + f.agent + " " +
           metrics::shortfall_name(f.reason) + " " + std::to_string(f.asked_ms) + " " + std::to_string(f.delay_ms) +
           ":";
    if (const auto t = e.tails.find(key); t != e.tails.end())
      for (const auto& m : t->second)
        out += " [" + std::to_string(m.ts) + " " + m.sender + " " + m.agent_id + " " + m.event + " " + m.content + "]";
    out += "\n";
  }
  return out;
}

TEST(ExplainStore, TheStoreGivesTheUnassignedSessionWithItsLastMessages) {
  Ingested in({data_file("metrics/transfer_story.csv")});
  const StoredExplain e =
      explain_from_store(*in.store, {"reply_rate", Canonical::v2, "", "s1", "", "2026-11-16", "2026-11-16", 3});
  EXPECT_TRUE(e.complete());
  EXPECT_EQ(e.explanation.units, 4);
  ASSERT_EQ(e.explanation.findings.size(), 1u);
  EXPECT_EQ(e.explanation.findings[0].session_id, "D");
  EXPECT_EQ(e.explanation.findings[0].reason, metrics::Shortfall::never_assigned);
  EXPECT_EQ(e.messages_kept, 5);
  ASSERT_EQ(e.tails.size(), 1u);
  EXPECT_EQ(e.tails.begin()->second.back().content, "能便宜点吗");
}

TEST(ExplainStore, EveryMetricViewAndDefinitionMatchesTheFiles) {
  const std::vector<std::string> demo{repo_file("config/samples/demo/chat-jd.csv"),
                                      repo_file("config/samples/demo/chat-tmall.csv"),
                                      data_file("metrics/transfer_story.csv")};
  for (Canonical version : {Canonical::v1, Canonical::v2}) {
    Ingested in(demo, version);
    const std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> shops = {
        {"jd02", "2026-11-16", {"", "jd_kf03", "jd_kf04", std::string(kUnassigned)}},
        {"tm02", "2026-11-09", {"", "阿杰", "小雨"}},
        {"s1", "2026-11-16", {"", "a1", "a2", std::string(kUnassigned)}}};
    for (const auto& [shop, monday, agents] : shops)
      for (const std::string_view m : {metric::reply_rate, metric::within_30s_rate, metric::within_3min_rate})
        for (const std::string& agent : agents) {
          const std::string sunday = calendar::format_day(*calendar::parse_day(monday) + 6);
          const StoredExplainQuery q{std::string(m), version, "", shop, agent, monday, sunday, 3};
          const StoredExplain stored = explain_from_store(*in.store, q);
          EXPECT_TRUE(stored.complete());
          const std::string what =
              std::string(metrics::canonical_id(version)) + " " + shop + " " + std::string(m) + " " + agent;
          EXPECT_EQ(describe(stored), describe(from_files(in.logs, q))) << what;
        }
  }
}

TEST(ExplainStore, DaysIngestedBeforeExplanationsWereKeptAreNamed) {
  Ingested in({data_file("metrics/transfer_story.csv")});
  // What an older kefu wrote: values, no explanations.
  store::IngestBatch old{"old.csv", "chat_log", {}, {}};
  for (store::StoredValue v : in.store->values({"2026-11-16", "2026-11-16", {}, {}})) {
    v.value.day = "2026-11-17";
    old.values.push_back(v);
  }
  in.store->ingest(old);
  const StoredExplain e =
      explain_from_store(*in.store, {"reply_rate", Canonical::v2, "", "s1", "", "2026-11-16", "2026-11-22", 3});
  EXPECT_FALSE(e.complete());
  EXPECT_THAT(e.never_explained, ElementsAre("2026-11-17"));
  EXPECT_THAT(e.days_without_data, ElementsAre("2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"));

  const StoredExplain later =
      explain_from_store(*in.store, {"reply_rate", Canonical::v2, "", "s1", "", "2026-11-23", "2026-11-24", 3});
  EXPECT_THAT(later.nothing_stored, ElementsAre("2026-11-23", "2026-11-24"));

  const StoredExplain v1 =
      explain_from_store(*in.store, {"reply_rate", Canonical::v1, "", "s1", "", "2026-11-16", "2026-11-16", 3});
  EXPECT_THAT(v1.other_definition, ElementsAre("2026-11-16"));
  EXPECT_EQ(v1.stored_definition, "kefu/2");
}

TEST(ExplainStore, TheRetentionKeepsRecentDaysOnlyAndZeroKeepsNothing) {
  Ingested short_memory({data_file("metrics/transfer_story.csv")}, Canonical::v2,
                        {10, 5});  // 2026-11-16 is 15 days old
  StoredExplain e = explain_from_store(*short_memory.store,
                                       {"reply_rate", Canonical::v2, "", "s1", "", "2026-11-16", "2026-11-16", 3});
  EXPECT_THAT(e.not_kept, ElementsAre("2026-11-16"));
  EXPECT_TRUE(e.explanation.findings.empty());

  Ingested none({data_file("metrics/transfer_story.csv")}, Canonical::v2, {0, 5});
  e = explain_from_store(*none.store, {"reply_rate", Canonical::v2, "", "s1", "", "2026-11-16", "2026-11-16", 3});
  EXPECT_THAT(e.not_kept, ElementsAre("2026-11-16"));

  Ingested no_messages({data_file("metrics/transfer_story.csv")}, Canonical::v2, {400, 0});
  e = explain_from_store(*no_messages.store,
                         {"reply_rate", Canonical::v2, "", "s1", "", "2026-11-16", "2026-11-16", 3});
  EXPECT_TRUE(e.complete());
  EXPECT_EQ(e.explanation.findings.size(), 1u);
  EXPECT_TRUE(e.tails.empty());
}

}  // namespace
}  // namespace kefu::host::ingest
