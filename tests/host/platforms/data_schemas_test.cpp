#include "platforms/data_schemas.h"

#include "platforms/conformance.h"

#include "platforms/loader.h"
#include "platforms/plugin.h"

#include "test_paths.hpp"

#include <kefu/abi.h>
#include <kefu/model.hpp>
#include <kefu/toolkit/schema_check.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <fstream>
#include <sstream>

namespace kefu::host {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kShipped[] = {"tmall", "jd", "douyin", "kuaishou", "pinduoduo"};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A plugin's data file in the source tree (tests/fixtures/../../plugins/...).
std::string plugin_source_file(const std::string& id, const std::string& name) {
  return read_text(test::data_file("../../plugins/" + id + "/" + name));
}

// The string values of the enum at `pointer` in `schema`, without "" and null (which say
// "not given", not a name).
std::vector<std::string> schema_enum(std::string_view schema, const char* pointer) {
  rapidjson::Document doc;
  doc.Parse(schema.data(), schema.size());
  const rapidjson::Value* e = rapidjson::Pointer(pointer).Get(doc);
  std::vector<std::string> out;
  if (!e || !e->IsArray()) return {"no enum at " + std::string(pointer)};
  for (const auto& v : e->GetArray())
    if (v.IsString() && v.GetStringLength() > 0) out.emplace_back(v.GetString());
  return out;
}

template <class Names>
std::vector<std::string> as_strings(const Names& names) {
  return {names.begin(), names.end()};
}

TEST(DataSchemas, TheSchemasEnumsAreTheSdksEnumNamesAndCatalog) {
  const std::string_view rules = answer_schema(PluginCall::rules);
  const std::string_view metrics = answer_schema(PluginCall::metric_profile);
  const auto confidence = as_strings(enum_names(Confidence{}));
  EXPECT_EQ(schema_enum(rules, "/definitions/confidence/enum"), confidence);
  EXPECT_EQ(schema_enum(metrics, "/definitions/confidence/enum"), confidence);
  EXPECT_EQ(schema_enum(rules, "/definitions/strictness/enum"), as_strings(enum_names(Strictness{})));
  EXPECT_EQ(schema_enum(rules, "/definitions/value_type/enum"), as_strings(enum_names(ValueType{})));
  EXPECT_EQ(schema_enum(rules, "/definitions/rule_key/enum"), as_strings(rule::all));
  EXPECT_EQ(schema_enum(rules, "/definitions/rule_category/enum"), as_strings(rule_category::all));
  EXPECT_EQ(schema_enum(metrics, "/definitions/value_format/enum"), as_strings(value_format::all));
  EXPECT_EQ(schema_enum(metrics, "/definitions/canonical_key/enum"), as_strings(metric::all));
  EXPECT_EQ(schema_enum(metrics, "/definitions/comparability/enum"), as_strings(enum_names(Comparability{})));
  EXPECT_EQ(schema_enum(metrics, "/definitions/param_unit/properties/value/enum"),
            as_strings(enum_names(CountingUnit{})));
  EXPECT_EQ(schema_enum(metrics, "/definitions/hours_window/properties/applies_to/enum"),
            as_strings(enum_names(HoursAppliesTo{})));
  EXPECT_EQ(schema_enum(metrics, "/definitions/param_bot_replies/properties/value/enum"),
            as_strings(enum_names(BotReplyRule{})));
  EXPECT_EQ(schema_enum(metrics, "/definitions/param_transfers/properties/value/enum"),
            as_strings(enum_names(TransferRule{})));
  EXPECT_EQ(schema_enum(metrics, "/definitions/param_closings/properties/value/enum"),
            as_strings(enum_names(ClosingRule{})));
  EXPECT_EQ(schema_enum(metrics, "/definitions/line/properties/op/enum"), as_strings(enum_names(LineOp{})));
}

TEST(DataSchemas, EveryShippedPluginsAnswersValidate) {
  for (const char* id : kShipped) {
    LoadResult loaded = load_plugin(test::plugin_file(id));
    ASSERT_TRUE(loaded.plugin) << id;
    for (PluginCall call : {PluginCall::rules, PluginCall::metric_profile}) {
      const std::optional<RawAnswer> raw = loaded.plugin->raw_call(call);
      ASSERT_TRUE(raw && raw->status == KEFU_OK) << id << " " << call_name(call);
      EXPECT_THAT(schema_violations(call, raw->out), IsEmpty()) << id << " " << call_name(call);
    }
  }
}

TEST(DataSchemas, EveryShippedPluginsDataFilesAndTheTemplatesValidate) {
  std::vector<std::string> ids(std::begin(kShipped), std::end(kShipped));
  ids.emplace_back("template");
  for (const std::string& id : ids) {
    EXPECT_THAT(schema_violations(PluginCall::rules, plugin_source_file(id, "rules.json")), IsEmpty()) << id;
    EXPECT_THAT(schema_violations(PluginCall::metric_profile, plugin_source_file(id, "metrics.json")), IsEmpty())
        << id;
  }
  // The host's own common rules are a rules.json too.
  EXPECT_THAT(schema_violations(PluginCall::rules, read_text(test::data_file("../../host/rules/data/common.json"))),
              IsEmpty());
}

TEST(DataSchemas, ABrokenRulesFileIsRefusedWithTheJsonPathOfEachBrokenRule) {
  std::string text = plugin_source_file("template", "rules.json");
  const auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace("\"strictness\": \"higher_is_stricter\"", "\"strictness\": \"harder\"");
  replace("\"effective_from\"", "\"efective_from\"");
  EXPECT_THAT(schema_violations(PluginCall::rules, text),
              ElementsAre(HasSubstr("rules.schema.json: $.rules[0].strictness: \"harder\" is not one of "
                                    "lower_is_stricter | higher_is_stricter")));
  replace("\"strictness\": \"harder\"", "\"strictness\": \"higher_is_stricter\"");
  EXPECT_THAT(schema_violations(PluginCall::rules, text),
              ElementsAre(HasSubstr("$.rules[0].efective_from: unknown key")));
}

TEST(DataSchemas, EachBrokenMetricIsNamedNotOnlyTheFirst) {
  const std::string text = R"({"metrics": [
    {"native_name": "a", "source": {"title": "t", "seen": "2026-12-01", "confidence": "guess"}},
    {"native_name": "b", "value_format": "percentage", "source": {"title": "t", "seen": "2026-12-01", "confidence": "official"}}],
    "export": {"agent_column": ["客服"]}})";
  EXPECT_THAT(schema_violations(PluginCall::metric_profile, text),
              ElementsAre(HasSubstr("$.metrics[0].source.confidence: \"guess\" is not one of official | law"),
                          HasSubstr("$.metrics[1].value_format: \"percentage\" is not one of percent"),
                          HasSubstr("$.export.agent_column: unknown key")));
}

