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

}  // namespace
}  // namespace kefu::host::words
