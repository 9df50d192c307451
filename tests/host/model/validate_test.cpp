#include "model/validate.h"

#include <kefu/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

Source law() { return {"《中华人民共和国消费者权益保护法》第二十五条", "", "2026-11-23", Confidence::law, ""}; }

Rule valid_rule() {
  Rule r;
  r.key = "aftersale.no_reason_return";
  r.category = "售后";
  r.native_name = "七天无理由退货";
  r.value = {ValueType::duration, true, 7 * 86400.0, false, "7天", 0, 0};
  r.strictness = Strictness::higher_is_stricter;
  r.source = law();
  return r;
}

TEST(ValidateTest, AValidRuleSetHasNoProblems) {
  EXPECT_THAT(validate_rules({"2026-11-23", {valid_rule()}}), IsEmpty());
}

TEST(ValidateTest, RuleProblemsNameTheRuleAndWhatToFix) {
  Rule unknown_key = valid_rule();
  unknown_key.key = "service.made_up";
  Rule no_source = valid_rule();
  no_source.key = "service.hours";
  no_source.category = "服务时间";
  no_source.source = {};
  no_source.value = {ValueType::time_window, true, 0, false, "", 23 * 60, 8 * 60};
  const auto problems = validate_rules({"v1", {unknown_key, no_source}});
  EXPECT_THAT(
      problems,
      ElementsAre("rules[0] service.made_up: key is not in the host's rule catalog",
                  "rules[1] service.hours: time window must satisfy 0 <= from < to <= 1440 minutes",
                  "rules[1] service.hours: source.title is empty: every fact must say where it comes from",
                  "rules[1] service.hours: source.seen \"\": expected the date it was read, YYYY-MM-DD",
                  "rules[1] service.hours: source.url is empty: only a statute, a merchant's own list or an entry "
                  "with no source (confidence none) may omit it, or a note starting \"no URL:\" that says why "
                  "there is none"));
}

TEST(ValidateTest, DuplicateRuleKeysAreRefused) {
  const auto problems = validate_rules({"v1", {valid_rule(), valid_rule()}});
  EXPECT_THAT(problems, ElementsAre("rules[1] aftersale.no_reason_return: key appears twice without effective_from"));
}

TEST(ValidateTest, TermsNeedAKnownCategoryAndASource) {
  Term ok{"国家级", "广告法极限词", Severity::block, "", {"《广告法》第九条", "", "2026-11-23", Confidence::law, ""}};
  Term bad{"加微信", "引流", Severity::block, "", {}};
  const auto problems = validate_words({{ok, bad}, {}, {}});
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0], "terms[1] \"加微信\": category \"引流\" is unknown");
  EXPECT_THAT(problems[1], HasSubstr("source.title is empty"));
}

TEST(ValidateTest, MetricProfilesMapToCatalogKeysAndExplainNonComparability) {
  NativeMetric m;
  m.native_name = "咚咚首次30秒应答率";
  m.canonical_key = "within_30_rate";
  m.comparability = Comparability::not_comparable;
  m.definition = "first reply within 30 s, sessions started 09:00-23:00";
  m.source = {"京东风向标客服咨询指标最新规则", "https://maijiaw.com/article/505791", "2026-11-23",
              Confidence::third_party, ""};
  EXPECT_THAT(
      validate_metric_profile({{m}}),
      ElementsAre(
          "metrics[0] 咚咚首次30秒应答率: canonical_key \"within_30_rate\" is not in the host's metric catalog",
          "metrics[0] 咚咚首次30秒应答率: comparability is not 'same' but comparability_note does not say how or why"));
}

TEST(ValidateTest, AMetricNamedTwiceOrAnExportColumnGivenToTwoMetricsIsAProblem) {
  NativeMetric a;
  a.native_name = "平均人工响应时长";
  a.definition = "minutes to an agent's reply";
  a.value_format = "minutes";
  a.export_columns = {"平均人工响应时长", "平均人工响应时长"};
  a.source = {"拼多多商家后台", "https://mms.pinduoduo.com", "2026-11-23", Confidence::official, ""};
  NativeMetric b = a;
  b.export_columns = {"平均人工响应时长（分钟）", "平均人工响应时长"};
  const auto problems = validate_metric_profile({{a, b}});
  EXPECT_THAT(problems, Not(Contains(HasSubstr("metrics[0] 平均人工响应时长: export column"))));  // twice in one: harmless
  EXPECT_THAT(problems, Contains("metrics[1] 平均人工响应时长: native_name is also metrics[0] 平均人工响应时长's; "
                                 "each metric once"));
  EXPECT_THAT(problems, Contains(HasSubstr("metrics[1] 平均人工响应时长: export column \"平均人工响应时长\" is also "
                                           "metrics[0]")));
  EXPECT_THAT(problems, Not(Contains(HasSubstr("value_format"))));  // minutes is a format
}

