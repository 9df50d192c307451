// The plugins' answer parsing on hostile input: deep nesting is refused naming the limit,
// long XML answers are scanned without std::regex (which exhausted the stack).
#include "doudian.h"
#include "jos.h"
#include "xml_scan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using ::testing::HasSubstr;

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(HostileAnswers, DeeplyNestedDoudianJsonIsRefusedNamingTheLimit) {
  try {
    douyin::canonical_param_json(R"({"a":)" + nested(100'000) + "}");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("nested deeper than 256 levels (the limit)"));
  }
  try {
    douyin::doudian_unwrap("m", R"({"code":10000,"data":)" + nested(100'000) + "}");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("m: 抖店's answer: JSON nested deeper than 256 levels (the limit)"));
  }
  EXPECT_EQ(douyin::canonical_param_json(R"({"b":[{"d":1,"c":2}],"a":1})"), R"({"a":1,"b":[{"c":2,"d":1}]})");
}

TEST(HostileAnswers, DeeplyNestedJosJsonIsRefusedNamingTheLimit) {
  try {
    jd::jos_unwrap("jingdong.x", R"({"jingdong_x_responce":)" + nested(100'000) + "}");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("JSON nested deeper than 256 levels (the limit)"));
  }
}

TEST(HostileAnswers, TopXmlErrorsAndChatPeersAreFoundInLongAnswersWithoutRegex) {
  const std::string filler(2'000'000, ' ');
  const auto e =
      tmall::xml::error_response("<error_response>" + filler + "<code>x</code><code>27</code>" + filler +
                                 "<msg>Invalid session</msg><sub_code>invalid-sessionkey</sub_code></error_response>");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, 27);
  EXPECT_EQ(e->msg, "Invalid session");
  EXPECT_EQ(e->sub_code, "invalid-sessionkey");
  const auto huge = tmall::xml::error_response("<error_response><code>99999999999999999999</code><msg>m</msg>");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->code, 0);  // does not fit: unknown, not an exception
  EXPECT_FALSE(tmall::xml::error_response("<error_response><code>1</code>" + filler));

  std::vector<std::string> peers;
  tmall::xml::chat_peers(
      "<chatpeers><chatpeer><date>2026-11-16</date> <uid>cntaobaoa</uid></chatpeer>" + filler +
          "<chatpeer>\n<uid>cntaobaob</uid><date>2026-11-17</date>\n</chatpeer><chatpeer><uid>x</uid></chatpeer>",
      [&](const tmall::xml::Peer& p) { peers.push_back(p.date + " " + p.uid); });
  EXPECT_THAT(peers, ::testing::ElementsAre("2026-11-16 cntaobaoa", "2026-11-17 cntaobaob"));
}

}  // namespace