TEST(DataSchemas, InvalidJsonIsOneViolationSayingWhere) {
  EXPECT_THAT(schema::violations("{\"rules\": [", answer_schema(PluginCall::rules), "rules.json"),
              ElementsAre(HasSubstr("rules.json: invalid JSON at byte")));
}

TEST(DataSchemas, KefuPluginsCheckPassesEachOfTheTemplatesDataFiles) {
  for (const char* name : {"rules.json", "metrics.json", "words.txt"}) {
    const ConformanceReport r = check_data_file(test::data_file(std::string("../../plugins/template/") + name));
    EXPECT_TRUE(r.ok()) << name << ": " << (r.failures.empty() ? "" : r.failures[0]);
    EXPECT_FALSE(r.passed.empty()) << name;
  }
}

TEST(DataSchemas, KefuPluginsCheckRefusesABrokenDataFileNamingTheFileAndEachPath) {
  test::TempDir dir;
  std::string rules = plugin_source_file("template", "rules.json");
  const std::string category = "\"category\": \"售后\"";
  rules.replace(rules.find(category), category.size(), "\"category\": \"售 后\"");
  std::ofstream(dir.path() + "/rules.json") << rules;
  std::ofstream(dir.path() + "/words.txt") << "国家级\t广告法极限词\tbanned\n#@list\tmaybe\n";
  const ConformanceReport r = check_data_file(dir.path() + "/rules.json");
  // The schema's violation, then the catalog's own check of the same rule, as for a plugin's answer.
  EXPECT_THAT(r.failures, ElementsAre(HasSubstr("rules.json: $.rules[0].category: \"售 后\" is not one of 服务/响应"),
                                      HasSubstr("rules.json: rules[0] aftersale.no_reason_return: category")));
  const ConformanceReport w = check_data_file(dir.path() + "/words.txt");
  EXPECT_THAT(w.failures, ElementsAre(HasSubstr("words.txt:1: severity \"banned\" is not block or warn"),
                                      HasSubstr("words.txt:2: #@list needs terms, allow or unban")));
}

}  // namespace
}  // namespace kefu::host
