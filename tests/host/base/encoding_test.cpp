// Encoding detection: UTF-8, BOM, GB18030, UTF-16 by its BOM, and invalid sequences reported by offset.
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

// UTF-16 as Python writes it: BOM, then the units (LE or BE).
std::string utf16(const std::u16string& text, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (char16_t u : text) {
    const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
  }
  return out;
}

TEST(Encoding, Utf16LittleEndianWithBomIsDecoded) {
  const DecodedText d = decode_text(utf16(u"客服\t小美 😀\r\n", true));
  EXPECT_EQ(d.encoding, Encoding::utf16le);
  EXPECT_EQ(d.text, "客服\t小美 😀\r\n");
  EXPECT_TRUE(d.invalid.empty());
  EXPECT_STREQ(encoding_name(d.encoding), "utf-16le");
}

TEST(Encoding, Utf16BigEndianWithBomIsDecoded) {
  const DecodedText d = decode_text(utf16(u"发货", false));
  EXPECT_EQ(d.encoding, Encoding::utf16be);
  EXPECT_EQ(d.text, "发货");
}

TEST(Encoding, ALoneSurrogateOrAnOddLastByteIsReportedAndReplaced) {
  const std::string bytes = utf16(u"a", true) + std::string("\x00\xD8", 2) + utf16(u"b", true).substr(2) + "x";
  const DecodedText d = decode_text(bytes);
  EXPECT_EQ(d.text, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  EXPECT_EQ(d.invalid, (std::vector<std::size_t>{4, 8}));
}

}  // namespace
}  // namespace kefu::host
