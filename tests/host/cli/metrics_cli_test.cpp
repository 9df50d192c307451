// `kefu metrics` end to end: the real binary on a checked-in chat log.
#include "host/cli/run_kefu.hpp"

#include <rapidjson/document.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kefu {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using test::data_file;
using test::TempDir;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(MetricsComputeCli, RecomputesKeepsRejectsAndSaysSo) {
  TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/chat.csv"), "chat.csv");
  const auto run = kefu("metrics compute " + log + " --out " + dir.path() + "/out.csv");
  EXPECT_EQ(run.exit_code, 1) << run.out;  // one row was rejected
  EXPECT_THAT(run.out, HasSubstr("读取 9 行，拒绝 1 行，会话 2 个"));
  EXPECT_EQ(slurp(log + ".rejects.csv"),
            "line,reason,original\n"
            "12,\"unparseable ts (ISO-8601 with an offset, or epoch milliseconds)\","
            "\"douyin,dy01,S9,c2,yesterday,agent,阿杰,msg,有的\"\n");
  const std::string out = slurp(dir.path() + "/out.csv");
  // 小美 holds the first segment (18 s reply, then the address turn is open at the transfer);
  // 小王 holds the second, which has no customer message: no row. 阿杰: 30 s, then unanswered.
  EXPECT_THAT(out, HasSubstr("agent,tmall,tm01,小美,2026-11-16,1,2,1,0,1,1,1,18.000000,18.000000,18.000000,18.000000,"
                             "0.000000,1.000000,0.500000\n"));
  EXPECT_THAT(out, HasSubstr("agent,douyin,dy01,阿杰,2026-11-16,1,2,1,0,1,1,1,30.000000,"));
  EXPECT_THAT(out, Not(HasSubstr("小王")));

  // Fixed input: exit 0 and the stale rejects file goes away.
  std::string fixed = slurp(log);
  fixed.replace(fixed.find("yesterday"), 9, "2026-11-16T09:12:40+08:00");
  const std::string good = dir.write("chat.csv", fixed);
  EXPECT_EQ(kefu("metrics compute " + good + " --out " + dir.path() + "/out.csv").exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(good + ".rejects.csv"));
}

TEST(MetricsComputeCli, JsonAndEnglishSummary) {
  const auto run = kefu("metrics compute " + data_file("metrics/chat.csv") + " --format json --lang en", "", false);
  rapidjson::Document doc;
  doc.Parse(run.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << run.out;
  ASSERT_TRUE(doc["rows"].IsArray());
  const auto& first = doc["rows"][0];
  EXPECT_STREQ(first["level"].GetString(), "agent");
  EXPECT_TRUE(first["sessions"].IsInt());
  EXPECT_TRUE(first["reply_rate"].IsNumber());
  const auto with_summary = kefu("metrics compute " + data_file("metrics/chat.csv") + " --format table --lang en");
  EXPECT_THAT(with_summary.out, HasSubstr("read 9 rows, rejected 1, sessions 2"));
}

TEST(MetricsComputeCli, WrongHeaderIsAnErrorNamingTheColumns) {
  TempDir dir;
  const std::string bad = dir.write("bad.csv", "a,b,c\n1,2,3\n");
  const auto run = kefu("metrics compute " + bad);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("expected the columns platform,shop_id,session_id,customer_id,ts,sender,agent_id,event,content"));
}

}  // namespace
}  // namespace kefu
