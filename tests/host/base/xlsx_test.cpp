#include "base/xlsx.h"

#include "host/base/workbook_writer.hpp"
#include "test_paths.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kefu::host::xlsx {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows read_rows(const std::string& path, const std::string& sheet = "", SheetStats* stats = nullptr) {
  Workbook book = Workbook::open_file(path);
  Rows rows;
  const SheetStats s = book.read_sheet(sheet, [&](const std::vector<std::string_view>& cells, std::size_t count) {
    rows.emplace_back(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(count));
    return true;
  });
  if (stats) *stats = s;
  return rows;
}

lxw_datetime at(int y, int mo, int d, int h, int mi, double s) { return lxw_datetime{y, mo, d, h, mi, s}; }

TEST(Xlsx, SharedStringsNumbersAndBooleansReadAsWritten) {
  test::TempDir dir;
  const std::string path = dir.path() + "/a.xlsx";
  test::WorkbookWriter book(path);
  lxw_worksheet* ws = book.sheet("聊天记录");
  worksheet_write_string(ws, 0, 0, "session_id", nullptr);
  worksheet_write_string(ws, 0, 1, "content", nullptr);
  worksheet_write_number(ws, 1, 0, 18612345678, nullptr);
  worksheet_write_string(ws, 1, 1, "亲，在的", nullptr);
  worksheet_write_number(ws, 2, 0, 3.25, nullptr);
  worksheet_write_boolean(ws, 2, 1, 1, nullptr);
  book.close();
  SheetStats stats;
  EXPECT_EQ(read_rows(path, "", &stats),
            (Rows{{"session_id", "content"}, {"18612345678", "亲，在的"}, {"3.25", "TRUE"}}));
  EXPECT_EQ(stats.sheet, "聊天记录");
  EXPECT_FALSE(stats.date1904);
  EXPECT_EQ(stats.date_cells, 0u);
}

TEST(Xlsx, InlineStringsAndFormulaStringsReadAsText) {
  test::TempDir dir;
  const std::string path = dir.path() + "/a.xlsx";
  test::WorkbookWriter book(path, /*constant_memory=*/true);
  lxw_worksheet* ws = book.sheet("Sheet1");
  worksheet_write_string(ws, 0, 0, "a, \"quoted\"\nline", nullptr);
  worksheet_write_formula_str(ws, 0, 1, "=\"x\"&\"y\"", nullptr, "xy");
  book.close();
  EXPECT_EQ(read_rows(path), (Rows{{"a, \"quoted\"\nline", "xy"}}));
}

TEST(Xlsx, DateFormattedNumbersBecomeNaiveTimesAndOtherNumbersStayNumbers) {
  test::TempDir dir;
  const std::string path = dir.path() + "/a.xlsx";
  test::WorkbookWriter book(path);
  lxw_worksheet* ws = book.sheet("Sheet1");
  lxw_format* datetime = book.format("yyyy-mm-dd hh:mm:ss");
  lxw_format* date = book.format("yyyy\"年\"m\"月\"d\"日\"");
  lxw_format* time = book.format("[h]:mm:ss");
  lxw_format* money = book.format("#,##0.00");
  lxw_format* percent = book.format("0.0%");
  lxw_datetime ts = at(2026, 11, 16, 9, 0, 2);
  worksheet_write_datetime(ws, 0, 0, &ts, datetime);
  lxw_datetime day = at(2026, 11, 16, 0, 0, 0);
  worksheet_write_datetime(ws, 0, 1, &day, date);
  lxw_datetime midnight = at(2026, 11, 16, 0, 0, 0);
  worksheet_write_datetime(ws, 0, 2, &midnight, datetime);
  worksheet_write_number(ws, 0, 3, 0.5, time);
  worksheet_write_number(ws, 0, 4, 12840.5, money);
  worksheet_write_number(ws, 0, 5, 0.985, percent);
  book.close();
  SheetStats stats;
  EXPECT_EQ(read_rows(path, "", &stats),
            (Rows{{"2026-11-16 09:00:02", "2026-11-16", "2026-11-16 00:00:00", "12:00:00", "12840.5", "98.5%"}}));
  EXPECT_EQ(stats.date_cells, 4u);
}

