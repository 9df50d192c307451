// `kefu fetch` against a local TOP gateway (tests/fixtures/servers/top_emulator.hpp): the
// signature vectors, TOP's range limits, two shops over 14 days into the store and onto the
// report, and each scripted fault — the retries it should cause (counted at the server), the
// message the user sees, and a store holding exactly what it held before or the whole range.
#include "base/calendar.h"
#include "host/cli/run_kefu.hpp"
#include "pipeline/credentials.h"
#include "rules/rule_book.h"
#include "servers/top_emulator.hpp"
#include "store/store.h"
#include "top.h"
#include "wangwang.h"

#include <kefu/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace kefu {
namespace {

using test::TopEmulator;
using ::testing::HasSubstr;
using ::testing::Not;

// ---- Signatures: expected values computed independently with Python's hashlib and hmac:
//   s = "".join(k + v for k, v in sorted(params.items()) if v)
//   md5: hashlib.md5((secret + s + secret).encode()).hexdigest().upper()
//   hmac: hmac.new(secret.encode(), s.encode(), hashlib.md5).hexdigest().upper()
//   hmac-sha256: hmac.new(secret.encode(), s.encode(), hashlib.sha256).hexdigest().upper()
std::map<std::string, std::string> vector_params(const std::string& sign_method) {
  return {{"method", "taobao.wangwang.eservice.avgwaittime.get"},
          {"app_key", "12345678"},
          {"session", "test-session"},
          {"timestamp", "2026-11-16 10:00:00"},
          {"v", "2.0"},
          {"format", "json"},
          {"sign_method", sign_method},
          {"service_staff_id", "cntaobao小美"},
          {"start_date", "2026-11-09"},
          {"end_date", "2026-11-15"}};
}

TEST(TopSign, MatchesIndependentlyComputedVectors) {
  using tmall::SignMethod;
  EXPECT_EQ(tmall::top_sign(vector_params("md5"), "helloworld", SignMethod::md5), "F8DE32F139ECE1B7BE9994A1994F40BB");
  EXPECT_EQ(tmall::top_sign(vector_params("hmac"), "helloworld", SignMethod::hmac), "2C0A625CBD43A6AC10EB3769F3EF995A");
  EXPECT_EQ(tmall::top_sign(vector_params("hmac-sha256"), "helloworld", SignMethod::hmac_sha256),
            "C16307ACCD900774F8E5DA77DCBA5440C94BA23B94BDD12D8415F4CCECDBDA9F");
  // `sign` itself and empty values are left out.
  auto with_sign = vector_params("md5");
  with_sign["sign"] = "ABC";
  with_sign["charset"] = "";
  EXPECT_EQ(tmall::top_sign(with_sign, "helloworld", SignMethod::md5), "F8DE32F139ECE1B7BE9994A1994F40BB");
}

TEST(TopErrors, SayWhatToDo) {
  EXPECT_THAT(tmall::explain_top_error("m", 27, "Invalid session", "invalid-sessionkey", ""),
              HasSubstr("authorize the app again"));
  EXPECT_THAT(tmall::explain_top_error("m", 25, "Invalid Signature", "", ""), HasSubstr("check the app_secret"));
  EXPECT_THAT(tmall::explain_top_error("m", 7, "App Call Limited", "accesscontrol.limited-by-app-access-count", ""),
              HasSubstr("try again later"));
  EXPECT_THAT(tmall::explain_top_error("m", 11, "Insufficient ISV Permissions", "", ""),
              HasSubstr("lacks permission for m"));
  EXPECT_THAT(tmall::explain_top_error("m", 31, "Invalid Timestamp", "", ""), HasSubstr("clock"));
}

TEST(TopRanges, SevenDaysACallNotTodayNinetyDaysBack) {
  auto plan = tmall::plan_ranges("2026-11-01", "2026-11-16", "2026-11-23");
  ASSERT_EQ(plan.chunks.size(), 3u);
  EXPECT_EQ(plan.chunks[0], std::make_pair(std::string("2026-11-01"), std::string("2026-11-07")));
  EXPECT_EQ(plan.chunks[2], std::make_pair(std::string("2026-11-15"), std::string("2026-11-16")));
  EXPECT_TRUE(plan.notes.empty());
  plan = tmall::plan_ranges("2026-11-20", "2026-11-25", "2026-11-23");
  ASSERT_EQ(plan.chunks.size(), 1u);
  EXPECT_EQ(plan.chunks[0].second, "2026-11-22");
  EXPECT_THAT(plan.notes[0], HasSubstr("no figures for today or later: fetched up to 2026-11-22"));
  EXPECT_THAT([] { tmall::plan_ranges("2026-08-01", "2026-08-02", "2026-11-23"); },
              ::testing::ThrowsMessage<std::invalid_argument>(
                  HasSubstr("TOP keeps 90 days: 2026-08-01 is older; the earliest day is 2026-08-25")));
}

TEST(Credentials, EnvironmentFirstThenAPrivateFile) {
  test::TempDir dir;
  const std::string file =
      dir.write("secrets.json", R"({"shops": {"tm-02": {"app_key": "K2", "app_secret": "S2", "session": "X2"}}})");
  ::chmod(file.c_str(), 0600);
  EXPECT_EQ(host::fetch::credential_variable("tm-02", "app_secret"), "KEFU_TM_02_APP_SECRET");
  ::setenv("KEFU_TM_02_SESSION", "FROM-ENV", 1);
  const auto c = host::fetch::load_credentials("tm-02", file);
  ::unsetenv("KEFU_TM_02_SESSION");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[1].value, "S2");
  EXPECT_EQ(c[2].value, "FROM-ENV");
  ::chmod(file.c_str(), 0644);
  EXPECT_THAT([&] { host::fetch::load_credentials("tm-02", file); },
              ::testing::ThrowsMessage<std::runtime_error>(
                  HasSubstr("mode 0644 lets other users read or change it; refused. Fix: chmod 600")));
}

