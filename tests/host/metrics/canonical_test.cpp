// The canonical metric table walked whole: it is the catalog, it produces each `metrics compute`
// column exactly once in the spec's order, and what ingest stores is the figure compute prints.
#include "metrics/canonical.h"

#include "metrics/engine.h"
#include "model/catalog.h"
#include "model/whole_shop.h"
#include "present/metrics_output.h"

#include <kefu/catalog.hpp>

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::metrics {
namespace {

// The figure columns of docs/metrics.md ("Output CSV columns"), after level,platform,shop_id,agent_id,day.
const std::vector<std::string_view> kSpecFigureColumns = {"sessions",
                                                          "turns",
                                                          "answered_turns",
                                                          "replied_sessions",
                                                          "within_30s_sessions",
                                                          "within_3min_turns",
                                                          "first_response_n",
                                                          "first_response_mean_s",
                                                          "first_response_p50_s",
                                                          "first_response_p90_s",
                                                          "avg_response_s",
                                                          "reply_rate",
                                                          "within_30s_rate",
                                                          "within_3min_rate"};

std::vector<std::string_view> table_keys() {
  std::vector<std::string_view> keys;
  for (const CanonicalMetric& m : canonical_metrics()) keys.push_back(m.def.key);
  return keys;
}

GroupStats sample_stats() {
  GroupStats s;
  s.segments = 4;
  s.turns = 6;
  s.answered_turns = 5;
  s.replied_segments = 3;
  s.within_30s_segments = 2;
  s.within_3min_turns = 4;
  s.response_ms_sum = 62'500;
  s.first_response_ms = {10'000, 20'000, 70'000};
  return s;
}

TEST(CanonicalTable, EveryCatalogMetricHasOneTableEntryAndEveryEntryIsACatalogMetric) {
  const std::vector<std::string_view> sdk(metric::all.begin(), metric::all.end());
  EXPECT_EQ(table_keys(), sdk);
  std::vector<std::string_view> catalog;
  for (const MetricDef& d : metric_catalog()) catalog.push_back(d.key);
  EXPECT_EQ(catalog, table_keys());
}

TEST(CanonicalTable, EveryComputeColumnIsProducedByExactlyOneEntry) {
  std::map<std::string_view, int> producers;
  for (const CanonicalMetric& m : canonical_metrics())
    for (const ComputeColumn& c : m.columns) ++producers[c.name];
  for (std::string_view column : kSpecFigureColumns) EXPECT_EQ(producers[column], 1) << column;
  EXPECT_EQ(producers.size(), kSpecFigureColumns.size()) << "a column outside the documented spec";
}

TEST(CanonicalTable, ColumnPositionsAreTheDocumentedSpecOrder) {
  for (const CanonicalMetric& m : canonical_metrics())
    for (const ComputeColumn& c : m.columns) {
      ASSERT_GE(c.position, 0) << c.name;
      ASSERT_LT(static_cast<std::size_t>(c.position), kSpecFigureColumns.size()) << c.name;
      EXPECT_EQ(kSpecFigureColumns[static_cast<std::size_t>(c.position)], c.name);
    }
  std::vector<std::string_view> header = {"level", "platform", "shop_id", "agent_id", "day"};
  header.insert(header.end(), kSpecFigureColumns.begin(), kSpecFigureColumns.end());
  EXPECT_EQ(metric_columns(), header);
}

TEST(CanonicalTable, OnlyRecomputedMetricsHaveComputeColumns) {
  for (const CanonicalMetric& m : canonical_metrics()) EXPECT_EQ(m.figure == nullptr, m.columns.empty()) << m.def.key;
}

TEST(CanonicalTable, EachRecomputedFigureIsOneOfItsColumnsUnderItsKeyOrTheSpecsMeanName) {
  for (const CanonicalMetric& m : canonical_metrics()) {
    if (!m.figure) continue;
    std::vector<std::string_view> same;
    for (const ComputeColumn& c : m.columns)
      if (c.counts == m.figure && c.unit == m.def.unit) same.push_back(c.name);
    const std::string_view expected = m.def.key == metric::first_response_s ? "first_response_mean_s" : m.def.key;
    EXPECT_EQ(same, std::vector<std::string_view>{expected}) << m.def.key;
  }
}

TEST(CanonicalTable, StoredFiguresAreCountsAloneAndRatiosAndSecondsWithWhatTheyDivide) {
  auto stored = [](std::string_view key, const GroupStats& s) {
    for (const CanonicalMetric& m : canonical_metrics())
      if (m.def.key == key) return stored_figure(m, s);
    return std::optional<StoredFigure>();
  };
  const GroupStats s = sample_stats();
  const auto sessions = stored(metric::sessions, s);
  ASSERT_TRUE(sessions);
  EXPECT_EQ(sessions->value, 4);
  EXPECT_FALSE(sessions->numerator);
  const auto reply = stored(metric::reply_rate, s);
  ASSERT_TRUE(reply);
  EXPECT_EQ(*reply->numerator, 3);
  EXPECT_EQ(*reply->denominator, 4);
  EXPECT_DOUBLE_EQ(reply->value, 0.75);
  const auto first = stored(metric::first_response_s, s);
  ASSERT_TRUE(first);
  EXPECT_DOUBLE_EQ(*first->numerator, 100.0);  // seconds, not ms
  EXPECT_EQ(*first->denominator, 3);
  GroupStats unanswered = s;
  unanswered.answered_turns = 0;
  EXPECT_FALSE(stored(metric::avg_response_s, unanswered));  // undefined: not stored
  EXPECT_FALSE(stored(metric::satisfaction_rate, s));        // native only
}

TEST(CanonicalTable, RollupRowsCarryTheWholeShopAndComputeWritesThemAsAStar) {
  const MetricRow shop{Level::shop, "tmall", "s1", std::string(kWholeShop), 0, sample_stats()};
  const MetricRow platform{Level::platform, "tmall", "", std::string(kWholeShop), 0, sample_stats()};
  EXPECT_EQ(metric_cells(shop)[2], "s1");
  EXPECT_EQ(metric_cells(shop)[3], "*");
  EXPECT_EQ(metric_cells(platform)[2], "*");
  EXPECT_EQ(metric_cells(platform)[3], "*");
}

}  // namespace
}  // namespace kefu::host::metrics
