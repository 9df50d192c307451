#include <kefu/json.hpp>
#include <kefu/model.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace kefu {
namespace {

TEST(JsonTest, RuleRoundTripsWithEnumsAsNames) {
  Rule rule;
  rule.key = "service.hours";
  rule.category = "服务时间";
  rule.native_name = "考核时段";
  rule.value.type = ValueType::time_window;
  rule.value.known = true;
  rule.value.window_from_min = 8 * 60;
  rule.value.window_to_min = 23 * 60;
  rule.strictness = Strictness::none;
  rule.source = {"《广告法》", "", "2026-11-23", Confidence::law, ""};
  const std::string text = json::write(RuleSet{"2026-11-23", {rule}});
  EXPECT_NE(text.find("\"type\":\"time_window\""), std::string::npos);
  EXPECT_NE(text.find("\"confidence\":\"law\""), std::string::npos);
  EXPECT_NE(text.find("服务时间"), std::string::npos) << "UTF-8 must not be escaped";

  const auto back = json::read<RuleSet>(text, "test");
  ASSERT_EQ(back.rules.size(), 1u);
  EXPECT_EQ(back.rules[0].value.window_to_min, 23 * 60);
  EXPECT_EQ(back.rules[0].source.confidence, Confidence::law);
  EXPECT_EQ(back.rules[0].category, "服务时间");
}

TEST(JsonTest, MissingKeysKeepDefaultsUnknownKeysAreIgnored) {
  const auto info = json::read<PlatformInfo>(R"({"id":"pdd","future_key":[1,2]})", "info");
  EXPECT_EQ(info.id, "pdd");
  EXPECT_TRUE(info.capabilities.empty());
}

TEST(JsonTest, WrongTypeNamesThePath) {
  try {
    json::read<RuleSet>(R"({"rules":[{"key":"a"},{"value":{"number":"ten"}}]})", "rules of tmall");
    FAIL() << "expected a ParseError";
  } catch (const json::ParseError& e) {
    EXPECT_STREQ(e.what(), "rules of tmall: $.rules[1].value.number: expected a number, found a string");
  }
}

TEST(JsonTest, UnknownEnumNameListsTheAllowedOnes) {
  try {
    json::read<Term>(R"({"severity":"maybe"})", "term");
    FAIL();
  } catch (const json::ParseError& e) {
    EXPECT_STREQ(e.what(), "term: $.severity: expected one of block | warn, found \"maybe\"");
  }
}

TEST(JsonTest, InvalidJsonAndInvalidUtf8AreRejected) {
  EXPECT_THROW(json::read<PlatformInfo>("{\"id\":", "x"), json::ParseError);
  EXPECT_THROW(json::read<PlatformInfo>("{\"id\":\"\xff\"}", "x"), json::ParseError);
}

TEST(JsonTest, DeeplyNestedInputIsAnErrorNotAStackOverflow) {
  const std::string deep = std::string(200'000, '[') + std::string(200'000, ']');
  EXPECT_THROW(json::read<RuleSet>(deep, "deep"), json::ParseError);  // expected an object, found an array
  EXPECT_THROW(json::read<RuleSet>(std::string(200'000, '['), "deep"), json::ParseError);
}

// Found by fuzz_json_model: what the reader accepted, the writer wrote as invalid UTF-8.
TEST(JsonTest, ALoneLowSurrogateEscapeIsReadAsTheReplacementCharacterSoItRoundTrips) {
  const auto notes = json::read<std::vector<std::string>>(R"(["a\udc00b","\ud83d\ude00"])", "t");
  EXPECT_EQ(notes.at(0),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(notes.at(1), "\xF0\x9F\x98\x80");
  EXPECT_EQ(json::read<std::vector<std::string>>(json::write(notes), "again"), notes);
}

// Found by fuzz_native_export: a stray byte in a reject's text made the host refuse the answer.
TEST(JsonTest, InvalidUtf8InAStringIsWrittenAsReplacementCharacters) {
  const std::vector<std::string> bad{"x\xFFy", "\xE4\xB8", "\xED\xA0\x80", "\xC0\xAF", "ok 中"};
  const auto back = json::read<std::vector<std::string>>(json::write(bad), "t");
  EXPECT_EQ(back,
            (std::vector<std::string>{"x\xEF\xBF\xBDy", "\xEF\xBF\xBD\xEF\xBF\xBD",
                                      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", "\xEF\xBF\xBD\xEF\xBF\xBD", "ok 中"}));
}

TEST(JsonTest, NonFiniteNumbersAreRefusedWhenWritingNotWrittenAsInvalidJson) {
  MetricValue v;
  v.value = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(json::write(v), std::domain_error);
  v.value = std::numeric_limits<double>::infinity();
  EXPECT_THROW(json::write(v), std::domain_error);
}

}  // namespace
}  // namespace kefu
