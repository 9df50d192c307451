#include "base/table_text.h"
#include "base/xlsx.h"

#include "host/base/workbook_writer.hpp"
#include "test_paths.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace kefu::host {
namespace {

std::string utf16le(const std::u16string& text) {
  std::string out = "\xFF\xFE";
  for (char16_t u : text) out += static_cast<char>(u & 0xFF), out += static_cast<char>(u >> 8);
  return out;
}

TEST(TableText, AWorkbookBecomesCsvWithFieldsQuotedAndRowsAsWideAsTheHeader) {
  test::TempDir dir;
  const std::string path = dir.path() + "/chats.xlsx";
  test::WorkbookWriter book(path);
  lxw_worksheet* ws = book.sheet("Sheet1");
  worksheet_write_string(ws, 0, 0, "session_id", nullptr);
  worksheet_write_string(ws, 0, 1, "agent_id", nullptr);
  worksheet_write_string(ws, 0, 2, "content", nullptr);
  worksheet_write_string(ws, 1, 0, "S1", nullptr);
  worksheet_write_string(ws, 1, 2, "亲，\"在的\"\n稍等", nullptr);
  worksheet_write_string(ws, 2, 0, "S2", nullptr);  // agent_id and content empty: left out by Excel
  lxw_datetime ts{2026, 11, 16, 9, 0, 2};
  worksheet_write_datetime(ws, 3, 0, &ts, book.format("yyyy-mm-dd hh:mm:ss"));
  book.close();
  const TableText t = read_table_text(path, {});
  EXPECT_EQ(t.decoded.text,
            "session_id,agent_id,content\nS1,,\"亲，\"\"在的\"\"\n稍等\"\nS2,,\n2026-11-16 09:00:02,,\n");
  EXPECT_EQ(t.source.kind, TableSource::Kind::xlsx);
  EXPECT_EQ(t.source.sheet, "Sheet1");
  EXPECT_EQ(t.source.date_cells, 1u);
  EXPECT_EQ(t.decoded.encoding, Encoding::utf8);
}

TEST(TableText, AWorkbookIsRecognizedByItsBytesWhateverItsName) {
  test::TempDir dir;
  const std::string path = dir.path() + "/export.csv";
  test::WorkbookWriter book(path);
  worksheet_write_string(book.sheet("Sheet1"), 0, 0, "x", nullptr);
  book.close();
  EXPECT_EQ(read_table_text(path, {}).decoded.text, "x\n");
}

TEST(TableText, TheHeadOfABigSheetStopsEarly) {
  test::TempDir dir;
  const std::string path = dir.path() + "/a.xlsx";
  test::WorkbookWriter book(path);
  lxw_worksheet* ws = book.sheet("Sheet1");
  for (int r = 0; r < 5000; ++r) worksheet_write_string(ws, static_cast<lxw_row_t>(r), 0, "0123456789", nullptr);
  book.close();
  const TableText t = read_table_text(path, {}, 1000);
  EXPECT_GE(t.decoded.text.size(), 1000u);
  EXPECT_LT(t.decoded.text.size(), 1100u);
}

TEST(TableText, ASheetReadInPiecesOnEveryCoreGivesTheCsvOfOneStream) {
  test::TempDir dir;
  const std::string path = dir.path() + "/a.xlsx";
  test::WorkbookWriter book(path);
  lxw_worksheet* ws = book.sheet("Sheet1");
  for (int r = 0; r < 3000; ++r) {
    if (r % 97 == 5) continue;  // rows the XML leaves out, some of them where a piece is cut
    const auto row = static_cast<lxw_row_t>(r);
    worksheet_write_string(ws, row, 0, ("s" + std::to_string(r)).c_str(), nullptr);
    if (r % 3) worksheet_write_number(ws, row, 2, r, nullptr);  // B empty, C sometimes
  }
  book.close();
  const TableText pieces = read_table_text(path, {});
  const TableText stream = read_table_text(path, {}, std::size_t{1} << 40);  // a "head" as big as the file
  EXPECT_EQ(pieces.decoded.text, stream.decoded.text);
  EXPECT_EQ(std::count(pieces.decoded.text.begin(), pieces.decoded.text.end(), '\n'), 3000);
  xlsx::Workbook wb = xlsx::Workbook::open_file(path);
  std::vector<std::vector<std::string>> rows(4);
  xlsx::SheetStats stats;
  const auto parts = wb.read_sheet_pieces(
      "", 4,
      [&](unsigned k) {
        return [&rows, k](const std::vector<std::string_view>& cells, std::size_t count) {
          rows[k].push_back(count ? std::string(cells[0]) : "");
          return true;
        };
      },
      stats);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].first_row, 1u);
  EXPECT_EQ(parts[3].last_row, 3000u);
  for (std::size_t k = 1; k < parts.size(); ++k) {
    EXPECT_GT(parts[k].first_row, parts[k - 1].last_row);
    EXPECT_EQ(rows[k].front(), "s" + std::to_string(parts[k].first_row - 1));
  }
}

TEST(TableText, ExcelUnicodeTextIsDecodedAndItsTabsBecomeCommas) {
  const TableText t = table_text(utf16le(u"session_id\tcontent\r\nS1\t\"亲,\"\"在\"\"\"\r\nS2\t\r\n"), "chats.txt", {});
  EXPECT_EQ(t.decoded.text, "session_id,content\nS1,\"亲,\"\"在\"\"\"\nS2,\n");
  EXPECT_EQ(t.source.kind, TableSource::Kind::unicode_text);
  EXPECT_EQ(t.decoded.encoding, Encoding::utf16le);
}

TEST(TableText, Utf16WithoutTabsIsDecodedButNotConverted) {
  const TableText t = table_text(utf16le(u"加我微信, 谢谢\n"), "scripts.txt", {});
  EXPECT_EQ(t.decoded.text, "加我微信, 谢谢\n");
  EXPECT_EQ(t.source.kind, TableSource::Kind::text);
}

TEST(TableText, OtherTextIsDecodedAsBefore) {
  const TableText t = table_text("\xC4\xE3\xBA\xC3,1\n", "a.csv", {});
  EXPECT_EQ(t.decoded.text, "你好,1\n");
  EXPECT_EQ(t.decoded.encoding, Encoding::gb18030);
  EXPECT_FALSE(t.source.converted());
}

TEST(TableText, AnXlsxNameOnTextIsNotAWorkbook) {
  EXPECT_THROW(table_text("platform,shop_id\n", "a.xlsx", {}), std::runtime_error);
}

TEST(TableText, TabSeparatedQuotingIsReadAsExcelWritesIt) {
  EXPECT_EQ(tab_separated_to_csv("a\tb\n\"x\ty\"\t\"multi\nline\"\n\nlast"),
            "a,b\nx\ty,\"multi\nline\"\n\nlast\n");  // a TAB needs no quotes in CSV
  EXPECT_EQ(tab_separated_to_csv("a\t\r\n"), "a,\n");
  EXPECT_EQ(tab_separated_to_csv("say \"hi\"\t1\n"), "\"say \"\"hi\"\"\",1\n");
}

}  // namespace
}  // namespace kefu::host