// ---- End to end: the kefu binary against the emulator ----

class FetchCli : public ::testing::Test {
 protected:
  void SetUp() override {
    emulator_.add_app("APPKEY-1", {"SECRET-tm01-9c1d", "SESSION-tm01-77aa"});
    emulator_.add_app("APPKEY-2", {"SECRET-tm02-4b2e", "SESSION-tm02-31ff"});
    emulator_.add_seller("旗舰店", {"小美", "小王"});
    emulator_.add_seller("专营店", {"阿杰"});
    config_ = dir_.write("kefu.json", R"({"store": "kefu.db", "secrets": "secrets.json",
      "api": {"tmall": {"endpoint": ")" + emulator_.endpoint() +
                                          R"("}},
      "http": {"timeout_s": 1, "connect_timeout_s": 1, "attempts": 3},
      "shops": [{"id": "tm01", "platform": "tmall", "name": "天猫旗舰店", "api": {"seller_nick": "旗舰店"}},
                {"id": "tm02", "platform": "tmall", "name": "天猫专营店", "api": {"seller_nick": "专营店"}}]})");
    // tm01 from the environment, tm02 from the 0600 file.
    secrets_ =
        dir_.write("secrets.json", R"({"shops": {"tm02": {"app_key": "APPKEY-2", "app_secret": "SECRET-tm02-4b2e",
      "session": "SESSION-tm02-31ff", "sign_method": "md5"}}})");
    ::chmod(secrets_.c_str(), 0600);
    env_ = "KEFU_TM01_APP_KEY=APPKEY-1 KEFU_TM01_APP_SECRET=SECRET-tm01-9c1d KEFU_TM01_SESSION=SESSION-tm01-77aa";
    const std::int32_t today = *host::calendar::parse_day(host::calendar::today_in_china());
    from_ = host::calendar::format_day(today - 15);
    to_ = host::calendar::format_day(today - 2);
  }

  CliRun fetch(const std::string& args) {
    return kefu("fetch --config " + config_ + " --from " + from_ + " --to " + to_ + " " + args, env_);
  }

  // Everything the store holds, as text: "unchanged" means equal text.
  std::string store_content() {
    auto store = host::store::open_sqlite_store(dir_.path() + "/kefu.db");
    std::string out;
    for (const auto& v : store->values({"2000-01-01", "2100-01-01", {}, {}}))
      out += json::write(v.value) + std::to_string(v.numerator.value_or(-1)) +
             std::to_string(v.denominator.value_or(-1)) + "\n";
    return out;
  }

  test::TempDir dir_;
  TopEmulator emulator_;
  std::string config_, secrets_, env_, from_, to_;
};

