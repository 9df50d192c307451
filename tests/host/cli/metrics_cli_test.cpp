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

using test::data_file;
using test::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(MetricsComputeCli, RecomputesKeepsRejectsAndSaysSo) {
  TempDir dir;
  const std::string log = dir.copy_in(data_file("metrics/chat.csv"), "chat.csv");
  const auto run = kefu("metrics compute " + log + " --definitions kefu/1 --out " + dir.path() + "/out.csv");
  EXPECT_EQ(run.exit_code, 1) << run.out;  // one row was rejected
  EXPECT_THAT(run.out, HasSubstr("读取 9 行，拒绝 1 行，会话 2 个"));
  EXPECT_EQ(slurp(log + ".rejects.csv"),
            "line,reason,original\n"
            "12,\"unparseable ts (ISO-8601 date and time, or epoch milliseconds)\","
            "\"douyin,dy01,S9,c2,yesterday,agent,阿杰,msg,有的\"\n");
  const std::string out = slurp(dir.path() + "/out.csv");
  // 小美 holds the first segment (18 s reply, then the address turn is open at the transfer);
  // 小王 holds the second, which has no customer message: no row. 阿杰: 30 s, then unanswered.
  EXPECT_THAT(out, HasSubstr("agent,tmall,tm01,小美,2026-11-16,1,2,1,0,1,1,1,18.000000,18.000000,18.000000,18.000000,"
                             "0.000000,1.000000,0.500000\n"));
  EXPECT_THAT(out, HasSubstr("agent,douyin,dy01,阿杰,2026-11-16,1,2,1,0,1,1,1,30.000000,"));
  EXPECT_THAT(out, Not(HasSubstr("小王")));

  // kefu/2, the default: the address question open at the transfer is 小王's turn (C3, C4), so
  // 小美's one session is replied and 小王 answered his in 20 s; the shop counts the session once.
  const auto v2 = kefu("metrics compute " + log + " --out " + dir.path() + "/v2.csv");
  EXPECT_EQ(v2.exit_code, 1) << v2.out;
  const std::string out2 = slurp(dir.path() + "/v2.csv");
  EXPECT_THAT(out2, HasSubstr("agent,tmall,tm01,小美,2026-11-16,1,1,1,1,1,1,1,18.000000,"));
  EXPECT_THAT(out2, HasSubstr("agent,tmall,tm01,小王,2026-11-16,1,1,1,1,1,1,1,20.000000,"));
  EXPECT_THAT(out2, HasSubstr("shop,tmall,tm01,*,2026-11-16,1,2,2,1,1,2,1,18.000000,"));

  // Fixed input: exit 0 and the stale rejects file goes away.
  std::string fixed = slurp(log);
  fixed.replace(fixed.find("yesterday"), 9, "2026-11-16T09:12:40+08:00");
  const std::string good = dir.write("chat.csv", fixed);
  EXPECT_EQ(kefu("metrics compute " + good + " --definitions kefu/1 --out " + dir.path() + "/out.csv").exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(good + ".rejects.csv"));
}

TEST(MetricsComputeCli, KeepsRejectsInTheRejectsDirectoryInsteadOfBesideTheInput) {
  TempDir share, logs;
  const std::string log = share.copy_in(data_file("metrics/chat.csv"), "chat.csv");
  const auto run =
      kefu("metrics compute " + log + " --rejects-dir " + logs.path() + " --out " + logs.path() + "/out.csv");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_THAT(run.out, HasSubstr(logs.path() + "/chat.csv.rejects.csv"));
  EXPECT_THAT(slurp(logs.path() + "/chat.csv.rejects.csv"), HasSubstr("line,reason,original\n12,"));
  EXPECT_FALSE(std::filesystem::exists(log + ".rejects.csv"));
}

TEST(MetricsComputeCli, RefusesAnOutputThatIsASymbolicLink) {
  TempDir dir;
  const std::string victim = dir.write("victim.csv", "precious\n"), link = dir.path() + "/out.csv";
  std::filesystem::create_symlink(victim, link);
  const std::string log = dir.copy_in(data_file("metrics/chat.csv"), "chat.csv");
  const auto run = kefu("metrics compute " + log + " --out " + link);
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_THAT(run.out, HasSubstr(link + ": is a symbolic link to " + victim));
  EXPECT_EQ(slurp(victim), "precious\n");
}

