// Every value of each platform's sample export (config/samples/exports) survives `kefu ingest`:
// the store keeps as many values as the ingest says it stored, each under its own native name,
// with the figure the export holds. Two figures mapped to one canonical key (Douyin's
// 3分钟人工回复率 and 3分钟人工回复率(会话)) once shared a key and the second replaced the first.
#include "pipeline/ingest.h"

#include "test_paths.hpp"
#include "test_store.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <optional>

namespace kefu::host::ingest {
namespace {

// agent ("" = the 合计 row) and native name → the figure (nullopt: 延迟统计, pending).
using Expected = std::map<std::pair<std::string, std::string>, std::optional<double>>;

void expect_every_value_kept(const std::string& platform, const std::string& shop, const std::string& file,
                             const Expected& expected) {
  SCOPED_TRACE(file);
  test::TempDir dir;  // the rejects file goes beside the copy, not into the tree
  PluginRegistry registry;
  registry.load_directory(KEFU_TEST_PLUGIN_DIR);
  auto store = test::open_test_store(dir);
  const std::string copy = dir.copy_in(std::string(KEFU_TEST_DATA_DIR) + "/../../config/samples/exports/" + file, file);
  IngestOptions options;
  options.platform = platform;
  options.shop = shop;
  const IngestOutcome out = ingest_files({copy}, options, registry, *store);

  const auto stored = store->values({"2000-01-01", "2100-01-01", {}, {}});
  const auto n = static_cast<std::int64_t>(expected.size());
  EXPECT_EQ(out.files.at(0).values, n);  // what the summary says it read ...
  EXPECT_EQ(out.summary.written, n);     // ... and wrote ...
  EXPECT_EQ(out.summary.superseded, 0);
  EXPECT_EQ(static_cast<std::int64_t>(stored.size()), n);  // ... is what the store keeps

  Expected seen;
  for (const store::StoredValue& s : stored) {
    const MetricValue& v = s.value;
    EXPECT_EQ(v.platform, platform);
    EXPECT_EQ(v.shop_id, shop);
    EXPECT_EQ(v.day, "2026-11-16");
    EXPECT_EQ(v.origin, "native_export");
    seen[{v.agent_id, v.native_name}] =
        v.availability == Availability::pending ? std::nullopt : std::optional<double>(v.value);
  }
  for (const auto& [key, value] : expected) {
    SCOPED_TRACE(key.first + " " + key.second);
    const auto it = seen.find(key);
    ASSERT_NE(it, seen.end()) << "not in the store";
    ASSERT_EQ(it->second.has_value(), value.has_value()) << "pending on one side only";
    if (value) EXPECT_NEAR(*it->second, *value, 1e-9);
  }
}

TEST(SampleExports, EveryDouyinValueIsKeptUnderItsOwnNativeName) {
  Expected e;
  const std::string xx = "抖音小店-晓晓", aq = "抖音小店-阿强";
  for (const auto& [agent, v] : std::map<std::string, std::vector<double>>{
           {xx, {210, 236, 0.012, 0.975, 0.951, 9.8, 21.3, 19.7, 0.886, 12840.00, 75, 31, 29, 0.3867}},
           {aq, {185, 201, 0.020, 0.961, 0.934, 12.4, 25.0, 23.2, 0.850, 9210.50, 62, 22, 20, 0.3226}}}) {
    const char* names[] = {"人工已接待人数",  "人工已接待会话量", "不满意率",         "3分钟人工回复率(会话)",
                           "3分钟人工回复率", "首次响应时长(秒)", "平均响应时长(秒)", "新平均响应时长(秒)",
                           "满意率",          "客服销售额",       "询单人数",         "下单人数",
                           "支付人数",        "询单转化率"};
    for (std::size_t i = 0; i < v.size(); ++i) e[{agent, names[i]}] = v[i];
  }
  expect_every_value_kept("douyin", "dy01", "douyin-2026-11-16.csv", e);  // 28; CPD and 预警会话量 map to nothing
}

TEST(SampleExports, EveryTmallValueIsKeptPendingOnesAsPending) {
  Expected e;
  const std::optional<double> pending;
  const char* names[] = {"咨询人数",     "接待人数", "询单人数",   "询单->最终付款成功率",
                         "平均响应(秒)", "回复率",   "客户满意率", "服务满意度评价参与率",
                         "客单价"};
  for (const auto& [agent, v] : std::map<std::string, std::vector<std::optional<double>>>{
           {"旗舰店:小美", {132, 128, 61, pending, 18.5, 0.9922, pending, 0.3520, 168.00}},
           {"旗舰店:小王", {97, 95, 40, pending, 24.1, 0.9895, pending, 0.3158, 142.50}},
           {"", {317, 309, 134, pending, 20.9, 0.9871, pending, 0.3204, 156.20}}})  // 合计; 阿杰's row is rejected
    for (std::size_t i = 0; i < v.size(); ++i) e[{agent, names[i]}] = v[i];
  expect_every_value_kept("tmall", "tm01", "tmall-2026-11-16.csv", e);  // 27
}

TEST(SampleExports, EveryJdValueIsKeptAndADashIsNoValue) {
  Expected e{{{"jd_kf01", "咚咚首次30秒应答率"}, 0.923},
             {{"jd_kf01", "咚咚平均响应时长"}, 21.4},
             {{"jd_kf01", "留言率"}, 0.031},
             {{"jd_kf01", "留言回复率"}, 1.0},
             {{"jd_kf01", "售后满意度"}, 0.95},
             {{"jd_kf02", "咚咚首次30秒应答率"}, 0.88},
             {{"jd_kf02", "咚咚平均响应时长"}, 32.9},
             {{"jd_kf02", "留言率"}, 0.031},
             {{"jd_kf02", "留言回复率"}, 1.0}};  // jd_kf02's 售后满意度 is "-"; jd_kf03's day 11/32 is rejected
  expect_every_value_kept("jd", "jd01", "jd-2026-11-16.csv", e);
}

TEST(SampleExports, EveryKuaishouValueIsKept) {
  Expected e{{{"快手-小林", "咨询到人工客服人数"}, 143},
             {{"快手-小林", "人工客服3分钟回复率"}, 0.965},
             {{"快手-小林", "商户人工客服好评率"}, 0.921}};  // 小周's "94,2%" is rejected
  expect_every_value_kept("kuaishou", "ks01", "kuaishou-2026-11-16.csv", e);
}

TEST(SampleExports, EveryPinduoduoValueIsKeptAndMinutesAreStoredAsSeconds) {
  Expected e;
  const char* names[] = {"咨询人数",   "询单人数",     "最终成团人数",     "询单转化率",
                         "客服销售额", "人工接待人数", "需要人工回复的咨询人数", "3分钟未回复人数",
                         "3分钟人工回复率(8-23点)", "平均人工响应时长", "30秒应答率(8-23点)", "评分≤3率",
                         "纠纷退款数", "投诉数", "3分钟人工回复率(全天)", "30秒应答率(全天)"};
  for (const auto& [agent, v] : std::map<std::string, std::vector<std::optional<double>>>{
           {"拼多多-小雨",
            {156, 72, 30, 0.4167, 3560.40, 148, 150, 6, 0.96, 51, 0.785, 0.05, 0, 1, 0.942, 0.751}},
           {"拼多多-阿峰", {120, 51, 20, 0.3922, 2210.00, 115, 118, 9, 0.9237, 84, 0.702, 0.0968, 1, 0}}})
    for (std::size_t i = 0; i < v.size(); ++i) e[{agent, names[i]}] = v[i];
  // 阿峰's (全天) cells are "-" (no figure); 小陈's 1分30秒 is not minutes, so the row is rejected.
  expect_every_value_kept("pinduoduo", "pd01", "pinduoduo-2026-11-16.csv", e);  // 30
}

}  // namespace
}  // namespace kefu::host::ingest