TEST_F(FetchCli, TwoShopsOverFourteenDaysReachTheStoreAndTheReport) {
  const auto run = fetch("");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("tm01 (tmall)：成功"));
  EXPECT_THAT(run.out, HasSubstr("tm02 (tmall)：成功"));
  EXPECT_THAT(run.out, HasSubstr("共 2 个店铺，失败 0 个"));
  // 14 days = 2 calls per statistic; 2 peers per agent and day, one page each.
  EXPECT_EQ(emulator_.calls()["taobao.wangwang.eservice.avgwaittime.get"], 4);
  EXPECT_EQ(emulator_.calls()["taobao.wangwang.abstract.logquery"], (2 + 1) * 2 * 14);

  const auto stored = store_content();
  EXPECT_THAT(stored, HasSubstr(R"x("agent_id":"小美","day":")x" + to_ +
                                R"x(","metric":"avg_response_s","native_name":"旺旺平均等待时长(API)","value":)x" +
                                std::to_string(TopEmulator::avg_wait("小美", to_)) + ".0"));
  EXPECT_THAT(stored, HasSubstr(R"("origin":"recomputed")"));

  // The report shows the fetched range: recomputed from the chat logs, and TOP's own figures.
  const auto report =
      kefu("report --config " + config_ + " --from " + from_ + " --to " + to_ + " --format json", "", false);
  ASSERT_EQ(report.exit_code, 0);
  EXPECT_THAT(report.out, HasSubstr(R"("key":"tmall/tm01","label":"天猫旗舰店")"));
  EXPECT_THAT(report.out, HasSubstr(R"x("native_name":"旺旺已接待人数(API)")x"));
  // tm01: 2 agents × 2 customers × 14 days = 56 sessions, all answered.
  EXPECT_THAT(report.out, HasSubstr(R"("cells":[{"value":56.0)"));

  // Run again: the same range is stored once.
  const auto again = fetch("--shop tm01");
  ASSERT_EQ(again.exit_code, 0) << again.out;
  EXPECT_THAT(again.out, HasSubstr("（新增或更新 0，未变"));
  EXPECT_EQ(store_content(), stored);
}

TEST_F(FetchCli, FetchedChatsCanBeExplainedFromTheStore) {
  ASSERT_EQ(fetch("--shop tm01").exit_code, 0);
  const auto run = kefu(
      "explain reply_rate --config " + config_ + " --shop tm01 --from " + from_ + " --to " + to_ + " --format json", "",
      false);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr(R"("units":56,"missed":0)"));  // 2 agents × 2 customers × 14 days, all answered
}

TEST_F(FetchCli, TransientFaultsAreRetriedAndTheRangeCompletes) {
  struct Case {
    TopEmulator::Fault fault;
    int count;
    int extra_requests;
  };
  for (const Case& c : {Case{TopEmulator::Fault::http500, 2, 2}, Case{TopEmulator::Fault::rate_limited, 1, 1},
                        Case{TopEmulator::Fault::reset_mid_body, 1, 1}}) {
    emulator_.fail(c.fault, c.count, "taobao.wangwang.eservice.receivenum.get");
    const int before = emulator_.calls()["taobao.wangwang.eservice.receivenum.get"];
    const auto run = fetch("--shop tm02");
    EXPECT_EQ(run.exit_code, 0) << run.out;
    // Two chunks of 7 days, plus the retries the fault caused.
    EXPECT_EQ(emulator_.calls()["taobao.wangwang.eservice.receivenum.get"] - before, 2 + c.extra_requests)
        << static_cast<int>(c.fault);
  }
}

