// Reading canonical chat logs: bad rows kept as rejects with their line, bad headers refused,
// JSON Lines and GB18030 read like UTF-8 CSV, and the parallel reader equal to one worker.
#include "host/metrics/metrics_test_util.hpp"

#include "chatlog_gen.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace kefu::test {
namespace {

TEST(ChatLog, BadRowsAreRejectedWithLineAndReasonAndTheRestIsRead) {
  const std::string log = kChatHeader + row("x", "09:00:00", "customer") +                    // line 2
                          "tmall,s1,x,c1,2026-11-16T09:00:01+08:00,customer\n" +              // 3: 6 fields
                          row("x", "09:00:02", "robot") +                                     // 4
                          row("x", "09:00:03", "agent", "a1", "typing") +                     // 5
                          "tmall,s1,x,c1,2026-11-16T09:00:04+08:00,customer,,msg,\"oops\n" +  // 6: quote never closed
                          row("x", "09:00:10", "agent", "a1") +                               // 7
                          row("", "09:00:11", "customer");                                    // 8: empty session_id
  const auto c = compute_text(log);
  ASSERT_EQ(c.read.rejects.size(), 5u) << c.csv;
  EXPECT_EQ(c.read.rejects[0].line, 3);
  EXPECT_EQ(c.read.rejects[0].reason, "wrong field count");
  EXPECT_EQ(c.read.rejects[0].original, "tmall,s1,x,c1,2026-11-16T09:00:01+08:00,customer");
  EXPECT_EQ(c.read.rejects[1].line, 4);
  EXPECT_NE(c.read.rejects[1].reason.find("unknown sender"), std::string::npos);
  EXPECT_EQ(c.read.rejects[2].line, 5);
  EXPECT_NE(c.read.rejects[2].reason.find("unknown event"), std::string::npos);
  EXPECT_EQ(c.read.rejects[3].line, 6);
  EXPECT_NE(c.read.rejects[3].reason.find("never closed"), std::string::npos);
  EXPECT_EQ(c.read.rejects[4].line, 8);
  EXPECT_NE(c.read.rejects[4].reason.find("empty"), std::string::npos);
  EXPECT_EQ(c.read.rows, 2);  // lines 2 and 7
  EXPECT_EQ(c.get("agent,tmall,s1,a1,2026-11-16", "first_response_mean_s"), "10.000000");
}

TEST(ChatLog, MissingOrWrongHeaderNamesTheExpectedColumns) {
  TempDir dir;
  host::chatlog::ChatEvents events;
  for (const std::string& text :
       {row("x", "09:00:00", "customer"), std::string("platform,shop,session\n"), std::string("")}) {
    const std::string path = dir.write("bad.csv", text);
    try {
      host::chatlog::read_chat_log(path, events);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("platform,shop_id,session_id,customer_id,ts,sender,agent_id,event,content"),
                std::string::npos)
          << e.what();
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
    }
  }
}

TEST(ChatLog, ColumnsMayComeInAnyOrder) {
  const auto c = compute_text(
      "content,event,agent_id,sender,ts,customer_id,session_id,shop_id,platform\n"
      "hi,msg,,customer,2026-11-16T09:00:00+08:00,c1,x,s1,tmall\n"
      "\"hello, there\",msg,a1,agent,2026-11-16T09:00:09+08:00,c1,x,s1,tmall\n");
  EXPECT_EQ(c.get("agent,tmall,s1,a1,2026-11-16", "first_response_mean_s"), "9.000000");
}

TEST(ChatLog, JsonLinesReadLikeCsv) {
  const auto jsonl = compute_text(
      "{\"platform\":\"tmall\",\"shop_id\":\"s1\",\"session_id\":\"x\",\"customer_id\":\"c1\",\"ts\":1794790800000,"
      "\"sender\":\"customer\",\"agent_id\":\"\",\"event\":\"msg\",\"content\":\"在吗\"}\n"
      "not json\n"
      "{\"platform\":\"tmall\",\"shop_id\":\"s1\",\"session_id\":\"x\",\"ts\":\"2026-11-16T09:00:12+08:00\","
      "\"sender\":\"agent\",\"agent_id\":\"a1\",\"content\":\"您好\\n请问\"}\n",
      1, "log.jsonl");
  EXPECT_EQ(jsonl.read.format, "jsonl");
  ASSERT_EQ(jsonl.read.rejects.size(), 1u);
  EXPECT_EQ(jsonl.read.rejects[0].line, 2);
  EXPECT_EQ(jsonl.get("agent,tmall,s1,a1,2026-11-16", "first_response_mean_s"), "12.000000");
}

TEST(ChatLog, Gb18030LogIsDetectedAndIdsComeOutAsUtf8) {
  // 小美 in GBK is D0A1 C3C0; 你好 is C4E3 BAC3.
  const auto c = compute_rows(row("x", "09:00:00", "customer", "", "msg", "\xC4\xE3\xBA\xC3") +
                              row("x", "09:00:05", "agent", "\xD0\xA1\xC3\xC0"));
  EXPECT_EQ(c.read.encoding, Encoding::gb18030);
  EXPECT_EQ(c.get("agent,tmall,s1,小美,2026-11-16", "first_response_mean_s"), "5.000000");
}