TEST(ValidateTest, AChatLayoutsProblemsNameTheirKey) {
  ChatLayout l;
  l.id = "canonical";
  l.columns.session_id = {"会话ID"};
  l.columns.ts = {"时间"};
  l.senders.customer = {"买家"};
  l.senders.agent = {"买家"};
  l.time_format = "unix";
  const auto team = validate_chat_layout(l, "chat_layouts[0]", LayoutOrigin::team);
  EXPECT_THAT(team, Contains(HasSubstr("chat_layouts[0].id: \"canonical\" is the built-in layout")));
  EXPECT_THAT(team, Contains(HasSubstr("chat_layouts[0].columns.sender: missing")));
  EXPECT_THAT(team, Contains(HasSubstr("chat_layouts[0].senders.agent[0]: \"买家\" is listed under two senders")));
  EXPECT_THAT(team, Contains(HasSubstr("chat_layouts[0].time_format: \"unix\"")));
  EXPECT_THAT(team, Contains(HasSubstr("chat_layouts[0].values.platform: missing")));
  // A plugin's layout may leave the platform to the plugin, and must carry its source.
  const auto plugin = validate_chat_layout(l, "chat_layouts[0]", LayoutOrigin::plugin);
  EXPECT_THAT(plugin, Not(Contains(HasSubstr("values.platform"))));
  EXPECT_THAT(plugin, Contains(HasSubstr("source.title is empty")));
}

TEST(ValidateTest, IdentityRules) {
  PlatformInfo info{"pdd", "拼多多", "Pinduoduo", "0.1.0", {"rules", "rules", "telepathy"}, {}};
  EXPECT_THAT(
      validate_identity(info),
      ElementsAre(
          "capability \"rules\" is listed twice",
          "capability \"telepathy\" is unknown: expected rules, words, metric_profile, native_import or api_fetch"));
  info.capabilities = {};
  info.version = "1.0";
  EXPECT_THAT(validate_identity(info), ElementsAre("version \"1.0\": expected MAJOR.MINOR.PATCH"));
}

}  // namespace
}  // namespace kefu::host

namespace kefu::host {
namespace {

TEST(ValidateSourcesTest, AnEntryWithNoSourceIsLabelledNoneAndNeedsNoUrl) {
  Rule r = valid_rule();
  r.value.known = false;
  r.source = {"未找到公开来源", "", "2026-11-23", Confidence::none, "nothing was found", ""};
  EXPECT_THAT(validate_rules({"v", {r}}), IsEmpty());
  r.source.url = "https://example.com/x";
  EXPECT_THAT(validate_rules({"v", {r}}), Contains(HasSubstr("confidence is none but source.url")));
}

TEST(ValidateSourcesTest, AKnownValueWithNoSourceIsRejected) {
  Rule r = valid_rule();
  r.source = {"未找到公开来源", "", "2026-11-23", Confidence::none, "", ""};
  EXPECT_THAT(validate_rules({"v", {r}}), Contains(HasSubstr("a value with no source is a guess")));
}

TEST(ValidateSourcesTest, EffectiveFromIsADateUnknownOrEmpty) {
  Rule r = valid_rule();
  r.effective_from = "unknown";
  EXPECT_THAT(validate_rules({"v", {r}}), IsEmpty());
  r.effective_from = "lately";
  EXPECT_THAT(validate_rules({"v", {r}}), Contains(HasSubstr("\"unknown\" (in force now")));
}

// What an SDK 1.3-1.6 plugin sends: no quoted_in, no "none" label; it must still read and validate.
TEST(ValidateSourcesTest, ARuleSetAsAnOlderSdkWroteItStillValidates) {
  const RuleSet set = json::read<RuleSet>(R"({"version":"2026-11-23","rules":[{"key":"service.hours",
      "category":"服务时间","native_name":"考核时段","value":{"type":"time_window","known":true,
      "window_from_min":540,"window_to_min":1380},"strictness":"higher_is_stricter","effective_from":"2021-12-01",
      "source":{"title":"t","url":"https://example.com/r","seen":"2026-11-23","confidence":"third_party","note":""}}]})",
                                          "an SDK 1.3 answer");
  EXPECT_THAT(validate_rules(set), IsEmpty());
  EXPECT_EQ(set.rules[0].source.quoted_in, "");
}

}  // namespace
}  // namespace kefu::host
