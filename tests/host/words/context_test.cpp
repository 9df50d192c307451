// Letters inside an order or tracking number are not words someone wrote.
#include "words/context.h"

#include <gtest/gtest.h>

#include <string>

namespace kefu::host::words {
namespace {

bool code_at(const std::string& text, const std::string& part) {
  const std::size_t at = text.find(part);
  return inside_code(text, at, at + part.size());
}

TEST(Context, LettersBetweenTheDigitsOfAnOrderNumberAreACode) {
  EXPECT_TRUE(code_at("订单2023WX8812345已发货", "WX"));
  EXPECT_TRUE(code_at("单号 SF1234567QQ89", "QQ"));
}

TEST(Context, AContactIdStartingWithTheTermIsNotACode) {
  EXPECT_FALSE(code_at("加vx13812345678", "vx"));   // nothing before vx: an ID, not a code
  EXPECT_FALSE(code_at("加vx123", "vx"));
  EXPECT_FALSE(code_at("ab12wx34cd", "wx"));         // too few digits to be an order number
  EXPECT_FALSE(code_at("abcWXdef123456", "WX"));     // no digit touches the letters
  EXPECT_FALSE(code_at("2023微信8812345", "微信"));  // only ASCII letters and digits form codes
}

std::string sentence_of(const std::string& text, const std::string& part) {
  const std::size_t at = text.find(part);
  return sentence_around(text, at, at + part.size());
}

TEST(Context, TheSentenceOfAHitEndsAtSentencePunctuationAndNeverLeavesItsLine) {
  EXPECT_EQ(sentence_of("亲，在的呢。有问题加我微信吧！谢谢", "微信"), "有问题加我微信吧！");
  EXPECT_EQ(sentence_of("第一行\n  加我vx聊  \n第三行", "vx"), "加我vx聊");
  EXPECT_EQ(sentence_of("微信", "微信"), "微信");
}

TEST(Context, ALongSentenceIsCutAroundTheHit) {
  std::string head, tail;
  for (int i = 0; i < 60; ++i) head += "前", tail += "后";
  const std::string s = sentence_of(head + "微信" + tail, "微信");
  std::string want = "…";
  for (int i = 0; i < 50; ++i) want += "前";
  want += "微信";
  for (int i = 0; i < 50; ++i) want += "后";
  EXPECT_EQ(s, want + "…");
}

}  // namespace
}  // namespace kefu::host::words