// A generated log with multi-line quoted content, out-of-order rows and transfers, read by one
// worker and by several: the same rows, byte for byte.
TEST(ChatLog, ParallelReadEqualsOneWorker) {
  TempDir dir;
  const std::string path = dir.path() + "/gen.csv";
  std::FILE* out = std::fopen(path.c_str(), "wb");
  bench::ChatLogSpec spec;
  spec.rows = 150'000;
  spec.open_sessions = 500;
  const auto stats = bench::write_chat_log(out, spec);
  std::fclose(out);
  ASSERT_GT(stats.bytes, 12u << 20);  // big enough for three workers of 4 MiB
  std::string one, three;
  for (unsigned workers : {1u, 3u}) {
    host::chatlog::ChatEvents events;
    host::chatlog::ChatReadOptions options;
    options.workers = workers;
    const auto read = host::chatlog::read_chat_log(path, events, options);
    EXPECT_EQ(read.rows, 150'000);
    EXPECT_TRUE(read.rejects.empty());
    std::ostringstream csv;
    metrics::write_csv(csv, metrics::compute_metrics(events, metrics::Canonical::v1, workers));
    (workers == 1 ? one : three) = csv.str();
  }
  EXPECT_EQ(one, three);
}

// The middle of this file is one quoted field whose lines look exactly like records: a worker
// that starts there guesses wrong, and the reader must notice and read that range again.
TEST(ChatLog, WrongRecordStartGuessIsCorrected) {
  std::string log = kChatHeader;
  auto add_sessions = [&](const std::string& prefix, int n) {
    for (int i = 0; i < n; ++i) {
      const std::string s = prefix + std::to_string(i);
      log += row(s, "09:00:00", "customer") + row(s, "09:00:07", "agent", "a1");
    }
  };
  add_sessions("before", 40'000);
  log += "tmall,s1,trap,c1,2026-11-16T09:00:00+08:00,customer,,msg,\"";
  for (int i = 0; i < 60'000; ++i)
    log += "tmall,s1,fake" + std::to_string(i) + ",c1,2026-11-16T09:00:00+08:00,customer,,msg,x\n";
  log += "\"\n";
  add_sessions("after", 40'000);
  const auto one = compute_text(log, 1);
  const auto two = compute_text(log, 2);
  EXPECT_EQ(one.csv, two.csv);
  EXPECT_EQ(two.get("shop,tmall,s1,*,2026-11-16", "sessions"), "80001");
  EXPECT_EQ(two.read.rows, 160'001);
}

TEST(ChatLog, TinyReadBlocksGiveTheSameRowsRejectsAndLinesAsOneBlock) {
  const std::string log = kChatHeader + row("x", "09:00:00", "customer") + "\"q\"x,tail,with,commas\n" +
                          row("x", "09:00:05", "agent", "a1") +
                          "tmall,s1,y,c1,2026-11-16T09:00:00+08:00,customer,,msg,\"a\nb\"\n" + "\"bad\"z\n" +
                          row("y", "09:00:09", "agent", "a1");
  test::TempDir dir;
  const std::string path = dir.write("log.csv", log);
  auto read = [&](std::size_t block) {
    host::chatlog::ChatEvents events;
    host::chatlog::ChatReadOptions options;
    options.workers = 1;
    options.block_bytes = block;
    const auto r = host::chatlog::read_chat_log(path, events, options);
    std::string out = std::to_string(r.rows) + " " + std::to_string(events.sessions.size()) + "\n";
    for (const auto& reject : r.rejects)
      out += std::to_string(reject.line) + " " + reject.reason + " " + reject.original + "\n";
    return out;
  };
  const std::string whole = read(0);
  EXPECT_EQ(whole.substr(0, 4), "4 2\n");
  for (std::size_t block = 1; block <= 64; ++block) EXPECT_EQ(read(block), whole) << "block " << block;
}

TEST(ChatLog, ADeeplyNestedJsonLineIsARejectNotAStackOverflow) {
  const std::string ok =
      R"({"platform":"tmall","shop_id":"s1","session_id":"x","ts":"2026-11-16T09:00:00+08:00","sender":"customer"})";
  const std::string deep = R"({"content":)" + std::string(300'000, '[') + std::string(300'000, ']') + "}";
  const auto c = compute_text(ok + "\n" + deep + "\n" + ok + "\n", 1, "log.jsonl");
  ASSERT_EQ(c.read.rejects.size(), 1u);
  EXPECT_EQ(c.read.rejects[0].line, 2);
  EXPECT_EQ(c.read.rows, 2);
}

TEST(ChatLog, AMalformedLineAcrossTheReadBlockBoundaryIsOneRejectWithoutAGhostSession) {
  // The reader reads 8 MiB blocks from the first data line; a line with a stray quote straddles
  // the end of the first one, and its tail would read as a record of its own.
  constexpr std::size_t kBlock = 8u << 20;
  std::string log = kChatHeader;
  int line = 1, sessions = 0;
  while (log.size() < kChatHeader.size() + kBlock - 200) {
    log += row("s" + std::to_string(sessions++), "09:00:00", "customer");
    ++line;
  }
  const std::string tail = "tmall,s1,ghost,c1,2026-11-16T09:00:00+08:00,customer,,msg,hi";
  const std::size_t head = kChatHeader.size() + kBlock - log.size();  // bytes before the boundary
  log += "\"q\"x" + std::string(head - 4, 'p') + tail + "\n";
  const int straddling = ++line;
  log += row("after", "09:00:00", "customer");
  ++line;
  log += "\"bad\"z\n";
  const int later = ++line;
  const auto c = compute_text(log, 1);
  ASSERT_EQ(c.read.rejects.size(), 2u);
  EXPECT_EQ(c.read.rejects[0].line, straddling);
  EXPECT_EQ(c.read.rejects[0].original.size(), head + tail.size());
  EXPECT_EQ(c.read.rejects[1].line, later);
  EXPECT_EQ(c.read.rows, sessions + 1);
  EXPECT_EQ(c.get("shop,tmall,s1,*,2026-11-16", "sessions"), std::to_string(sessions + 1));  // no "ghost"
}

}  // namespace
}  // namespace kefu::test