TEST(MetricsComputeCli, JsonAndEnglishSummary) {
  TempDir dir;  // the log has a bad row: its rejects file goes beside the copy
  const std::string log = dir.copy_in(data_file("metrics/chat.csv"), "chat.csv");
  const auto run = kefu("metrics compute " + log + " --format json --lang en", "", false);
  rapidjson::Document doc;
  doc.Parse(run.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << run.out;
  ASSERT_TRUE(doc["rows"].IsArray());
  const auto& first = doc["rows"][0];
  EXPECT_STREQ(first["level"].GetString(), "agent");
  EXPECT_TRUE(first["sessions"].IsInt());
  EXPECT_TRUE(first["reply_rate"].IsNumber());
  const auto with_summary = kefu("metrics compute " + log + " --format table --lang en");
  EXPECT_THAT(with_summary.out, HasSubstr("read 9 rows, rejected 1, sessions 2"));
}

TEST(MetricsComputeCli, WrongHeaderIsAnErrorNamingTheColumns) {
  TempDir dir;
  const std::string bad = dir.write("bad.csv", "a,b,c\n1,2,3\n");
  const auto run = kefu("metrics compute " + bad);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out,
              HasSubstr("Kefu 的标准列：platform,shop_id,session_id,customer_id,ts,sender,agent_id,event,content"));
}

}  // namespace
}  // namespace kefu

namespace kefu {
namespace {

std::string sample_export(const std::string& name) { return test::data_file("../../config/samples/exports/" + name); }

// Each platform's sample export through its plugin: GBK detected, pending cells, bad rows kept.
TEST(MetricsImportCli, FourPlatformsSampleExports) {
  TempDir dir;
  struct Case {
    std::string platform, file;
    int exit_code;
    std::string summary;
  };
  const std::vector<Case> cases = {
      {"tmall", "tmall-2026-11-16.csv", 1, "读取 4 行，导入 27 个数值（待平台统计 6 个），拒绝 1 行"},
      {"jd", "jd-2026-11-16.csv", 1, "读取 3 行，导入 9 个数值（待平台统计 0 个），拒绝 1 行"},
      {"douyin", "douyin-2026-11-16.csv", 0, "读取 2 行，导入 28 个数值（待平台统计 0 个），拒绝 0 行"},
      {"kuaishou", "kuaishou-2026-11-16.csv", 1, "读取 2 行，导入 3 个数值（待平台统计 0 个），拒绝 1 行"}};
  for (const auto& c : cases) {
    const std::string file = dir.copy_in(sample_export(c.file), c.file);
    const auto run = kefu("metrics import --platform " + c.platform + " --shop s1 " + file + " --format csv");
    EXPECT_EQ(run.exit_code, c.exit_code) << run.out;
    EXPECT_THAT(run.out, HasSubstr(c.summary));
    EXPECT_EQ(std::filesystem::exists(file + ".rejects.csv"), c.exit_code == 1) << c.platform;
  }
  const auto tmall =
      kefu("metrics import --platform tmall --shop s1 " + dir.path() + "/tmall-2026-11-16.csv --format csv", "", false);
  EXPECT_THAT(
      tmall.out,
      HasSubstr("tmall,s1,旗舰店:小美,2026-11-16,inquiry_conversion_rate,询单->最终付款成功率,,pending,same\n"));
  EXPECT_THAT(tmall.out, HasSubstr("tmall,s1,,2026-11-16,received_customers,接待人数,309,available,same\n"));
  EXPECT_THAT(slurp(dir.path() + "/tmall-2026-11-16.csv.rejects.csv"), HasSubstr("4,\"平均响应(秒) \"\"abc\"\""));
}

TEST(MetricsImportCli, JsonCarriesTheNativeDefinition) {
  TempDir dir;  // the export has a bad row: its rejects file goes beside the copy
  const std::string file = dir.copy_in(sample_export("jd-2026-11-16.csv"), "jd-2026-11-16.csv");
  const auto run = kefu("metrics import --platform jd --shop s1 " + file + " --format json", "", false);
  rapidjson::Document doc;
  doc.Parse(run.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << run.out;
  const auto& first = doc["values"][0];
  EXPECT_STREQ(first["native_name"].GetString(), "咚咚首次30秒应答率");
  EXPECT_STREQ(first["comparability"].GetString(), "convertible");
  EXPECT_NE(std::string(first["definition"].GetString()).find("10分钟"), std::string::npos);
  EXPECT_EQ(doc["files"][0]["rejected"].GetInt(), 1);
}

TEST(MetricsCatalogCli, DefinitionDifferencesAcrossPlatforms) {
  const auto run = kefu("metrics catalog");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("■ within_3min_rate"));
  EXPECT_THAT(run.out, HasSubstr("3分钟人工响应率"));      // tmall, rounds
  EXPECT_THAT(run.out, HasSubstr("人工客服3分钟回复率"));  // kuaishou, persons
  EXPECT_THAT(run.out, HasSubstr("咚咚首次30秒应答率"));
  const auto json = kefu("metrics catalog --format json", "", false);
  rapidjson::Document doc;
  doc.Parse(json.out.c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_EQ(doc["platforms"].Size(), 5u);
  for (const auto& p : doc["platforms"].GetArray())
    for (const auto& m : p["metrics"].GetArray()) EXPECT_TRUE(m["source"]["title"].GetStringLength() > 0);
  const auto one = kefu("metrics catalog --platform kuaishou --lang en");
  EXPECT_THAT(one.out, HasSubstr("source: "));
  EXPECT_THAT(one.out, HasSubstr("5min回复率"));
}

}  // namespace
}  // namespace kefu