TEST(Xlsx, NumbersStoredAsTextStayText) {
  test::TempDir dir;
  const std::string path = dir.path() + "/a.xlsx";
  test::WorkbookWriter book(path);
  lxw_worksheet* ws = book.sheet("Sheet1");
  lxw_format* text = book.format("@");
  worksheet_write_string(ws, 0, 0, "123456789012345678", text);
  worksheet_write_string(ws, 0, 1, "000123", nullptr);
  worksheet_write_string(ws, 0, 2, "46342", book.format("yyyy-mm-dd"));
  book.close();
  EXPECT_EQ(read_rows(path), (Rows{{"123456789012345678", "000123", "46342"}}));
}

TEST(Xlsx, MissingCellsAndRowsKeepTheirPlaces) {
  test::TempDir dir;
  const std::string path = dir.path() + "/a.xlsx";
  test::WorkbookWriter book(path);
  lxw_worksheet* ws = book.sheet("Sheet1");
  worksheet_write_string(ws, 0, 0, "a", nullptr);
  worksheet_write_string(ws, 0, 2, "c", nullptr);
  worksheet_write_string(ws, 2, 1, "b", nullptr);
  book.close();
  EXPECT_EQ(read_rows(path), (Rows{{"a", "", "c"}, {}, {"", "b"}}));
}

TEST(Xlsx, SheetIsChosenByNameAndAnUnknownNameListsTheSheets) {
  test::TempDir dir;
  const std::string path = dir.path() + "/a.xlsx";
  test::WorkbookWriter book(path);
  worksheet_write_string(book.sheet("汇总"), 0, 0, "first", nullptr);
  worksheet_write_string(book.sheet("明细"), 0, 0, "second", nullptr);
  book.close();
  EXPECT_EQ(read_rows(path), (Rows{{"first"}}));
  EXPECT_EQ(read_rows(path, "明细"), (Rows{{"second"}}));
  try {
    read_rows(path, "Sheet9");
    FAIL() << "an unknown sheet must fail";
  } catch (const Error& e) {
    EXPECT_EQ(e.problem, Problem::unknown_sheet);
    EXPECT_EQ(e.sheets, (std::vector<std::string>{"汇总", "明细"}));
    EXPECT_NE(std::string(e.what()).find("\"汇总\", \"明细\""), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

TEST(Xlsx, The1904DateSystemShiftsDatesByItsEpoch) {
  test::TempDir dir;
  const std::string path = dir.path() + "/a.xlsx";
  test::WorkbookWriter book(path);
  lxw_worksheet* ws = book.sheet("Sheet1");
  worksheet_write_number(ws, 0, 0, 46342, book.format("yyyy-mm-dd"));
  book.close();
  EXPECT_EQ(read_rows(path), (Rows{{"2026-11-16"}}));
  test::patch_part(path, "xl/workbook.xml", "<workbookPr ", "<workbookPr date1904=\"1\" ");
  SheetStats stats;
  EXPECT_EQ(read_rows(path, "", &stats), (Rows{{"2030-11-17"}}));
  EXPECT_TRUE(stats.date1904);
}

TEST(Xlsx, AFileThatIsNoZipIsNotAWorkbook) {
  test::TempDir dir;
  const std::string path = dir.write("a.xlsx", "platform,shop_id\n");
  try {
    Workbook::open_file(path);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.problem, Problem::not_zip);
    EXPECT_NE(std::string(e.what()).find("not an xlsx workbook"), std::string::npos) << e.what();
  }
}

TEST(Xlsx, AnOleFileIsAnEncryptedWorkbookOrAnXlsToSaveAgain) {
  test::TempDir dir;
  const std::string path = dir.write("a.xlsx", std::string(kOleMagic) + std::string(512, '\0'));
  try {
    Workbook::open_file(path);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.problem, Problem::encrypted);
    EXPECT_NE(std::string(e.what()).find("save it as .xlsx"), std::string::npos) << e.what();
  }
}

TEST(Xlsx, BrokenSheetXmlIsADamagedWorkbookWithThePartAndLine) {
  test::TempDir dir;
  const std::string path = dir.path() + "/a.xlsx";
  test::WorkbookWriter book(path);
  worksheet_write_string(book.sheet("Sheet1"), 0, 0, "x", nullptr);
  book.close();
  test::patch_part(path, "xl/worksheets/sheet1.xml", "<sheetData>", "<sheetData><row><c>");
  try {
    read_rows(path);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.problem, Problem::damaged);
    EXPECT_NE(std::string(e.what()).find("xl/worksheets/sheet1.xml: line"), std::string::npos) << e.what();
  }
}

