#include "present/text.h"

#include <gtest/gtest.h>

#include <sstream>

namespace kefu::host {
namespace {

TEST(TextTest, AnEntryWithNoSourceIsShownAsSuchNeverAsThirdParty) {
  EXPECT_EQ(confidence_label(Confidence::none, Lang::zh), "无来源");
  EXPECT_EQ(confidence_label(Confidence::none, Lang::en), "none");
  EXPECT_NE(confidence_label(Confidence::none, Lang::zh), confidence_label(Confidence::third_party, Lang::zh));
}

TEST(TextTest, ASourceSaysWhetherItWasReadOrQuoted) {
  Source s{"t", "https://example.com", "2026-12-04", Confidence::third_party, "", ""};
  EXPECT_EQ(source_read_text(s, Lang::zh), "查阅于 2026-12-04");
  EXPECT_EQ(source_read_text(s, Lang::en), "read 2026-12-04");
  s.quoted_in = "docs/research/platforms.md §1.2";
  s.seen = "2026-11-23";
  EXPECT_EQ(source_read_text(s, Lang::zh), "转引自 docs/research/platforms.md §1.2（2026-11-23）");
  EXPECT_EQ(source_read_text(s, Lang::en), "as quoted in docs/research/platforms.md §1.2 (2026-11-23)");
}

TEST(TextTest, AnUnknownStartReadsAsInForceNotAsFromTheBeginning) {
  EXPECT_EQ(effective_from_text("", Lang::zh), "");
  EXPECT_EQ(effective_from_text("2021-12-01", Lang::zh), "自 2021-12-01 起");
  EXPECT_EQ(effective_from_text("unknown", Lang::zh), "生效日期未知（现行）");
  EXPECT_EQ(effective_from_text("unknown", Lang::en), "in force now, since a date not known");
}

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
