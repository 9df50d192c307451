// kefu::DataPlugin: a plugin made of rules.json, metrics.json and words.txt.
#include <kefu/data_plugin.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace kefu {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::string_view kRules = R"({"version": "2026-11-23", "rules": [{"key": "service.response_threshold",
  "category": "服务/响应", "native_name": "首次响应", "value": {"type": "duration", "known": true, "number": 30},
  "strictness": "lower_is_stricter", "source": {"title": "规则", "seen": "2026-11-23", "confidence": "official"}}]})";

constexpr std::string_view kMetrics = R"({"export": {"agent_columns": ["客服"], "day_columns": ["日期"]},
  "metrics": [{"native_name": "3分钟回复率", "canonical_key": "within_3min_rate", "export_columns": ["3分钟回复率"],
               "value_format": "percent"}]})";

constexpr std::string_view kMetricsWithoutExport =
    R"({"metrics": [{"native_name": "满意率", "canonical_key": "satisfaction_rate"}]})";

constexpr std::string_view kWords =
    "#@source\tconfidence=law\tseen=2026-11-23\ttitle=广告法第九条\n国家级\t广告法极限词\tblock\n";

PlatformInfo identity() { return {.id = "demo", .name_zh = "示例", .name_en = "Demo", .version = "1.0.0"}; }

TEST(DataPlugin, AnswersRulesMetricsAndWordsFromItsData) {
  DataPlugin plugin(Host(nullptr), identity(), {kRules, kMetrics, kWords});
  const RuleSet rules = plugin.rules();
  EXPECT_EQ(rules.version, "2026-11-23");
  ASSERT_EQ(rules.rules.size(), 1u);
  EXPECT_EQ(rules.rules[0].key, rule::service_response_threshold);
  ASSERT_EQ(plugin.metric_profile().metrics.size(), 1u);
  EXPECT_EQ(plugin.metric_profile().metrics[0].canonical_key, metric::within_3min_rate);
  const WordList words = plugin.words();
  ASSERT_EQ(words.terms.size(), 1u);
  EXPECT_EQ(words.terms[0].text, "国家级");
  EXPECT_EQ(words.terms[0].source.confidence, Confidence::law);
}

TEST(DataPlugin, DeclaresEveryDataCapabilityInCatalogOrderWhenItShipsAllThreeFiles) {
  const DataPlugin plugin(Host(nullptr), identity(), {kRules, kMetrics, kWords});
  EXPECT_THAT(plugin.info().capabilities, ElementsAre("rules", "words", "metric_profile", "native_import"));
  EXPECT_EQ(plugin.info().id, "demo");
  EXPECT_EQ(plugin.info().name_zh, "示例");
}

TEST(DataPlugin, DeclaresOnlyWhatItsDataGivesAndAnswersUnsupportedForTheRest) {
  DataPlugin plugin(Host(nullptr), identity(), {.rules_json = kRules});
  EXPECT_THAT(plugin.info().capabilities, ElementsAre("rules"));
  EXPECT_THROW(plugin.words(), Unsupported);
  EXPECT_THROW(plugin.metric_profile(), Unsupported);
  EXPECT_THROW(plugin.import_native({}, "客服,日期\n"), Unsupported);
}

TEST(DataPlugin, MetricsWithoutExportColumnsGiveAProfileButNoNativeImport) {
  DataPlugin plugin(Host(nullptr), identity(), {.metrics_json = kMetricsWithoutExport});
  EXPECT_THAT(plugin.info().capabilities, ElementsAre("metric_profile"));
  EXPECT_THROW(plugin.import_native({}, "客服,日期\n"), Unsupported);
}

TEST(DataPlugin, AnEmptyShippedWordListStillDeclaresWordsForTheMerchantsOwnLists) {
  const DataPlugin plugin(Host(nullptr), identity(), {.words_txt = "# no public list found\n"});
  EXPECT_THAT(plugin.info().capabilities, ElementsAre("words"));
  EXPECT_TRUE(plugin.words().terms.empty());
}

TEST(DataPlugin, ImportsTheExportUnderItsOwnPlatformId) {
  DataPlugin plugin(Host(nullptr), identity(), {.metrics_json = kMetrics});
  const ImportResult result =
      plugin.import_native({.file_name = "x.csv", .shop_id = "s1"}, "客服,日期,3分钟回复率\n小王,2026-11-16,85.5%\n");
  ASSERT_EQ(result.values.size(), 1u);
  EXPECT_EQ(result.values[0].platform, "demo");
  EXPECT_EQ(result.values[0].metric, metric::within_3min_rate);
  EXPECT_EQ(result.values[0].origin, origin::native_export);
  EXPECT_DOUBLE_EQ(result.values[0].value, 0.855);
}

// One platform export in two versions: 2024 renamed the column and the agent column.
constexpr std::string_view kVersionedMetrics = R"({
  "export": {"name": "客服绩效（2024 版）", "agent_columns": ["客服账号"], "day_columns": ["日期"]},
  "export_versions": [{"name": "客服绩效（2021 版）", "agent_columns": ["客服"], "day_columns": ["日期"],
                       "columns": [{"native_name": "3分钟回复率", "columns": ["三分钟回复率"]}]}],
  "metrics": [{"native_name": "3分钟回复率", "canonical_key": "within_3min_rate", "export_columns": ["3分钟回复率"],
               "value_format": "percent"}]})";

