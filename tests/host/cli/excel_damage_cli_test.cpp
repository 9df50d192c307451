// A chat log Excel damaged is refused whole with the line and the fix, and nothing is stored; a
// run that stores nothing says so first and exits 2 (docs/data-in.md "Excel damage").
#include "run_kefu.hpp"
#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

namespace kefu::test {
namespace {

using testing::HasSubstr;

const std::string kHeader = "platform,shop_id,session_id,customer_id,ts,sender,agent_id,event,content\n";

TEST(ExcelDamageCli, IdsExcelShortenedAreRefusedWithTheLineAndTheFixAndNothingIsStored) {
  TempDir dir;
  const std::string log = dir.write("chat.csv", kHeader +
                                                    "jd,jd01,123456789012345678,c1,2026-11-16T09:00:00+08:00,customer,,msg,在吗\n"
                                                    "jd,jd01,1.23457E+17,c2,2026-11-16T09:01:00+08:00,customer,,msg,在吗\n"
                                                    "jd,jd01,1.23457E+17,c3,2026-11-16T09:02:00+08:00,customer,,msg,在吗\n");
  const std::string store = dir.path() + "/kefu.db";
  const auto run = kefu("ingest " + log + " --store " + store);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("chat.csv: line 3 (and 1 more): session_id is written in scientific notation"));
  EXPECT_THAT(run.out, HasSubstr("format the session_id column as Text before saving"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/chat.csv.rejects.csv"));
  EXPECT_EQ(kefu("metrics compute " + log).exit_code, 2);
}

TEST(ExcelDamageCli, TimesExcelTurnedIntoNumbersAreRefused) {
  TempDir dir;
  const std::string log = dir.write("chat.csv", kHeader + "jd,jd01,s1,c1,46342.375,customer,,msg,在吗\n");
  const auto run = kefu("metrics compute " + log + " --lang en");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("line 2 (and 0 more): ts is a number"));
}

TEST(ExcelDamageCli, ARunThatStoresNothingSaysSoFirstAndExits2) {
  TempDir dir;
  const std::string log = dir.write("chat.csv", kHeader + "jd,jd01,s1,c1,not a time,customer,,msg,在吗\n");
  const auto run = kefu("ingest " + log + " --store " + dir.path() + "/kefu.db");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out.find("kefu: error: 没有存入任何数值：全部 1 行都无法读取"), 0u) << run.out;
}

}  // namespace
}  // namespace kefu::test
