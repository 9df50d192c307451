// xlsx workbooks and Excel's "Unicode text" wherever a CSV is accepted (ingest, metrics compute,
// metrics import, scan): the same figures as the CSV they were made from.
#include "host/base/workbook_writer.hpp"
#include "host/cli/run_kefu.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace kefu {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string repo_file(const std::string& relative) { return test::data_file("../../" + relative); }

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Excel's "Unicode text": UTF-16LE with a BOM, TAB-separated, CRLF, fields quoted as Excel does.
std::string unicode_text_of(const std::string& csv_path) {
  const std::string text = read(csv_path);
  csv::Reader reader(text);
  csv::Record record;
  std::string utf8;
  while (reader.next(record) == csv::Status::record) {
    for (std::size_t c = 0; c < record.fields.size(); ++c) {
      const std::string f(record.fields[c]);
      if (c) utf8 += '\t';
      if (f.find_first_of("\t\"\n") == std::string::npos) {
        utf8 += f;
      } else {
        utf8 += '"';
        for (char ch : f) utf8 += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        utf8 += '"';
      }
    }
    utf8 += "\r\n";
  }
  std::u32string wide;  // UTF-8 to code points, then UTF-16LE
  for (std::size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : b & (0x7F >> n);
    for (int k = 1; k < n; ++k) cp = cp << 6 | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    wide += cp;
    i += static_cast<std::size_t>(n);
  }
  std::string out = "\xFF\xFE";
  auto unit = [&](char32_t u) { out += static_cast<char>(u & 0xFF), out += static_cast<char>(u >> 8 & 0xFF); };
  for (char32_t cp : wide) {
    if (cp >= 0x10000) {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out;
}

class XlsxCli : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string chat_csv = dir.copy_in(repo_file("config/samples/chat-log.csv"), "chats.csv");
};

TEST_F(XlsxCli, MetricsComputeOnAWorkbookGivesTheFiguresOfItsCsv) {
  const std::string written = dir.path() + "/written.xlsx";
  test::csv_to_workbook(chat_csv, written);
  const std::string libreoffice = dir.copy_in(test::data_file("xlsx/chat-log.xlsx"), "libreoffice.xlsx");
  const auto csv = kefu("metrics compute " + chat_csv, "", false);
  ASSERT_EQ(csv.exit_code, 1) << csv.out;  // the sample holds one bad row on purpose
  for (const std::string& book : {written, libreoffice}) {
    const auto xlsx = kefu("metrics compute " + book, "", false);
    EXPECT_EQ(xlsx.exit_code, 1) << book;
    EXPECT_EQ(xlsx.out, csv.out) << book;
  }
  // The bad row is rejected at its line (the sheet row, but for a cell holding a line break above
  // it), and the summary says what was converted.
  const auto run = kefu("metrics compute " + written + " --format json");
  EXPECT_THAT(run.out, HasSubstr("xlsx 工作表“Sheet1”已转为 CSV 读取"));
  EXPECT_THAT(read(written + ".rejects.csv"), HasSubstr("\n12,\"unparseable ts"));
  EXPECT_THAT(kefu("--lang en metrics compute " + written + " --format json").out,
              HasSubstr("xlsx sheet \"Sheet1\" read as CSV"));
}

TEST_F(XlsxCli, IngestOfAWorkbookChatLogStoresWhatItsCsvStores) {
  const std::string book = dir.path() + "/chats.xlsx";
  test::csv_to_workbook(chat_csv, book, /*constant_memory=*/true);
  const std::string config = " --config " + repo_file("config/kefu.json");
  const auto from_csv = kefu("ingest " + chat_csv + " --store " + dir.path() + "/csv.db" + config);
  const auto from_xlsx = kefu("ingest " + book + " --store " + dir.path() + "/xlsx.db" + config);
  EXPECT_EQ(from_csv.exit_code, 1) << from_csv.out;
  EXPECT_EQ(from_xlsx.exit_code, 1) << from_xlsx.out;
  EXPECT_THAT(from_xlsx.out, HasSubstr("聊天记录"));
  EXPECT_THAT(from_xlsx.out, HasSubstr("已转为 CSV"));
  const std::string report = "report --week 2026-W47 --format csv" + config + " --store ";
  const auto a = kefu(report + dir.path() + "/csv.db", "", false);
  const auto b = kefu(report + dir.path() + "/xlsx.db", "", false);
  EXPECT_EQ(a.exit_code, 0) << a.out;
  EXPECT_FALSE(a.out.empty());
  EXPECT_EQ(a.out, b.out);
}

TEST_F(XlsxCli, PlatformExportsFromLibreOfficeGiveTheFiguresOfTheirCsv) {
  for (const auto& [platform, shop, csv_name, xlsx_name] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
           {"jd", "jd01", "jd-2026-11-16.csv", "jd-export.xlsx"},
           {"douyin", "dy01", "douyin-2026-11-16.csv", "douyin-export.xlsx"}}) {
    const std::string csv = dir.copy_in(repo_file("config/samples/exports/" + csv_name), platform + ".csv");
    const std::string book = dir.copy_in(test::data_file("xlsx/" + xlsx_name), platform + ".xlsx");
    const std::string import = "metrics import --format csv --platform " + platform + " --shop " + shop + " ";
    const auto a = kefu(import + csv, "", false);
    const auto b = kefu(import + book, "", false);
    EXPECT_EQ(a.exit_code, b.exit_code) << platform;
    EXPECT_THAT(a.out, HasSubstr(shop));
    EXPECT_EQ(a.out, b.out) << platform;
    const std::string ingest = "ingest --platform " + platform + " --shop " + shop + " ";
    const auto c = kefu(ingest + csv + " --store " + dir.path() + "/" + platform + "-csv.db");
    const auto d = kefu(ingest + book + " --store " + dir.path() + "/" + platform + "-xlsx.db");
    EXPECT_THAT(d.out, HasSubstr("平台导出"));
    // The same number of values stored, said the same way.
    const auto stored = [](const std::string& out) { return out.substr(out.find("：新增或更新")); };
    EXPECT_EQ(stored(c.out).substr(0, 40), stored(d.out).substr(0, 40)) << c.out << d.out;
  }
}

