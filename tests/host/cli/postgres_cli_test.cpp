// kefu on a PostgreSQL store, as a team runs it (docs/scale.md): the read-only role reports but
// may not ingest; the password comes from the environment or a 0600 file and is never printed;
// and with the value tables split by shop (as Citus distributes them) ingest and report print
// the same bytes. Run as pg.PostgresCli.* against the throw-away server (tests/CMakeLists.txt).
#include "host/cli/run_kefu.hpp"
#include "test_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

namespace kefu {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::string demo(const std::string& platform) {
  return test::data_file("../../config/samples/demo/chat-" + platform + ".csv");
}

class PostgresCli : public ::testing::Test, protected test::PostgresNames {
 protected:
  void SetUp() override {
    if (!test::testing_postgres()) GTEST_SKIP() << "runs as pg.PostgresCli.* against the test server";
  }
  static std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
      text.replace(at, from.size(), to);
    return text;
  }
  test::TempDir dir_;
};

TEST_F(PostgresCli, IngestAndReportPrintTheSameBytesWithTheValueTablesSplitByShop) {
  const std::string plain = test::store_location(dir_, "plain"), split = test::store_location(dir_, "split");
  host::store::open_store(split);  // schema 5, empty: then split
  test::postgres_admin(test::partition_by_shop_sql(schema_of(split)));
  const std::string logs = demo("jd") + " " + demo("tmall");
  const CliRun a = kefu("ingest --lang en " + logs + " --store " + test::shell_quoted(plain));
  const CliRun b = kefu("ingest --lang en " + logs + " --store " + test::shell_quoted(split));
  ASSERT_EQ(a.exit_code, 0) << a.out;
  EXPECT_EQ(replaced(b.out, split, plain), a.out);  // the store's name is the only difference
  for (const char* args :
       {"--week 2026-W47", "--week 2026-W47 --by agent --format json", "--month 2026-11 --by agent --format csv"}) {
    const CliRun one = kefu(std::string("report ") + args + " --store " + test::shell_quoted(plain), "", false);
    const CliRun parts = kefu(std::string("report ") + args + " --store " + test::shell_quoted(split), "", false);
    EXPECT_EQ(one.exit_code, 0) << args;
    EXPECT_GT(one.out.size(), 200u) << args;
    EXPECT_EQ(parts.out, one.out) << args;
  }
}

TEST_F(PostgresCli, TheReadOnlyRoleReportsButIsRefusedForIngestBeforeAnyWork) {
  const std::string url = test::store_location(dir_), ro = role("report"), schema = schema_of(url);
  ASSERT_EQ(kefu("ingest " + demo("jd") + " --store " + test::shell_quoted(url)).exit_code, 0);
  test::postgres_admin("CREATE ROLE " + ro + " LOGIN; GRANT USAGE ON SCHEMA " + schema + " TO " + ro +
                       "; GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + ro);
  const std::string as_reader = test::shell_quoted(as_role(url, ro));
  const CliRun ingest = kefu("ingest --lang en " + demo("tmall") + " --store " + as_reader);
  EXPECT_EQ(ingest.exit_code, 2) << ingest.out;
  EXPECT_THAT(ingest.out, AllOf(HasSubstr("may not be written by role " + ro), HasSubstr("missing INSERT on"),
                                HasSubstr("Ingest with the ingest role")));
  const std::string report = "report --week 2026-W47 --by agent --format json --store ";
  const CliRun by_reader = kefu(report + as_reader, "", false);
  EXPECT_EQ(by_reader.exit_code, 0);
  EXPECT_EQ(by_reader.out, kefu(report + test::shell_quoted(url), "", false).out);
}

TEST_F(PostgresCli, ThePasswordComesFromTheEnvironmentOrAPrivateFileAndIsNeverPrinted) {
  const std::string who = role("ingest"), password = "Pw-" + std::to_string(::getpid()) + "-x7Q";
  const std::string schema = "s_" + who;
  test::postgres_admin("CREATE ROLE " + who + " LOGIN PASSWORD '" + password + "' IN ROLE kefu_password_roles;" +
                       "CREATE SCHEMA " + schema + " AUTHORIZATION " + who);
  const std::string url =
      test::shell_quoted(as_role(test::postgres_server(), who) + "&options=-csearch_path%3D" + schema);
  const std::string ingest = "ingest --lang en " + demo("jd") + " --store " + url;
  std::vector<CliRun> runs;
  runs.push_back(kefu(ingest, "KEFU_STORE_PASSWORD=" + password));
  EXPECT_EQ(runs.back().exit_code, 0) << runs.back().out;
  const std::string file = dir_.write("store-password", password + "\n");
  ::chmod(file.c_str(), 0600);
  runs.push_back(kefu(ingest, "KEFU_STORE_PASSWORD_FILE=" + file));
  EXPECT_EQ(runs.back().exit_code, 0) << runs.back().out;
  EXPECT_THAT(runs.back().out, HasSubstr("new or changed 0 values"));
  runs.push_back(kefu("report --week 2026-W47 --store " + url, "KEFU_STORE_PASSWORD_FILE=" + file));
  EXPECT_EQ(runs.back().exit_code, 0) << runs.back().out;

  ::chmod(file.c_str(), 0644);
  runs.push_back(kefu(ingest, "KEFU_STORE_PASSWORD_FILE=" + file));
  EXPECT_EQ(runs.back().exit_code, 2);
  EXPECT_THAT(runs.back().out, AllOf(HasSubstr("store password file"), HasSubstr("chmod 600")));
  runs.push_back(kefu(ingest, "KEFU_STORE_PASSWORD=wrong-" + password));
  EXPECT_THAT(runs.back().out, AllOf(HasSubstr("refused the login"), HasSubstr("KEFU_STORE_PASSWORD")));
  runs.push_back(kefu(ingest, "PGPASSWORD= KEFU_STORE_PASSWORD="));
  EXPECT_EQ(runs.back().exit_code, 2);
  // In the URL: refused before any connection, and not repeated.
  const std::string with_password = "postgresql://" + who + ":" + password + "@localhost/kefu";
  runs.push_back(kefu("report --week 2026-W47 --store " + test::shell_quoted(with_password)));
  EXPECT_THAT(runs.back().out, HasSubstr("carries a password"));
  for (const CliRun& r : runs) EXPECT_THAT(r.out, Not(HasSubstr(password))) << r.out;
}

}  // namespace
}  // namespace kefu
