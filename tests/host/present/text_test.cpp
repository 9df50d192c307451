#include "present/text.h"

#include <gtest/gtest.h>

#include <sstream>

namespace kefu::host {
namespace {

TEST(TextTest, ChineseTakesTwoColumns) {
  EXPECT_EQ(display_width("jd"), 2u);
  EXPECT_EQ(display_width("京东"), 4u);
  EXPECT_EQ(display_width("天猫/淘宝"), 9u);
  EXPECT_EQ(display_width("ＶＸ"), 4u);
}

TEST(TextTest, TableAlignsMixedScripts) {
  Table t({"平台", "name"});
  t.add({"京东", "JD"});
  t.add({"tmall", "天猫"});
  std::ostringstream out;
  t.print(out);
  EXPECT_EQ(out.str(),
            "平台   name\n"
            "-----  ----\n"
            "京东   JD\n"
            "tmall  天猫\n");
}

}  // namespace
}  // namespace kefu::host
