// xlsx workbooks: any bytes as a whole file (a zip or not), and — so expat's handlers see more
// than CRC failures — any bytes as the sheet XML of an otherwise valid workbook built in memory
// with shared strings and date, time and percent styles. Every answer is CSV text or an error
// naming the file; nothing crashes, leaks or reads out of bounds.
#include "base/table_text.h"
#include "base/xlsx.h"

#include <zip.h>

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace {

constexpr const char* kRels =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
constexpr const char* kWorkbook =
    R"(<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/>)"
    R"(<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr const char* kWorkbookRels =
    R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(<Relationship Id="rId3" Type="x/styles" Target="styles.xml"/></Relationships>)";
constexpr const char* kShared = R"(<sst><si><t>a,b</t></si><si><r><t>x</t></r><rPh><t>y</t></rPh></si></sst>)";
constexpr const char* kStyles =
    R"(<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts>)"
    R"(<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs></styleSheet>)";

// A workbook whose sheet XML is `sheet`, as zip bytes.
std::string workbook_with_sheet(const std::string& sheet) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  auto add = [&](const char* name, const std::string& content) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    const zip_int64_t i = zip_file_add(z, name, s, ZIP_FL_OVERWRITE);
    zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
  };
  const std::string parts[] = {kRels, kWorkbook, kWorkbookRels, kShared, kStyles};
  add("_rels/.rels", parts[0]);
  add("xl/workbook.xml", parts[1]);
  add("xl/_rels/workbook.xml.rels", parts[2]);
  add("xl/sharedStrings.xml", parts[3]);
  add("xl/styles.xml", parts[4]);
  add("xl/worksheets/sheet1.xml", sheet);
  zip_close(z);  // writes the archive into `buffer`, which reads the part buffers now
  std::string out;
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  out.resize(static_cast<std::size_t>(zip_source_tell(buffer)));
  zip_source_seek(buffer, 0, SEEK_SET);
  zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

void convert(std::string bytes) {
  try {
    kefu::host::table_text(std::move(bytes), "fuzz.xlsx", {});
  } catch (const std::runtime_error&) {  // xlsx::Error included: a refusal, not a crash
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  convert(bytes);
  convert(workbook_with_sheet(bytes));
  kefu::host::xlsx::classify_format(0, bytes.substr(0, 64));
  kefu::host::xlsx::percent_text(bytes.substr(0, 32));
  return 0;
}
