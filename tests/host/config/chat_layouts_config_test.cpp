// kefu.json "chat_layouts" (inline or a layout file) and "utc_offset" (docs/data-in.md): read,
// and every problem named by its path in the config.
#include "config/config.h"
#include "host/config/config_problems.hpp"

#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host::config {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

TEST(ConfigChatLayouts, AnInlineLayoutAndALayoutFileAreRead) {
  const std::string examples = test::data_file("../../examples/chat-layouts/");
  const Config c = parse_config(R"({"chat_layouts": [
      {"id": "ours", "columns": {"session_id": ["会话"], "ts": ["时间"], "sender": ["谁"], "shop_id": ["店"]},
       "values": {"platform": "jd"}},
      ")" + examples + R"(tmall-qianniu-team.json"]})",
                                "/etc/kefu/kefu.json");
  ASSERT_EQ(c.chat_layouts.size(), 2u);
  EXPECT_EQ(c.chat_layouts[0].id, "ours");
  EXPECT_EQ(c.chat_layouts[0].columns.ts.at(0), "时间");
  EXPECT_EQ(c.chat_layouts[1].id, "tmall-qianniu-team");
}

TEST(ConfigChatLayouts, ProblemsNameTheirPathInTheConfig) {
  const auto p = problems_of(R"({"chat_layouts": [
      {"id": "Bad Id", "columns": {"session_id": ["会话"], "ts": "时间"}},
      {"id": "x", "columns": {"session_id": ["会话"], "ts": ["时间"]}, "values": {"platform": "jd"}, "colums": 1},
      "no-such-layout.json"]})");
  EXPECT_THAT(p, Contains(HasSubstr("chat_layouts[0].columns.ts: expected an array")));
  EXPECT_THAT(p, Contains(HasSubstr("chat_layouts[1].columns.sender: missing")));
  EXPECT_THAT(p, Contains(HasSubstr("chat_layouts[1].colums: unknown key")));
  EXPECT_THAT(p, Contains(HasSubstr("chat_layouts[2] (/etc/kefu/no-such-layout.json): cannot read")));
}

TEST(ConfigUtcOffset, DefaultsToChinaTimeAndReadsAnotherOffset) {
  EXPECT_EQ(parse_config("{}", "k.json").utc_offset_ms, 8 * 3'600'000);
  EXPECT_EQ(parse_config(R"({"utc_offset": "-05:30"})", "k.json").utc_offset_ms, -(5 * 60 + 30) * 60'000);
  EXPECT_THAT(problems_of(R"({"utc_offset": "Asia/Shanghai"})"), Contains(HasSubstr("utc_offset: expected an offset")));
}

}  // namespace
}  // namespace kefu::host::config
