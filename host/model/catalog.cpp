#include "model/catalog.h"

#include "metrics/canonical.h"

#include <algorithm>
#include <array>
#include <vector>

namespace kefu::host {
namespace {

using enum ValueType;
using enum Strictness;

// The rules a CS agent answers for. Keys are stable (they are JSON keys in `kefu diff`); the
// list is ordered as the briefing shows them.
constexpr std::array kRuleKeys = {
    RuleKeyDef{"service.response_threshold", "服务/响应", "响应时限", "Reply time limit", duration, lower_is_stricter},
    RuleKeyDef{"service.response_unit", "服务/响应", "响应考核单位", "What the response duty counts", enumeration, none,
               "message,round,session,person"},
    RuleKeyDef{"service.response_target", "服务/响应", "响应率达标线", "Response-rate target", percentage, higher_is_stricter},
    RuleKeyDef{"service.bot_replies", "服务/响应", "机器人回复是否算响应", "Bot replies counted as responses",
               enumeration, higher_is_stricter, "all,assist_only,none"},
    RuleKeyDef{"service.avg_response_limit", "服务/响应", "平均响应时长上限", "Average response time limit", duration,
               lower_is_stricter},
    RuleKeyDef{"service.message_left_limit", "服务/响应", "留言率上限", "Leave-a-message rate limit", percentage,
               lower_is_stricter},
    RuleKeyDef{"service.message_left", "服务/响应", "留言处理", "Leave-a-message handling", text, none},
    RuleKeyDef{"service.hours", "服务时间", "考核时段", "Service hours assessed", time_window, higher_is_stricter},
    RuleKeyDef{"satisfaction.scale", "满意度", "满意度评价等级", "Satisfaction scale", text, none},
    RuleKeyDef{"aftersale.no_reason_return", "售后", "七天无理由退货", "7-day no-reason returns", duration, higher_is_stricter},
    RuleKeyDef{"aftersale.refund_after_return", "售后", "退货后退款时限", "Refund deadline after a return", duration,
               lower_is_stricter},
    RuleKeyDef{"aftersale.review_time", "售后", "售后审核时效", "After-sales review time", duration, lower_is_stricter},
    RuleKeyDef{"shipping.deadline", "物流", "发货时效", "Shipping deadline", duration, lower_is_stricter},
    RuleKeyDef{"conduct.review_cashback", "营销/评价", "禁止好评返现", "No cashback for good reviews", boolean, true_is_stricter},
    RuleKeyDef{"conduct.absolute_terms", "营销/评价", "禁止绝对化用语", "No absolute terms in advertising", boolean,
               true_is_stricter},
    RuleKeyDef{"conduct.offplatform_diversion", "沟通/引流", "禁止站外引流", "No off-platform diversion", boolean,
               true_is_stricter},
    RuleKeyDef{"conduct.civility", "沟通/引流", "文明用语", "Civil language required", boolean, true_is_stricter},
    RuleKeyDef{"service.response_floor", "处罚", "响应率处罚线", "Response-rate penalty line", percentage, higher_is_stricter},
    RuleKeyDef{"penalty.system", "处罚", "处罚体系", "Penalty system", text, none},
};

constexpr std::array<std::string_view, 8> kRuleCategories = {
    "服务/响应", "服务时间", "满意度", "售后", "物流", "营销/评价", "沟通/引流", "处罚"};

constexpr std::array<std::string_view, 6> kTermCategories = {
    "广告法极限词", "引流/站外联系", "好评返现/虚假交易", "医疗功效", "辱骂/不文明", "其他"};

template <class Range> auto find_key(const Range& range, std::string_view key) {
  const auto it = std::find_if(range.begin(), range.end(), [&](const auto& d) { return d.key == key; });
  return it == range.end() ? nullptr : &*it;
}

}  // namespace

// The metric rows live in the canonical metric table (metrics/canonical.cpp), beside how the
// host recomputes each one; the catalog is their view.
std::span<const MetricDef> metric_catalog() {
  static const std::vector<MetricDef> defs = [] {
    std::vector<MetricDef> out;
    for (const metrics::CanonicalMetric& m : metrics::canonical_metrics()) out.push_back(m.def);
    return out;
  }();
  return defs;
}
std::span<const RuleKeyDef> rule_key_catalog() { return kRuleKeys; }
std::span<const std::string_view> rule_categories() { return kRuleCategories; }
std::span<const std::string_view> term_categories() { return kTermCategories; }

const MetricDef* find_metric(std::string_view key) { return find_key(metric_catalog(), key); }
const RuleKeyDef* find_rule_key(std::string_view key) { return find_key(kRuleKeys, key); }
bool is_rule_category(std::string_view c) {
  return std::find(kRuleCategories.begin(), kRuleCategories.end(), c) != kRuleCategories.end();
}
int enum_level(const RuleKeyDef& def, std::string_view value) {
  int level = 0;
  for (std::string_view rest = def.levels; !rest.empty(); ++level) {
    const std::size_t comma = std::min(rest.find(','), rest.size());
    if (rest.substr(0, comma) == value) return level;
    rest.remove_prefix(std::min(comma + 1, rest.size()));
  }
  return -1;
}
bool is_term_category(std::string_view c) {
  return std::find(kTermCategories.begin(), kTermCategories.end(), c) != kTermCategories.end();
}

}  // namespace kefu::host