TEST(DataPlugin, ReadsEachVersionOfTheExportWithItsOwnColumnsAndNamesTheVersion) {
  DataPlugin plugin(Host(nullptr), identity(), {.metrics_json = kVersionedMetrics});
  const ImportResult now =
      plugin.import_native({.file_name = "new.csv", .shop_id = "s1"}, "客服账号,日期,3分钟回复率\n小王,2026-11-16,85.5%\n");
  const ImportResult then =
      plugin.import_native({.file_name = "old.csv", .shop_id = "s1"}, "客服,日期,三分钟回复率\n小王,2021-11-16,90%\n");
  ASSERT_EQ(now.values.size(), 1u);
  ASSERT_EQ(then.values.size(), 1u);
  EXPECT_DOUBLE_EQ(now.values[0].value, 0.855);
  EXPECT_DOUBLE_EQ(then.values[0].value, 0.9);
  EXPECT_EQ(then.values[0].native_name, "3分钟回复率");  // the same metric under its old column
  ASSERT_FALSE(now.notes.empty());
  ASSERT_FALSE(then.notes.empty());
  EXPECT_EQ(now.notes[0], "export layout: 客服绩效（2024 版）");
  EXPECT_EQ(then.notes[0], "export layout: 客服绩效（2021 版）");
}

TEST(DataPlugin, AnExportVersionThatRenamesAnUnknownMetricOrHasNoNameFailsCreation) {
  std::string unknown(kVersionedMetrics);
  const std::string renamed = R"({"native_name": "3分钟回复率", "columns")";
  unknown.replace(unknown.find(renamed), renamed.size(), R"({"native_name": "5分钟回复率", "columns")");
  try {
    DataPlugin plugin(Host(nullptr), identity(), {.metrics_json = unknown});
    FAIL() << "a version renaming no metric was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("metrics.json: $.export_versions[0].columns[0].native_name: \"5分钟回复率\" is no metric"));
  }
  std::string unnamed(kVersionedMetrics);
  const std::string name = R"("name": "客服绩效（2021 版）", )";
  unnamed.replace(unnamed.find(name), name.size(), "");
  try {
    DataPlugin plugin(Host(nullptr), identity(), {.metrics_json = unnamed});
    FAIL() << "an unnamed version was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("metrics.json: $.export_versions[0].name: missing"));
  }
}

TEST(DataPlugin, ABrokenMetricsFileFailsCreationNamingTheFile) {
  try {
    DataPlugin plugin(Host(nullptr), identity(), {.metrics_json = R"({"metrics": 3})"});
    FAIL() << "created a plugin from a broken metrics.json";
  } catch (const json::ParseError& e) {
    EXPECT_THAT(e.what(), HasSubstr("metrics.json: $.metrics: expected an array"));
  }
}

TEST(DataPlugin, ABrokenRulesFileFailsTheRulesCallNotCreation) {
  DataPlugin plugin(Host(nullptr), identity(), {.rules_json = "{"});
  EXPECT_THAT(plugin.info().capabilities, ElementsAre("rules"));
  EXPECT_THROW(plugin.rules(), json::ParseError);
}

// A platform with an API: the data answers stay, fetch is the subclass's own.
struct FetchingPlugin final : DataPlugin {
  explicit FetchingPlugin(Host host)
      : DataPlugin(host,
                   {.id = "demo",
                    .name_zh = "示例",
                    .name_en = "Demo",
                    .version = "1.0.0",
                    .capabilities = {std::string(kCapApiFetch)}},
                   {kRules, kMetrics, kWords}) {}
  FetchResult fetch(const FetchRequest& request) override {
    FetchResult result;
    result.values.push_back({"demo", request.shop_id, "", request.from, std::string(metric::sessions), "会话数", 3,
                             Availability::available, std::string(origin::api)});
    return result;
  }
};

TEST(DataPlugin, ASubclassAddsItsFetchAndTheCapabilityItDeclares) {
  const FetchingPlugin plugin(Host(nullptr));
  EXPECT_THAT(plugin.info().capabilities,
              ElementsAre("rules", "words", "metric_profile", "native_import", "api_fetch"));
}

TEST(DataPlugin, ASubclassAnswersThroughTheCAbiLikeAnyPlugin) {
  kefu_plugin_instance instance{};
  std::string error;
  kefu_sink err = detail::string_sink(error);
  ASSERT_EQ(detail::Adapter<FetchingPlugin>::create(nullptr, &instance, &err), KEFU_OK) << error;
  std::string rules, fetched;
  kefu_sink rules_out = detail::string_sink(rules), fetch_out = detail::string_sink(fetched);
  EXPECT_EQ(instance.vtable->rules(instance.self, &rules_out, &err), KEFU_OK) << error;
  EXPECT_EQ(json::read<RuleSet>(rules, "rules").rules.at(0).key, rule::service_response_threshold);
  const std::string request = R"({"shop_id": "s1", "from": "2026-11-16", "to": "2026-11-16"})";
  EXPECT_EQ(instance.vtable->fetch(instance.self, {request.data(), request.size()}, &fetch_out, &err), KEFU_OK)
      << error;
  EXPECT_EQ(json::read<FetchResult>(fetched, "fetch").values.at(0).origin, origin::api);
  instance.vtable->destroy(instance.self);
}

}  // namespace
}  // namespace kefu
