#include <kefu/toolkit/native_export.hpp>

#include <gtest/gtest.h>

namespace kefu {
namespace {

using native_export::parse_day;
using native_export::parse_value;

TEST(NativeExport, PercentagesAreExactDecimalsNotDivisions) {
  EXPECT_EQ(*parse_value("35.20%", "percent"), 0.352);
  EXPECT_EQ(*parse_value("85.5", "percent"), 0.855);
  EXPECT_EQ(*parse_value("100％", "percent"), 1.0);
  EXPECT_FALSE(parse_value("94,2%", "percent"));  // a decimal comma is refused, not read as 942%
  EXPECT_FALSE(parse_value("abc", "percent"));
}

TEST(NativeExport, SecondsInTheFormsExportsUse) {
  EXPECT_EQ(*parse_value("12.5", "seconds"), 12.5);
  EXPECT_EQ(*parse_value("12.5秒", "seconds"), 12.5);
  EXPECT_EQ(*parse_value("1分5秒", "seconds"), 65.0);
  EXPECT_EQ(*parse_value("00:01:05", "seconds"), 65.0);
  EXPECT_FALSE(parse_value("1:xx", "seconds"));
}

TEST(NativeExport, MinutesAreReadAsSeconds) {
  EXPECT_EQ(*parse_value("2.5", "minutes"), 150.0);
  EXPECT_EQ(*parse_value("2.5分钟", "minutes"), 150.0);
  EXPECT_EQ(*parse_value("3分", "minutes"), 180.0);
  EXPECT_EQ(*parse_value("1min", "minutes"), 60.0);
  EXPECT_FALSE(parse_value("2分30秒", "minutes"));  // minutes and seconds: a "seconds" column
}

TEST(NativeExport, CountsAndAmountsWithThousandsSeparators) {
  EXPECT_EQ(*parse_value("1,234", "count"), 1234.0);
  EXPECT_EQ(*parse_value("¥12,840.50", "amount"), 12840.5);
  EXPECT_FALSE(parse_value("12,84", "count"));
  EXPECT_FALSE(parse_value("", "count"));
}

TEST(NativeExport, DaysInTheFormsExportsUse) {
  EXPECT_EQ(*parse_day("2026-11-16"), "2026-11-16");
  EXPECT_EQ(*parse_day("2026/1/6"), "2026-01-06");
  EXPECT_EQ(*parse_day("20261116"), "2026-11-16");
  EXPECT_EQ(*parse_day("2026年11月16日"), "2026-11-16");
  EXPECT_EQ(*parse_day("2026-11-16 00:00:00"), "2026-11-16");
  EXPECT_FALSE(parse_day("2026/11/32"));
  EXPECT_FALSE(parse_day("2025-02-29"));
  EXPECT_FALSE(parse_day("16/11/2026"));
}

MetricProfile profile() {
  NativeMetric reply;
  reply.native_name = "回复率";
  reply.canonical_key = "reply_rate";
  reply.export_columns = {"回复率"};
  reply.value_format = "percent";
  NativeMetric wait;
  wait.native_name = "平均响应(秒)";
  wait.canonical_key = "avg_response_s";
  wait.export_columns = {"平均响应(秒)"};
  wait.value_format = "seconds";
  return {{reply, wait}};
}

ExportLayout layout() {
  ExportLayout l;
  l.agent_columns = {"客服昵称"};
  l.day_columns = {"日期"};
  l.pending_markers = {"延迟统计"};
  l.total_markers = {"合计"};
  return l;
}

TEST(NativeExport, ColumnsByNameAnyOrderPendingTotalsAndRejects) {
  const std::string text =
      "备注,平均响应（秒）,客服昵称,日期,回复率\n"
      "x,18.5,小美,2026-11-16,延迟统计\n"
      "x,abc,小王,2026-11-16,98%\n"
      "x,-,合计,2026-11-16,99%\n"
      "x,20,,2026-11-16,99%\n";
  const ImportResult r = import_export(text, ImportRequest{"t.csv", "tm01", "utf-8", ""}, "tmall", profile(), layout());
  EXPECT_EQ(r.rows_read, 4);
  ASSERT_EQ(r.rejects.size(), 2u);
  EXPECT_EQ(r.rejects[0].line, 3);
  EXPECT_NE(r.rejects[0].reason.find("abc"), std::string::npos);
  EXPECT_EQ(r.rejects[1].reason, "empty agent cell");
  ASSERT_EQ(r.values.size(), 3u);
  EXPECT_EQ(r.values[0].metric, "reply_rate");
  EXPECT_EQ(r.values[0].availability, Availability::pending);
  EXPECT_EQ(r.values[1].metric, "avg_response_s");
  EXPECT_EQ(r.values[1].value, 18.5);
  EXPECT_EQ(r.values[2].agent_id, "");  // 合计: the whole shop; its "-" cell gave no value
  EXPECT_EQ(r.values[2].shop_id, "tm01");
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].find("备注"), std::string::npos);
}