TEST_F(FetchCli, FailuresLeaveTheStoreAsItWasAndSayWhatToDo) {
  ASSERT_EQ(fetch("").exit_code, 0);
  const std::string stored = store_content();
  struct Case {
    TopEmulator::Fault fault;
    const char* method;
    const char* message;
  };
  const Case cases[] = {
      {TopEmulator::Fault::truncated_json, "taobao.wangwang.eservice.noreplynum.get", "not complete JSON"},
      {TopEmulator::Fault::slow, "taobao.wangwang.eservice.evaluation.get", "timed out"},
      {TopEmulator::Fault::bad_signature, "taobao.wangwang.eservice.avgwaittime.get",
       "check the app_secret and sign_method"},
      {TopEmulator::Fault::expired_session, "taobao.wangwang.eservice.avgwaittime.get", "authorize the app again"},
      {TopEmulator::Fault::paging_ends_early, "taobao.wangwang.abstract.logquery", "gives no new next_key"},
      {TopEmulator::Fault::http500, "taobao.wangwang.eservice.receivenum.get",
       "HTTP 500 from the TOP gateway after 3 attempts"},
  };
  emulator_.set_page_size(2);  // conversations in two pages, so paging can end early
  for (const Case& c : cases) {
    emulator_.fail(c.fault, 100, c.method);
    const auto started = std::chrono::steady_clock::now();
    const auto run = fetch("--shop tm01");
    emulator_.fail(TopEmulator::Fault::none, 0);
    EXPECT_EQ(run.exit_code, 1) << c.message << "\n" << run.out;
    EXPECT_THAT(run.out, HasSubstr("tm01 (tmall)：失败，库中该店该时段数据保持不变")) << c.message;
    EXPECT_THAT(run.out, HasSubstr(c.message)) << run.out;
    EXPECT_EQ(store_content(), stored) << c.message;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30)) << c.message;
  }
}

TEST_F(FetchCli, ABrokenEmojiInAChatMessageDoesNotFailTheRange) {
  emulator_.fail(TopEmulator::Fault::broken_emoji, 1000, "taobao.wangwang.abstract.logquery");
  const auto run = fetch("--shop tm01");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("tm01 (tmall)：成功"));
  EXPECT_THAT(store_content(), HasSubstr(R"("origin":"recomputed")"));
}

TEST_F(FetchCli, OneShopFailingDoesNotStopTheOthers) {
  dir_.write("secrets.json", R"({"shops": {}})");  // tm02 loses its credentials
  ::chmod(secrets_.c_str(), 0600);
  auto run = fetch("");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("tm01 (tmall)：成功"));
  EXPECT_THAT(run.out, HasSubstr("tm02 (tmall)：失败，库中该店该时段数据保持不变："));
  EXPECT_THAT(run.out, HasSubstr("TOP needs app_key, app_secret and session"));
  EXPECT_THAT(run.out, HasSubstr("[no credentials found for tm02: set KEFU_TM02_APP_KEY, KEFU_TM02_APP_SECRET"));
  EXPECT_THAT(run.out, HasSubstr("共 2 个店铺，失败 1 个"));

  // A secrets file others can read is refused outright, with the fix.
  ::chmod(secrets_.c_str(), 0644);
  run = fetch("--shop tm02");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("mode 0644 lets other users read or change it; refused. Fix: chmod 600 " + secrets_));
}

TEST_F(FetchCli, SecretsNeverAppearInOutputOrLogs) {
  emulator_.fail(TopEmulator::Fault::http500, 1, "taobao.wangwang.eservice.avgwaittime.get");
  auto run = kefu("-v fetch --config " + config_ + " --from " + from_ + " --to " + to_, env_);
  emulator_.fail(TopEmulator::Fault::expired_session, 100);
  run.out += kefu("-v fetch --config " + config_ + " --from " + from_ + " --to " + to_, env_).out;
  EXPECT_THAT(run.out, HasSubstr("HTTP 500; try 2/3"));  // the log line is there, redacted
  for (const char* secret : {"SECRET-tm01-9c1d", "SESSION-tm01-77aa", "SECRET-tm02-4b2e", "SESSION-tm02-31ff"})
    EXPECT_THAT(run.out, Not(HasSubstr(secret))) << secret;
  EXPECT_THAT(run.out, HasSubstr("session=***"));
  EXPECT_THAT(run.out, HasSubstr("sign=***"));
}

TEST_F(FetchCli, APlatformWithoutAnApiIsNamedWithTheWayAround) {
  const std::string config =
      dir_.write("jd.json", R"({"store": "jd.db", "shops": [{"id": "jd01", "platform": "jd"}]})");
  const auto run = kefu("fetch --config " + config + " --from " + from_ + " --to " + to_);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("the jd plugin cannot fetch from an API"));
  EXPECT_THAT(run.out, HasSubstr("kefu ingest"));

  // Nothing to fetch is a usage error, and no empty store is left behind.
  const std::string empty = dir_.write("empty.json", R"({"store": "empty.db"})");
  const auto none = kefu("fetch --config " + empty + " --from " + from_ + " --to " + to_);
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.out, HasSubstr("no shops to fetch"));
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/empty.db"));
}