TEST_F(XlsxCli, SheetPicksASheetByNameAndAnUnknownSheetListsThem) {
  const std::string book = dir.path() + "/two.xlsx";
  {
    test::WorkbookWriter w(book);
    worksheet_write_string(w.sheet("说明"), 0, 0, "这是导出说明", nullptr);
    lxw_worksheet* ws = w.sheet("聊天");
    const std::string text = read(chat_csv);
    csv::Reader reader(text);
    csv::Record r;
    for (lxw_row_t row = 0; reader.next(r) == csv::Status::record; ++row)
      for (std::size_t c = 0; c < r.fields.size(); ++c)
        worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), std::string(r.fields[c]).c_str(), nullptr);
    w.close();
  }
  const auto csv = kefu("metrics compute " + chat_csv, "", false);
  EXPECT_EQ(kefu("metrics compute --sheet 聊天 " + book, "", false).out, csv.out);
  const auto first = kefu("metrics compute " + book);
  EXPECT_EQ(first.exit_code, 2);
  const auto unknown = kefu("metrics compute --sheet 明细 " + book);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.out, HasSubstr("没有名为“明细”的工作表；工作簿中的工作表：“说明”、“聊天”"));
  const auto english = kefu("--lang en metrics compute --sheet 明细 " + book);
  EXPECT_THAT(english.out,
              HasSubstr("no sheet named \"明细\"; its sheets are \"说明\", \"聊天\" (give one with --sheet)"));
  // ingest and scan take it too.
  EXPECT_EQ(kefu("ingest --sheet 聊天 " + book + " --store " + dir.path() + "/s.db").exit_code, 1);
  const auto scan = kefu("scan --platform tmall --sheet 明细 " + book);
  EXPECT_EQ(scan.exit_code, 2);
  EXPECT_THAT(scan.out, HasSubstr("\"说明\", \"聊天\""));
}

TEST_F(XlsxCli, ExcelUnicodeTextDecodesAndIsReadAsTheChatLogItIs) {
  const std::string txt = dir.write("chats.txt", unicode_text_of(chat_csv));
  const auto csv = kefu("metrics compute " + chat_csv, "", false);
  const auto utf16 = kefu("metrics compute " + txt, "", false);
  EXPECT_EQ(utf16.exit_code, 1);
  EXPECT_EQ(utf16.out, csv.out);
  const auto ingest = kefu("ingest " + txt + " --store " + dir.path() + "/u.db");
  EXPECT_EQ(ingest.exit_code, 1) << ingest.out;
  EXPECT_THAT(ingest.out, HasSubstr("聊天记录 (utf-16le)"));
  EXPECT_THAT(ingest.out, Not(HasSubstr("--platform")));
  EXPECT_THAT(ingest.out, HasSubstr("Unicode 文本"));
}

TEST_F(XlsxCli, ScanReadsTheMessagesOfAWorkbookChatLog) {
  const std::string book = dir.path() + "/chats.xlsx";
  test::csv_to_workbook(chat_csv, book);
  const auto a = kefu("scan --platform tmall --format csv " + chat_csv, "", false);
  const auto b = kefu("scan --platform tmall --format csv " + book, "", false);
  EXPECT_EQ(a.exit_code, b.exit_code);
  auto without_file = [](std::string out) {
    std::string kept;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) kept += line.substr(line.find(',')) + "\n";
    return kept;
  };
  EXPECT_EQ(without_file(a.out), without_file(b.out));
}

TEST_F(XlsxCli, AWorkbookThatCannotBeReadSaysWhatToDo) {
  const std::string fake = dir.write("chats.xlsx", "platform,shop_id\n");
  const auto run = kefu("metrics compute " + fake);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr(fake + "：不是 xlsx 工作簿"));
  EXPECT_THAT(kefu("--lang en metrics compute " + fake).out, HasSubstr(fake + ": not an xlsx workbook"));
  const std::string xls =
      dir.write("old.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
  const auto old = kefu("ingest --platform jd --shop jd01 " + xls + " --store " + dir.path() + "/x.db");
  EXPECT_EQ(old.exit_code, 2);
  EXPECT_THAT(old.out, HasSubstr("另存为不带密码的 .xlsx"));
  const auto import = kefu("--lang en metrics import --platform jd --shop jd01 " + xls);
  EXPECT_EQ(import.exit_code, 2);
  EXPECT_THAT(import.out, HasSubstr("save it as .xlsx without a password"));
}

}  // namespace
}  // namespace kefu
