// The word-file format shared by plugins, the common list and user files.
#include <kefu/toolkit/wordfile.hpp>

#include <gtest/gtest.h>

namespace kefu {
namespace {

TEST(WordFile, PlainOneTermPerLineTakesTheDefaults) {
  WordList list;
  WordFileDefaults defaults;
  defaults.source.title = "shop export";
  EXPECT_TRUE(read_word_file("微信\r\n\n  vx  \n", defaults, list).empty());
  ASSERT_EQ(list.terms.size(), 2u);
  EXPECT_EQ(list.terms[0].text, "微信");
  EXPECT_EQ(list.terms[1].text, "vx");
  EXPECT_EQ(list.terms[1].category, "其他");
  EXPECT_EQ(list.terms[1].severity, Severity::block);
  EXPECT_EQ(list.terms[1].source.title, "shop export");
}

TEST(WordFile, TabFieldsSourcesAndSections) {
  const char* text =
      "\xEF\xBB\xBF# comment\n"
      "#@source\tconfidence=law\tseen=2026-11-23\ttitle=广告法第九条\turl=https://example.org/ad-law\n"
      "最佳\t广告法极限词\tblock\t优秀\n"
      "#@list\tallow\n"
      "最近\n"
      "#@list\tunban\n"
      "第一\n";
  WordList list;
  EXPECT_TRUE(read_word_file(text, {}, list).empty());
  ASSERT_EQ(list.terms.size(), 1u);
  EXPECT_EQ(list.terms[0].suggestion, "优秀");
  EXPECT_EQ(list.terms[0].source.confidence, Confidence::law);
  EXPECT_EQ(list.terms[0].source.url, "https://example.org/ad-law");
  ASSERT_EQ(list.allow.size(), 1u);
  EXPECT_EQ(list.allow[0].text, "最近");
  ASSERT_EQ(list.unban.size(), 1u);
  EXPECT_EQ(list.unban[0], "第一");
}

TEST(WordFile, BadLinesAreReportedWithLineNumbersAndSkipped) {
  const char* text =
      "ok\n"
      "bad\t其他\tmaybe\n"
      "\t其他\n"
      "a\tb\tblock\td\te\n"
      "#@source\tconfidence=rumour\ttitle=x\n"
      "#@source\turl=https://x\n"
      "#@bogus\n"
      "#@list\tmaybe\n"
      "fine\n";
  WordList list;
  const auto problems = read_word_file(text, {}, list);
  ASSERT_EQ(problems.size(), 7u);
  EXPECT_EQ(problems[0].line, 2u);
  EXPECT_NE(problems[0].reason.find("block or warn"), std::string::npos);
  EXPECT_EQ(problems[1].line, 3u);
  EXPECT_EQ(problems[2].line, 4u);
  EXPECT_NE(problems[3].reason.find("official|law|third_party|merchant"), std::string::npos);
  EXPECT_NE(problems[4].reason.find("title"), std::string::npos);
  ASSERT_EQ(list.terms.size(), 2u);  // ok, fine
}

}  // namespace
}  // namespace kefu