TEST(NativeExport, DeclaredSummaryRowsAreSkippedAndCountedInTheNotes) {
  ExportLayout l = layout();
  l.summary_markers = {"均值"};
  const std::string text =
      "客服昵称,日期,回复率\n"
      "小美,2026-11-16,98%\n"
      "均值,2026-11-16,97%\n"
      "合计,2026-11-16,97%\n";
  const ImportResult r = import_export(text, ImportRequest{"t.csv", "tm01", "utf-8", ""}, "tmall", profile(), l);
  EXPECT_TRUE(r.rejects.empty());
  ASSERT_EQ(r.values.size(), 2u);  // 小美 and the whole shop; the average is nobody's
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0], "summary rows skipped (均值, declared by the plugin as nobody's figures): 1");
}

TEST(NativeExport, NanInfinityAndNegativeFiguresAreRejectsWithTheirLineAndReason) {
  const std::string text =
      "客服昵称,日期,回复率,平均响应（秒）\n"
      "a,2026-11-16,nan,5\n"     // 2
      "b,2026-11-16,90%,inf\n"   // 3
      "c,2026-11-16,90%,-5 s\n"  // 4
      "d,2026-11-16,-40%,5\n"    // 5
      "e,2026-11-16,90%,1e5\n"   // 6
      "f,2026-11-16,90%,5 s\n";  // 7: fine
  const ImportResult r = import_export(text, ImportRequest{"t.csv", "tm01", "utf-8", ""}, "tmall", profile(), layout());
  ASSERT_EQ(r.rejects.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(r.rejects[i].line, static_cast<std::int64_t>(i + 2));
  EXPECT_EQ(r.rejects[0].reason, "回复率 \"nan\": expected a percentage such as 85.5%");
  EXPECT_EQ(r.rejects[1].reason, "平均响应(秒) \"inf\": expected seconds such as 12.5, 1分5秒 or 00:01:05");
  EXPECT_EQ(
      r.rejects[2].reason,
      "平均响应(秒) \"-5 s\": a negative figure; expected seconds such as 12.5, 1分5秒 or 00:01:05, zero or more");
  EXPECT_EQ(r.rejects[3].reason,
            "回复率 \"-40%\": a negative figure; expected a percentage such as 85.5%, zero or more");
  ASSERT_EQ(r.values.size(), 2u);
  EXPECT_EQ(r.values[1].value, 5.0);
  EXPECT_NO_THROW(json::write(r));  // what the plugin sends the host is valid JSON
}

// Found by fuzz_native_export: the row's bytes reached the host as invalid JSON.
TEST(NativeExport, ARowWithInvalidUtf8IsARejectAndTheResultTravelsAsValidJson) {
  const std::string text = "客服昵称,日期,回复率\n小\xFF美,2026-11-16,90%\n小王,2026-11-16,80%\n";
  const ImportResult r = import_export(text, ImportRequest{"t.csv", "tm01", "utf-8", ""}, "tmall", profile(), layout());
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].line, 2);
  EXPECT_EQ(r.rejects[0].reason, "invalid UTF-8 in the row (is the export in another encoding? try --encoding gbk)");
  ASSERT_EQ(r.values.size(), 1u);
  const ImportResult back = json::read<ImportResult>(json::write(r), "the plugin's answer");
  EXPECT_EQ(back.rejects[0].original, "小\xEF\xBF\xBD美,2026-11-16,90%");
}

TEST(NativeExport, MissingColumnsAreClearErrors) {
  const auto import = [](const std::string& text, const std::string& day = "") {
    return import_export(text, ImportRequest{"t.csv", "tm01", "utf-8", day}, "tmall", profile(), layout());
  };
  EXPECT_THROW(import("日期,回复率\n2026-11-16,99%\n"), std::runtime_error);  // no agent column
  EXPECT_THROW(import("客服昵称,回复率\n小美,99%\n"), std::runtime_error);    // no day, no --day
  EXPECT_EQ(import("客服昵称,回复率\n小美,99%\n", "2026-11-16").values.at(0).day, "2026-11-16");
  try {
    import("客服昵称,日期,客单价\n小美,2026-11-16,1\n");
    ADD_FAILURE();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no column of the export names a known metric"), std::string::npos);
  }
}

}  // namespace
}  // namespace kefu
