// Chat-log layouts (docs/data-in.md): each example team layout detected and read, sender values
// and transfer marks translated, a header of no known layout refused naming the closest layout,
// and times without an offset read in the shop's time zone.
#include "chatlog/detect.h"
#include "chatlog/reader.h"

#include "test_paths.hpp"

#include <kefu/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace kefu::host::chatlog {
namespace {

using test::data_file;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

ChatLayout example(const std::string& name) {
  std::ifstream in(data_file("../../examples/chat-layouts/" + name + ".json"));
  std::stringstream text;
  text << in.rdbuf();
  return json::read<ChatLayout>(text.str(), name);
}

Layouts all_examples() {
  return Layouts({example("tmall-qianniu-team"), example("jd-dongdong-team"), example("douyin-feige-team"),
                  example("kuaishou-team"), example("pinduoduo-team")});
}

struct Read {
  ChatReadResult result;
  ChatEvents events;
  std::size_t count(EventKind k) const {
    std::size_t n = 0;
    for (std::size_t b = 0; b < events.events.block_count(); ++b)
      for (std::size_t i = 0; i < events.events.block_size(b); ++i) n += events.events.block(b)[i].kind() == k;
    return n;
  }
  std::vector<std::int64_t> times() const {
    std::vector<std::int64_t> out;
    for (std::size_t b = 0; b < events.events.block_count(); ++b)
      for (std::size_t i = 0; i < events.events.block_size(b); ++i) out.push_back(events.events.block(b)[i].ts);
    return out;
  }
};

Read read(const std::string& path, const Layouts& layouts, std::int64_t offset_ms = calendar::kChinaOffsetMs) {
  Read r;
  ChatReadOptions options;
  options.layouts = &layouts;
  options.naive_offset_ms = offset_ms;
  r.result = read_chat_log(path, r.events, options);
  return r;
}

TEST(ChatLayouts, TheTmallTeamExampleIsDetectedAndRead) {
  const Layouts layouts = all_examples();
  const std::string file = data_file("chatlog/tmall/qianniu-team.csv");
  EXPECT_EQ(detect_file(file, layouts).layout, "tmall-qianniu-team");
  const Read r = read(file, layouts);
  EXPECT_EQ(r.result.layout, "tmall-qianniu-team");
  EXPECT_EQ(r.result.rows, 8);
  EXPECT_TRUE(r.result.rejects.empty());
  EXPECT_EQ(std::string(split_shop_key(r.events.shops.name(0)).first), "tmall");
  EXPECT_EQ(std::string(split_shop_key(r.events.shops.name(0)).second), "tm01");
}

TEST(ChatLayouts, TheJdTeamExampleIsDetectedAndReadWithItsFixedShopAndSlashedDates) {
  const Layouts layouts = all_examples();
  const Read r = read(data_file("chatlog/jd/dongdong-team.csv"), layouts);
  EXPECT_EQ(r.result.layout, "jd-dongdong-team");
  EXPECT_EQ(r.result.rows, 7);
  EXPECT_TRUE(r.result.rejects.empty());
  EXPECT_EQ(std::string(split_shop_key(r.events.shops.name(0)).second), "jd01");
  EXPECT_EQ(r.times().front(), *calendar::parse_timestamp("2026-11-16T10:02:33+08:00"));
}

TEST(ChatLayouts, TheDouyinTeamExampleIsDetectedAndRead) {
  const Read r = read(data_file("chatlog/douyin/feige-team.csv"), all_examples());
  EXPECT_EQ(r.result.layout, "douyin-feige-team");
  EXPECT_EQ(r.result.rows, 6);
  EXPECT_TRUE(r.result.rejects.empty());
}

TEST(ChatLayouts, TheKuaishouTeamExampleIsDetectedAndReadInEpochSeconds) {
  const Read r = read(data_file("chatlog/kuaishou/team.csv"), all_examples());
  EXPECT_EQ(r.result.layout, "kuaishou-team");
  EXPECT_EQ(r.result.rows, 5);
  EXPECT_TRUE(r.result.rejects.empty());
  EXPECT_EQ(r.result.naive_times, 0);
  EXPECT_EQ(r.times().front(), 1794795753000);
}

TEST(ChatLayouts, ThePinduoduoTeamExampleIsDetectedAndReadInEpochMilliseconds) {
  const Read r = read(data_file("chatlog/pinduoduo/team.csv"), all_examples());
  EXPECT_EQ(r.result.layout, "pinduoduo-team");
  EXPECT_EQ(r.result.rows, 6);
  EXPECT_TRUE(r.result.rejects.empty());
  EXPECT_EQ(r.result.naive_times, 0);
  EXPECT_EQ(r.times().front(), 1794794400000);  // 2026-11-16 10:00:00 +08:00
}

TEST(ChatLayouts, SenderValuesMapToCustomerAgentBotAndSystem) {
  const Read r = read(data_file("chatlog/tmall/qianniu-team.csv"), all_examples());
  EXPECT_EQ(r.count(EventKind::customer) + r.count(EventKind::closing), 3u);  // 买家
  EXPECT_EQ(r.count(EventKind::agent), 3u);                                   // 客服
  EXPECT_EQ(r.count(EventKind::bot), 1u);                                     // 店小蜜
}

TEST(ChatLayouts, ATransferIsMarkedBySenderValueEventValueOrContentPrefix) {
  const Layouts layouts = all_examples();
  EXPECT_EQ(read(data_file("chatlog/tmall/qianniu-team.csv"), layouts).count(EventKind::transfer), 1u);  // 发送方 转接
  EXPECT_EQ(read(data_file("chatlog/jd/dongdong-team.csv"), layouts).count(EventKind::transfer), 1u);  // 消息类型 转接
  EXPECT_EQ(read(data_file("chatlog/douyin/feige-team.csv"), layouts).count(EventKind::transfer), 1u);  // 会话已转接给
}

TEST(ChatLayouts, AQianniuStyleHeaderIsAChatLogNotAPlatformExport) {
  const Detection d = detect_file(data_file("chatlog/qianniu-unknown.csv"), all_examples());
  EXPECT_TRUE(d.is_chat_log());
  EXPECT_EQ(d.layout, "");
}

TEST(ChatLayouts, AHeaderOfNoKnownLayoutNamesTheClosestLayoutAndWhatItLacks) {
  const Layouts layouts = all_examples();
  try {
    read(data_file("chatlog/qianniu-unknown.csv"), layouts);
    ADD_FAILURE() << "read a file of no known layout";
  } catch (const UnknownLayout& e) {
    EXPECT_EQ(e.mismatch().closest, "tmall-qianniu-team");
    EXPECT_THAT(e.mismatch().missing, ElementsAre("shop_id", "session_id", "sender"));
    EXPECT_THAT(e.mismatch().wanted, ElementsAre("店铺", "会话ID", "发送方"));
    EXPECT_THAT(e.what(), HasSubstr("platform,shop_id,session_id,customer_id,ts,sender,agent_id,event,content"));
  }
}

TEST(ChatLayouts, ALayoutWithoutAShopTakesTheOneGiven) {
  ChatLayout l = example("tmall-qianniu-team");
  l.columns.shop_id.clear();
  const Layouts layouts({l});
  const std::string file = data_file("chatlog/tmall/qianniu-team.csv");
  ChatEvents events;
  ChatReadOptions options;
  options.layouts = &layouts;
  EXPECT_THROW(read_chat_log(file, events, options), std::runtime_error);  // says: give --shop
  options.shop = "tm09";
  read_chat_log(file, events, options);
  EXPECT_EQ(std::string(split_shop_key(events.shops.name(0)).second), "tm09");
}

TEST(NaiveTimes, ATimeWithoutAnOffsetIsReadAsChinaTimeAndCounted) {
  const Read r = read(data_file("chatlog/tmall/qianniu-team.csv"), all_examples());
  EXPECT_EQ(r.result.naive_times, 8);
  EXPECT_EQ(r.times().front(), *calendar::parse_timestamp("2026-11-16T10:02:33+08:00"));
}

TEST(NaiveTimes, AConfiguredOffsetIsHonoured) {
  const Read r = read(data_file("chatlog/tmall/qianniu-team.csv"), all_examples(), -5 * 3'600'000);
  EXPECT_EQ(r.times().front(), *calendar::parse_timestamp("2026-11-16T10:02:33-05:00"));
}

TEST(NaiveTimes, AnUnreadableTimeIsStillARejectWithItsLine) {
  test::TempDir dir;
  const std::string file = dir.write("t.csv",
                                     "店铺,会话ID,买家,客服,发送方,时间,内容\n"
                                     "tm01,Q1,b1,,买家,2026-11-16 10:02:33,在吗\n"
                                     "tm01,Q1,b1,小美,客服,16/11/2026 10:03,在的\n");
  const Read r = read(file, all_examples());
  ASSERT_EQ(r.result.rejects.size(), 1u);
  EXPECT_EQ(r.result.rejects[0].line, 3);
  EXPECT_THAT(r.result.rejects[0].reason, HasSubstr("unparseable ts"));
  EXPECT_EQ(r.result.naive_times, 1);
}

TEST(NaiveTimes, ExplainsRereadingReadsTheSameInstantsAndSenders) {
  const Layouts layouts = all_examples();
  const std::string file = data_file("chatlog/tmall/qianniu-team.csv");
  std::string key;
  session_key(key, "tmall", "tm01", "Q1");
  SessionTails tails;
  ChatReadOptions options;
  options.layouts = &layouts;
  read_session_tails(file, {key}, 10, tails, options);
  ASSERT_EQ(tails[key].size(), 6u);
  EXPECT_EQ(tails[key][0].ts, *calendar::parse_timestamp("2026-11-16T10:02:33+08:00"));
  EXPECT_EQ(tails[key][0].sender, "customer");
  EXPECT_EQ(tails[key][1].sender, "bot");
  EXPECT_EQ(tails[key][4].event, "transfer");
}

}  // namespace
}  // namespace kefu::host::chatlog
