#include <kefu/toolkit/csv.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kefu::csv {
namespace {

struct Read {
  std::vector<std::vector<std::string>> records;
  std::vector<std::int64_t> lines;
  std::vector<std::string> errors;  // "line: reason | raw"
};

Read read_all(std::string_view text) {
  Read out;
  Reader reader(text);
  Record record;
  std::string error;
  for (Status s; (s = reader.next(record, &error)) != Status::end;) {
    if (s == Status::malformed) {
      out.errors.push_back(std::to_string(record.line) + ": " + std::string(record.raw));
      continue;
    }
    out.records.emplace_back(record.fields.begin(), record.fields.end());
    out.lines.push_back(record.line);
  }
  return out;
}

using Fields = std::vector<std::string>;

TEST(Csv, PlainFieldsAndEmptyOnes) {
  const Read r = read_all("a,b,c\n1,,3\n,,\n");
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[1], (Fields{"1", "", "3"}));
  EXPECT_EQ(r.records[2], (Fields{"", "", ""}));
}

TEST(Csv, QuotedCommasDoubledQuotesAndLineBreaks) {
  const Read r = read_all("id,content\n1,\"好的, 收到\"\n2,\"写着\"\"包邮\"\"\"\n3,\"第一行\r\n第二行\"\n4,x\n");
  ASSERT_EQ(r.records.size(), 5u);
  EXPECT_EQ(r.records[1][1], "好的, 收到");
  EXPECT_EQ(r.records[2][1], "写着\"包邮\"");
  EXPECT_EQ(r.records[3][1], "第一行\r\n第二行");
  // Records remember the physical line they start on, across the line break inside quotes.
  EXPECT_EQ(r.lines, (std::vector<std::int64_t>{1, 2, 3, 4, 6}));
}

TEST(Csv, CrLfLineEndsAreNotPartOfTheLastField) {
  const Read r = read_all("a,b\r\n1,2\r\n\"3\",\"4\"\r\n");
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[1], (Fields{"1", "2"}));
  EXPECT_EQ(r.records[2], (Fields{"3", "4"}));
}

TEST(Csv, LastRecordWithoutLineBreakAndTrailingComma) {
  const Read r = read_all("a,b\n1,");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1], (Fields{"1", ""}));
}

TEST(Csv, QuoteInsideAnUnquotedFieldIsAnOrdinaryCharacter) {
  const Read r = read_all("a,b\n5\"5,x\n");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1][0], "5\"5");
}

TEST(Csv, BlankLinesAndByteOrderMarkAreSkipped) {
  const Read r = read_all(
      "\xEF\xBB\xBF"
      "a,b\n\n\r\n1,2\n");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0], (Fields{"a", "b"}));
  EXPECT_EQ(r.lines[1], 4);
}

TEST(Csv, StrayQuoteCostsOneLineNotTheRestOfTheFile) {
  const Read r = read_all("a,b\n1,\"oops\n2,\"x\"\n3,y\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "2: 1,\"oops");
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[1], (Fields{"2", "x"}));
  EXPECT_EQ(r.lines[2], 4);
}

TEST(Csv, QuoteNeverClosedIsMalformed) {
  Reader reader("a\n\"never closed\n");
  Record record;
  std::string error;
  ASSERT_EQ(reader.next(record, &error), Status::record);
  ASSERT_EQ(reader.next(record, &error), Status::malformed);
  EXPECT_NE(error.find("never closed"), std::string::npos);
  EXPECT_EQ(record.line, 2);
  EXPECT_EQ(reader.next(record, &error), Status::end);
}

TEST(Csv, PartialBlockLeavesAnUnfinishedRecordForLater) {
  const std::string text = "1,\"two\nlines\"\n2,b\n3,\"cut";
  Reader reader(text, Slice{1, true, true});
  Record record;
  ASSERT_EQ(reader.next(record), Status::record);
  ASSERT_EQ(reader.next(record), Status::record);
  EXPECT_EQ(record.line, 3);
  EXPECT_EQ(reader.next(record), Status::end);
  EXPECT_EQ(text.substr(reader.offset()), "3,\"cut");
  // An unquoted record without its line break is unfinished too.
  Reader unquoted("1,a\n2,b", Slice{1, true, true});
  ASSERT_EQ(unquoted.next(record), Status::record);
  EXPECT_EQ(unquoted.next(record), Status::end);
  EXPECT_EQ(unquoted.offset(), 4u);
}

TEST(Csv, AMalformedLineWhoseEndIsNotInTheBlockIsIncompleteNotSkipped) {
  const std::string text = "1,a\n\"q\"x,cut here";
  Reader reader(text, Slice{1, true, true});
  Record record;
  ASSERT_EQ(reader.next(record), Status::record);
  EXPECT_EQ(reader.next(record), Status::end);
  EXPECT_EQ(text.substr(reader.offset()), "\"q\"x,cut here");
  EXPECT_EQ(reader.line(), 2);
  // With the line end in the block it is malformed, and the reader resumes after it.
  const std::string complete = text + "\n2,b\n";
  Reader whole(complete, Slice{1, true, true});
  ASSERT_EQ(whole.next(record), Status::record);
  EXPECT_EQ(whole.next(record), Status::malformed);
  ASSERT_EQ(whole.next(record), Status::record);
  EXPECT_EQ(record.line, 3);
}

TEST(Csv, LongFieldsCrossTheVectorWidth) {
  const std::string long_text(1000, 'x');
  const Read r = read_all("a," + long_text + ",b\n");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0], (Fields{"a", long_text, "b"}));
}

}  // namespace
}  // namespace kefu::csv