TEST(Xlsx, ReadingStopsWhenTheCallbackSaysSo) {
  test::TempDir dir;
  const std::string path = dir.path() + "/a.xlsx";
  test::WorkbookWriter book(path);
  lxw_worksheet* ws = book.sheet("Sheet1");
  for (int r = 0; r < 100; ++r) worksheet_write_number(ws, static_cast<lxw_row_t>(r), 0, r, nullptr);
  book.close();
  Workbook wb = Workbook::open_file(path);
  int seen = 0;
  wb.read_sheet("", [&](const std::vector<std::string_view>&, std::size_t) { return ++seen < 3; });
  EXPECT_EQ(seen, 3);
}

TEST(Xlsx, SerialsFollowExcelsCalendarWithItsFictitiousLeapDay) {
  EXPECT_EQ(serial_to_text(1, false, false), "1900-01-01");
  EXPECT_EQ(serial_to_text(59, false, false), "1900-02-28");
  EXPECT_EQ(serial_to_text(60, false, false), "1900-02-29");
  EXPECT_EQ(serial_to_text(61, false, false), "1900-03-01");
  EXPECT_EQ(serial_to_text(46342.375023148148, false, true), "2026-11-16 09:00:02");
  EXPECT_EQ(serial_to_text(46342.5, false, false), "2026-11-16 12:00:00");
  EXPECT_EQ(serial_to_text(46342.0000005787, false, true), "2026-11-16 00:00:00.050");
  EXPECT_EQ(serial_to_text(0.25, false, true), "06:00:00");
  EXPECT_EQ(serial_to_text(0, true, false), "1904-01-01");
  EXPECT_EQ(serial_to_text(-1, false, false), "");
  EXPECT_EQ(serial_to_text(3e6, false, false), "");
}

TEST(Xlsx, DateFormatsAreToldFromNumberFormats) {
  EXPECT_TRUE(classify_format(14, "").is_date);
  EXPECT_FALSE(classify_format(14, "").has_time);
  EXPECT_TRUE(classify_format(22, "").has_time);
  EXPECT_TRUE(classify_format(46, "").has_time);
  EXPECT_FALSE(classify_format(2, "").is_date);
  EXPECT_TRUE(classify_format(9, "").is_percent);
  EXPECT_TRUE(classify_format(164, "yyyy/m/d").is_date);
  EXPECT_TRUE(classify_format(164, "[$-804]yyyy\"年\"m\"月\"d\"日\"").is_date);
  EXPECT_TRUE(classify_format(164, "[h]:mm").has_time);
  EXPECT_FALSE(classify_format(164, "0.00E+00").is_date);
  EXPECT_FALSE(classify_format(164, "[Red]#,##0.00").is_date);
  EXPECT_FALSE(classify_format(164, "0\" days\"").is_date);
  EXPECT_FALSE(classify_format(164, "General").is_date);
  EXPECT_FALSE(classify_format(164, "#,##0\\d").is_date);
  EXPECT_TRUE(classify_format(164, "0.0%").is_percent);
}

TEST(Xlsx, PercentsMoveTheDecimalPointInTheText) {
  EXPECT_EQ(percent_text("0.985"), "98.5%");
  EXPECT_EQ(percent_text("1"), "100%");
  EXPECT_EQ(percent_text("0"), "0%");
  EXPECT_EQ(percent_text("-0.012"), "-1.2%");
  EXPECT_EQ(percent_text("0.38670000000000004"), "38.670000000000004%");
  EXPECT_EQ(percent_text("1.5E-2"), "");
}

}  // namespace
}  // namespace kefu::host::xlsx