// ---- A config kefu was not told to use chooses nothing about credentials ----

TEST_F(FetchCli, RefusesAKefuJsonInTheCurrentDirectoryThatOthersCanChange) {
  ::chmod(config_.c_str(), 0666);  // dir_/kefu.json: anyone could have pointed "api" at their server
  const auto run = kefu("fetch --from " + from_ + " --to " + to_, "cd " + dir_.path() + " && " + env_);
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_THAT(
      run.out,
      HasSubstr(config_ + ": a config found in the current directory, has mode 0666, so other users can change it"));
  EXPECT_THAT(run.out, HasSubstr("Fix: chmod go-w kefu.json, or name the config you mean with --config FILE"));
  EXPECT_EQ(emulator_.requests(), 0) << "no credentials may be sent";
}

TEST_F(FetchCli, RefusesAKefuJsonInTheCurrentDirectoryOwnedByAnotherUser) {
  if (::geteuid() != 0) GTEST_SKIP() << "giving a file to another user needs root";
  ASSERT_EQ(::chown(config_.c_str(), 65534, 65534), 0);
  const auto run = kefu("fetch --from " + from_ + " --to " + to_, "cd " + dir_.path() + " && " + env_);
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_THAT(run.out, HasSubstr(config_ + ": a config found in the current directory, is owned by "));
  EXPECT_THAT(run.out, HasSubstr("(uid 65534), not by you"));
  EXPECT_THAT(run.out, HasSubstr("Fix: chown root kefu.json"));
  EXPECT_EQ(emulator_.requests(), 0) << "no credentials may be sent";
}

TEST_F(FetchCli, UsesTheUsersOwnKefuJsonInTheCurrentDirectoryAndSaysWhichAndWhere) {
  const auto run = kefu("fetch --shop tm01 --from " + from_ + " --to " + to_, "cd " + dir_.path() + " && " + env_);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("kefu: config " + config_ + " (found in the current directory)"));
  EXPECT_THAT(run.out,
              HasSubstr("kefu: tm01 (tmall): credentials go to " + emulator_.endpoint() +
                        " (changed by api.tmall.endpoint in " + config_ + "; not the tmall plugin's own gateway)"));
}

TEST_F(FetchCli, SaysWhichConfigAndEndpointBeforeSendingCredentials) {
  const auto run = fetch("--shop tm02");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  const auto said =
      run.out.find("kefu: tm02 (tmall): credentials go to " + emulator_.endpoint() + " (changed by api.tmall.endpoint");
  EXPECT_NE(said, std::string::npos) << run.out;
  EXPECT_LT(run.out.find("kefu: config " + config_ + " (named with --config)"), said);
  EXPECT_THAT(run.out, Not(HasSubstr("tm01 (tmall): credentials go to")));
}

// ---- No core dump while credentials are in memory ----

TEST_F(FetchCli, FetchesWithCoreDumpsTurnedOff) {
  const std::string config =
      dir_.write("probe.json", R"({"store": "probe.db", "shops": [{"id": "dp01", "platform": "dump_probe"}]})");
  const auto run = kefu("--plugin-dir " + std::string(KEFU_TEST_FIXTURE_DIR) + "/dump_probe fetch --config " + config +
                            " --from " + from_ + " --to " + to_,
                        "ulimit -c unlimited 2>/dev/null;");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("dumpable=0 core_limit=0"));
}

TEST_F(FetchCli, HandsCredentialsToThePluginInTheRequestAndNeverInItsEnvironment) {
  const std::string config =
      dir_.write("probe.json", R"({"store": "probe.db", "shops": [{"id": "dp01", "platform": "dump_probe"}]})");
  const auto run = kefu("--plugin-dir " + std::string(KEFU_TEST_FIXTURE_DIR) + "/dump_probe fetch --config " + config +
                            " --from " + from_ + " --to " + to_,
                        "KEFU_DP01_APP_SECRET=probe-secret-value");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("request_credentials=1 kefu_environment=0"));
  EXPECT_THAT(run.out, Not(HasSubstr("probe-secret-value")));
}

}  // namespace
}  // namespace kefu
