// Two `kefu ingest` processes on one store (an SQLite file; as pg.StoreConcurrencyCli.*, a
// PostgreSQL database), and `kefu report` while an ingest writes (issue 18 §2, §5): real
// processes at once. Whatever the interleaving, each one succeeds (a writer
// waits for the other's whole ingest; a reader reads the last committed one) and the store ends
// as if they had run one after the other: never locked out, never half-written.
#include "host/cli/run_kefu.hpp"
#include "test_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace kefu {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string demo(const std::string& platform) {
  return test::data_file("../../config/samples/demo/chat-" + platform + ".csv");
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string report_json(const std::string& store) {
  return kefu("report --week 2026-W47 --by agent --format json --store " + store, "", false).out;
}

TEST(StoreConcurrencyCli, TwoIngestsAtOnceBothSucceedAndTheStoreHoldsBothAsIfOneRanAfterTheOther) {
  test::TempDir dir;
  const std::string together = test::shell_quoted(test::store_location(dir, "together.db"));
  const std::string apart = test::shell_quoted(test::store_location(dir, "apart.db"));
  const std::string bin = KEFU_TEST_BIN, d = dir.path();
  // Both start at once, on a store that does not exist yet: one creates the schema, the other
  // waits for it (and for the other's values) and then writes its own.
  const CliRun both = run_command("(" + bin + " ingest " + demo("tmall") + " " + demo("jd") + " --store " + together +
                                  " >" + d + "/a.log 2>&1; echo $? >" + d + "/a.rc) & (" + bin + " ingest " +
                                  demo("douyin") + " " + demo("kuaishou") + " --store " + together + " >" + d +
                                  "/b.log 2>&1; echo $? >" + d + "/b.rc) & wait");
  ASSERT_EQ(both.exit_code, 0);
  EXPECT_EQ(read(d + "/a.rc"), "0\n") << read(d + "/a.log");
  EXPECT_EQ(read(d + "/b.rc"), "0\n") << read(d + "/b.log");
  for (const char* log : {"/a.log", "/b.log"}) EXPECT_THAT(read(d + log), Not(HasSubstr("locked")));

  ASSERT_EQ(kefu("ingest " + demo("tmall") + " " + demo("jd") + " --store " + apart).exit_code, 0);
  ASSERT_EQ(kefu("ingest " + demo("douyin") + " " + demo("kuaishou") + " --store " + apart).exit_code, 0);
  const std::string expected = report_json(apart);
  ASSERT_THAT(expected, HasSubstr("ks01"));
  EXPECT_EQ(report_json(together), expected);
}

TEST(StoreConcurrencyCli, AReportDuringAnIngestReadsTheLastCommittedStoreAndNeverFails) {
  test::TempDir dir;
  const std::string store = test::shell_quoted(test::store_location(dir)), bin = KEFU_TEST_BIN, d = dir.path();
  ASSERT_EQ(kefu("ingest " + demo("tmall") + " --store " + store).exit_code, 0);
  const std::string before = report_json(store);
  // Reports one after another for as long as the ingest of the three other platforms runs
  // (at least one), each exit code and output kept.
  const CliRun run = run_command(bin + " ingest " + demo("jd") + " " + demo("douyin") + " " + demo("kuaishou") +
                                 " --store " + store + " >" + d + "/ingest.log 2>&1 & pid=$!; n=0; " +
                                 "while [ $n -eq 0 ] || kill -0 $pid 2>/dev/null; do n=$((n+1)); " + bin +
                                 " report --week 2026-W47 --by agent --format json --store " + store + " >" + d +
                                 "/report.$n.json 2>>" + d + "/report.err; echo $? >>" + d +
                                 "/report.rc; done; wait $pid; echo $n");
  ASSERT_EQ(run.exit_code, 0) << read(d + "/ingest.log");
  const int reports = std::stoi(run.out);
  ASSERT_GE(reports, 1);
  EXPECT_EQ(read(d + "/report.err"), "");
  const std::string after = report_json(store);
  ASSERT_NE(after, before);
  std::string codes;
  for (int i = 1; i <= reports; ++i) {
    codes += "0\n";
    const std::string json = read(d + "/report." + std::to_string(i) + ".json");
    EXPECT_TRUE(json == before || json == after) << "report " << i << " read a half-written store:\n" << json;
  }
  EXPECT_EQ(read(d + "/report.rc"), codes);
}

// The demo's JD log split at an instant into the morning's and the afternoon's export.
void split_log(const std::string& whole, const std::string& at, const std::string& morning,
               const std::string& afternoon) {
  std::ifstream in(whole);
  std::string header, line;
  std::getline(in, header);
  std::ofstream a(morning), b(afternoon);
  a << header << '\n';
  b << header << '\n';
  while (std::getline(in, line)) {
    std::size_t comma = 0;
    for (int i = 0; i < 4; ++i) comma = line.find(',', comma) + 1;
    (line.substr(comma, 25) < at ? a : b) << line << '\n';  // the ts column, +08:00 throughout
  }
}

// Every run adds (docs/report.md): each run reads what earlier runs kept of its shop days, then
// writes the days recomputed with it. Two runs of the same shop days at once must not both read
// before either writes (the later write would drop the other's conversations): the second takes
// its turn, and the store ends as one run over both files.
TEST(StoreConcurrencyCli, TheMorningsAndTheAfternoonsExportOfOneShopDayIngestedAtOnceBothCount) {
  test::TempDir dir;
  const std::string d = dir.path(), bin = KEFU_TEST_BIN;
  const std::string morning = d + "/morning.csv", afternoon = d + "/afternoon.csv";
  split_log(demo("jd"), "2026-11-18T11:22:30+08:00", morning, afternoon);
  const std::string once = test::shell_quoted(test::store_location(dir, "once.db"));
  ASSERT_EQ(kefu("ingest " + demo("jd") + " --store " + once).exit_code, 0);
  const std::string expected = report_json(once);
  ASSERT_THAT(expected, HasSubstr("jd02"));
  // A few rounds, each on a new store (a later run of the same files would repair what an
  // earlier one lost): the interleavings differ.
  for (int round = 0; round < 4; ++round) {
    const std::string together =
        test::shell_quoted(test::store_location(dir, "together" + std::to_string(round) + ".db"));
    const CliRun both = run_command("(" + bin + " ingest " + morning + " --store " + together + " >" + d +
                                    "/a.log 2>&1; echo $? >" + d + "/a.rc) & (" + bin + " ingest " + afternoon +
                                    " --store " + together + " >" + d + "/b.log 2>&1; echo $? >" + d +
                                    "/b.rc) & wait");
    ASSERT_EQ(both.exit_code, 0);
    EXPECT_EQ(read(d + "/a.rc"), "0\n") << read(d + "/a.log");
    EXPECT_EQ(read(d + "/b.rc"), "0\n") << read(d + "/b.log");
    EXPECT_EQ(report_json(together), expected) << "round " << round;
  }
}

}  // namespace
}  // namespace kefu
