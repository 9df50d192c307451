// `kefu fetch` for a 抖店 shop against a local gateway: 服务请求 counted per day across pages,
// and a range kept whole or not at all.
#include "base/calendar.h"
#include "host/cli/run_kefu.hpp"
#include "rules/rule_book.h"
#include "servers/doudian_emulator.hpp"
#include "store/store.h"

#include <kefu/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu {
namespace {

using test::DoudianEmulator;
using ::testing::HasSubstr;

class DoudianFetch : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ =
        dir_.write("kefu.json", R"({"store": "kefu.db", "api": {"douyin": {"endpoint": ")" + emulator_.endpoint() +
                                    R"("}}, "shops": [{"id": "dy01", "platform": "douyin", "name": "抖音旗舰店"}]})");
    const std::int32_t today = *host::calendar::parse_day(host::calendar::today_in_china());
    from_ = host::calendar::format_day(today - 4);
    to_ = host::calendar::format_day(today - 2);
  }
  CliRun fetch() {
    return kefu("fetch --config " + config_ + " --from " + from_ + " --to " + to_,
                "KEFU_DY01_APP_KEY=7001 KEFU_DY01_APP_SECRET=dd-secret-9 KEFU_DY01_ACCESS_TOKEN=dd-token-3");
  }
  std::vector<host::store::StoredValue> stored() {
    return host::store::open_sqlite_store(dir_.path() + "/kefu.db")->values({"2000-01-01", "2100-01-01", {}, {}});
  }

  DoudianEmulator emulator_{"7001", "dd-secret-9", "dd-token-3"};
  test::TempDir dir_;
  std::string config_, from_, to_;
};

TEST_F(DoudianFetch, ServiceRequestsPerDayAcrossPages) {
  const auto run = fetch();
  ASSERT_EQ(run.exit_code, 0) << run.out;
  // 30 + 37 + 44 = 111 requests: two pages of 100.
  EXPECT_THAT(run.out, HasSubstr("111 service requests in 2 calls to order.getServiceList"));
  EXPECT_EQ(emulator_.calls(), 2);
  std::map<std::string, double> created, replied;
  for (const auto& v : stored()) (v.value.metric == "服务请求数(API)" ? created : replied)[v.value.day] = v.value.value;
  ASSERT_EQ(created.size(), 3u);
  EXPECT_EQ(created[from_], DoudianEmulator::per_day(0));
  EXPECT_EQ(created[to_], DoudianEmulator::per_day(2));
  EXPECT_EQ(replied[from_], 10);                     // every third of 30
  EXPECT_EQ(stored()[0].definition.empty(), false);  // the profile's definition travels with the value
}

TEST_F(DoudianFetch, PagingThatEndsEarlyKeepsNothing) {
  emulator_.fail(DoudianEmulator::Fault::paging_ends_early);
  const auto run = fetch();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("paging ended at 100 of 111 requests"));
  EXPECT_TRUE(stored().empty());
}

TEST_F(DoudianFetch, AnExpiredTokenIsReportedWithThePlatformsWords) {
  emulator_.fail(DoudianEmulator::Fault::expired_token);
  const auto run = fetch();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("抖店 error 30001 access_token已过期"));
  EXPECT_THAT(run.out, ::testing::Not(HasSubstr("dd-token-3")));
}

}  // namespace
}  // namespace kefu
