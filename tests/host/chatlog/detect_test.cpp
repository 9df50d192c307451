// One answer per file: whether it is a canonical chat log, which kind, why, and which columns it
// lacks; every command (scan, ingest, metrics compute) takes the same answer.
#include "chatlog/detect.h"
#include "chatlog/reader.h"

#include "host/cli/run_kefu.hpp"
#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::test {
namespace {

using host::chatlog::detect;
using host::chatlog::Kind;
using ::testing::HasSubstr;

TEST(ChatLogDetect, AHeaderWithSessionIdIsAChatCsvAndNamesWhatItLacks) {
  const auto d = detect("\xEF\xBB\xBFsession_id,content\r\n1,hi\n");
  EXPECT_EQ(d.kind, Kind::csv);
  EXPECT_EQ(d.missing_list(), "platform,shop_id,customer_id,ts,sender,agent_id,event");
  EXPECT_FALSE(d.lacks("content"));
}

TEST(ChatLogDetect, TheFullHeaderInAnyOrderLacksNothing) {
  const auto d = detect("content,event,agent_id,sender,ts,customer_id,session_id,shop_id,platform\n");
  EXPECT_EQ(d.kind, Kind::csv);
  EXPECT_TRUE(d.missing.empty());
}

TEST(ChatLogDetect, AFirstLineThatIsAJsonObjectIsJsonLines) {
  EXPECT_EQ(detect("\n  {\"session_id\":\"1\"}\n").kind, Kind::jsonl);
}

TEST(ChatLogDetect, AScriptFileOrAnExportIsNotAChatLog) {
  EXPECT_EQ(detect("亲，加我微信吧\n").kind, Kind::not_chat_log);
  EXPECT_EQ(detect("日期,咨询人数,回复率\n2026-11-16,10,90%\n").kind, Kind::not_chat_log);
  EXPECT_EQ(detect("sessions,content\n").kind, Kind::not_chat_log);  // a field, not a substring
  EXPECT_EQ(detect("").kind, Kind::not_chat_log);
}

TEST(ChatLogDetect, JsonLinesWithTheSdksTsMsKeyAreRead) {
  TempDir dir;
  const std::string path = dir.write(
      "api.jsonl",
      "{\"platform\":\"tmall\",\"shop_id\":\"s1\",\"session_id\":\"x\",\"customer_id\":\"c\",\"ts_ms\":1763254800000,"
      "\"sender\":\"customer\",\"agent_id\":\"\",\"event\":\"msg\",\"content\":\"在吗\"}\n");
  host::chatlog::ChatEvents events;
  const auto read = host::chatlog::read_chat_log(path, events);
  EXPECT_EQ(read.rows, 1);
  EXPECT_TRUE(read.rejects.empty());
}

TEST(ChatLogDetect, SessionIdAndContentIsAChatLogToScanIngestAndComputeAlike) {
  TempDir dir;
  const std::string path = dir.write("qc.csv", "session_id,content\n1,加我微信\n");
  const auto scan = kefu("scan --platform tmall " + path);
  EXPECT_EQ(scan.exit_code, 1) << scan.out;  // a block hit in the chat's content
  const auto ingest = kefu("ingest --store " + dir.path() + "/k.db " + path);
  EXPECT_EQ(ingest.exit_code, 2);
  EXPECT_THAT(
      ingest.out,
      HasSubstr(
          "最接近的布局：canonical（Kefu 的标准列），缺少 platform,shop_id,customer_id,ts,sender,agent_id,event"));
  const auto compute = kefu("metrics compute " + path);
  EXPECT_EQ(compute.exit_code, 2);
  EXPECT_THAT(compute.out, HasSubstr("缺少 platform,shop_id,customer_id,ts,sender,agent_id,event"));
}

}  // namespace
}  // namespace kefu::test
