// Names come from configs and chat logs, so they may hold markup: the HTML report and the
// workbook show them as text and never as markup.
#include "present/report_render.h"

#include "host/cli/run_kefu.hpp"
#include "report/report.h"
#include "test_paths.hpp"
#include "test_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace kefu::host::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kShop = "<script>alert('shop')</script>店";
const std::string kGroup = "<b onmouseover=alert(1)>组</b>";
const std::string kAgent = "<img src=x onerror=alert('agent')>";

class ReportMarkup : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::open_test_store(dir_);
    store::IngestBatch b{"fixture", "chat_log", {}};
    for (const std::string agent : {std::string(""), kAgent}) {
      for (const char* day : {"2026-11-10", "2026-11-16"}) {
        store::StoredValue s;
        s.value = {"tmall", "tm01", agent, day, "reply_rate", "reply_rate", 0.9, Availability::available, "recomputed"};
        s.numerator = 9, s.denominator = 10, s.definition = "kefu recomputed", s.source = "chat.csv";
        b.values.push_back(s);
        s.value.metric = s.value.native_name = "sessions", s.value.value = 10, s.numerator.reset(),
        s.denominator.reset();
        b.values.push_back(s);
      }
    }
    store_->ingest(b);
    config_ = config::parse_config(R"({"shops": [{"id": "tm01", "platform": "tmall", "name": ")" + escape_json(kShop) +
                                       R"(", "group": ")" + escape_json(kGroup) + R"("}]})",
                                   "team.json");
  }
  static std::string escape_json(const std::string& s) {
    std::string out;
    for (char c : s) out += c == '"' ? std::string("\\\"") : std::string(1, c);
    return out;
  }
  Report build(By by) { return build_report(*store_, config_, ReportOptions{iso_week("2026-W47"), true, by, {}, {}}); }

  test::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  config::Config config_;
};

TEST_F(ReportMarkup, HtmlShowsMarkupInShopGroupAndAgentNamesAsText) {
  for (By by : {By::shop, By::agent}) {
    std::ostringstream html;
    render_html(build(by), RenderContext{Lang::en, {}}, html);
    EXPECT_THAT(html.str(), Not(HasSubstr("<script>alert")));
    EXPECT_THAT(html.str(), Not(HasSubstr("<img src=x")));
    EXPECT_THAT(html.str(), Not(HasSubstr("<b onmouseover")));
    EXPECT_THAT(html.str(), HasSubstr(by == By::shop ? "&lt;script&gt;alert" : "&lt;img src=x onerror=alert"));
    if (by == By::shop) EXPECT_THAT(html.str(), HasSubstr("&lt;b onmouseover=alert(1)&gt;组&lt;/b&gt;"));
  }
}

TEST_F(ReportMarkup, WorkbookKeepsMarkupInShopGroupAndAgentNamesAsEscapedText) {
  const std::string xlsx = dir_.path() + "/report.xlsx";
  render_xlsx({build(By::shop), build(By::agent)}, RenderContext{Lang::en, {}}, xlsx);
  // Every XML part of the workbook, as Excel reads it.
  const auto parts = run_command(
      "python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
      "print(\"\".join(z.read(n).decode() for n in z.namelist() if n.endswith(\".xml\")))' " +
      xlsx);
  ASSERT_EQ(parts.exit_code, 0);
  EXPECT_THAT(parts.out, Not(HasSubstr("<script>")));
  EXPECT_THAT(parts.out, Not(HasSubstr("<img src=x")));
  EXPECT_THAT(parts.out, Not(HasSubstr("<b onmouseover")));
  EXPECT_THAT(parts.out, HasSubstr("&lt;script&gt;alert('shop')&lt;/script&gt;店"));
  EXPECT_THAT(parts.out, HasSubstr("&lt;b onmouseover=alert(1)&gt;组&lt;/b&gt;"));
  EXPECT_THAT(parts.out, HasSubstr("&lt;img src=x onerror=alert('agent')&gt;"));
}

}  // namespace
}  // namespace kefu::host::report
