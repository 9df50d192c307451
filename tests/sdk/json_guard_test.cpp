// Untrusted JSON: lone surrogates become U+FFFD, nesting is measured without recursion.
#include <kefu/json_guard.hpp>

#include <gtest/gtest.h>

namespace kefu::json {
namespace {

TEST(JsonGuard, LoneSurrogatesBecomeTheReplacementCharacterAndPairsStay) {
  EXPECT_EQ(replace_lone_surrogates(R"({"c":"在吗\ud83d"})"), R"({"c":"在吗\ufffd"})");
  EXPECT_EQ(replace_lone_surrogates(R"({"c":"\uDE00x\ud83d\u0041"})"), R"({"c":"\ufffdx\ufffd\u0041"})");
  EXPECT_EQ(replace_lone_surrogates(R"({"c":"\ud83d\ude00"})"), R"({"c":"\ud83d\ude00"})");
  EXPECT_EQ(replace_lone_surrogates(R"({"c":"\\ud83d"})"), R"({"c":"\\ud83d"})");  // an escaped backslash
  EXPECT_EQ(replace_lone_surrogates(R"({"c":"\ud83)"), R"({"c":"\ud83)");          // cut short: left alone
  rapidjson::Document doc;
  parse_untrusted(doc, R"({"c":"a\ud83d"})");
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["c"].GetString(), "a\xEF\xBF\xBD");
}

TEST(JsonGuard, DepthIsMeasuredWithoutRecursionAndTheLimitIsNamed) {
  rapidjson::Document doc;
  const std::string deep = std::string(300'000, '[') + std::string(300'000, ']');
  parse_untrusted(doc, deep);
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_EQ(nesting_depth(doc), 300'000u);
  try {
    check_depth(doc, "the answer");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "the answer: JSON nested deeper than 256 levels (the limit); not read");
  }
  parse_untrusted(doc, R"({"a":[1,{"b":{}}],"c":2})");
  EXPECT_EQ(nesting_depth(doc), 4u);  // {, [, {, {
  EXPECT_NO_THROW(check_depth(doc, "x"));
}

}  // namespace
}  // namespace kefu::json
