// Encoding detection: UTF-8, BOM, GB18030, and invalid sequences reported by offset.
#include "base/encoding.h"

#include <gtest/gtest.h>

namespace kefu::host {
namespace {

const std::string kGbk = "\xC4\xE3\xBA\xC3\xA3\xAC\xCE\xA2\xD0\xC5";  // 你好，微信 in GBK

TEST(Encoding, ValidUtf8StaysAsItIs) {
  const DecodedText d = decode_text("你好 vx");
  EXPECT_EQ(d.encoding, Encoding::utf8);
  EXPECT_EQ(d.text, "你好 vx");
  EXPECT_TRUE(d.invalid.empty());
}

TEST(Encoding, BomIsRemovedAndRemembered) {
  const DecodedText d = decode_text("\xEF\xBB\xBF你好");
  EXPECT_TRUE(d.had_bom);
  EXPECT_EQ(d.text, "你好");
}

TEST(Encoding, GbkIsDetectedAndConverted) {
  const DecodedText d = decode_text(kGbk);
  EXPECT_EQ(d.encoding, Encoding::gb18030);
  EXPECT_EQ(d.text, "你好，微信");
  EXPECT_TRUE(d.invalid.empty());
}

TEST(Encoding, ForcedUtf8ReportsEachInvalidOffset) {
  const DecodedText d = decode_text("ok" + kGbk, Encoding::utf8);
  EXPECT_EQ(d.encoding, Encoding::utf8);
  ASSERT_FALSE(d.invalid.empty());
  EXPECT_EQ(d.invalid.front(), 2u);
}

TEST(Encoding, NeitherUtf8NorGb18030IsUtf8WithErrors) {
  const DecodedText d = decode_text(std::string("a\xFF\xFF\xFF"));
  EXPECT_EQ(d.encoding, Encoding::utf8);
  EXPECT_EQ(d.invalid.size(), 3u);
}

TEST(Encoding, NamesAreParsedLeniently) {
  EXPECT_EQ(parse_encoding("GBK"), Encoding::gb18030);
  EXPECT_EQ(parse_encoding("utf8"), Encoding::utf8);
  EXPECT_FALSE(parse_encoding("latin1"));
}

}  // namespace
}  // namespace kefu::host
