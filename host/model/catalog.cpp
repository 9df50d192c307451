#include "model/catalog.h"

#include <kefu/catalog.hpp>

#include <algorithm>
#include <array>
#include <utility>
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
    RuleKeyDef{"service.response_target", "服务/响应", "响应率达标线", "Response-rate target", percentage,
               higher_is_stricter},
    RuleKeyDef{"service.bot_replies", "服务/响应", "机器人回复是否算响应", "Bot replies counted as responses",
               enumeration, higher_is_stricter, "all,assist_only,none"},
    RuleKeyDef{"service.avg_response_limit", "服务/响应", "平均响应时长上限", "Average response time limit", duration,
               lower_is_stricter},
    RuleKeyDef{"service.message_left_limit", "服务/响应", "留言率上限", "Leave-a-message rate limit", percentage,
               lower_is_stricter},
    RuleKeyDef{"service.message_left", "服务/响应", "留言处理", "Leave-a-message handling", text, none},
    RuleKeyDef{"service.hours", "服务时间", "考核时段", "Service hours assessed", time_window, higher_is_stricter},
    RuleKeyDef{"satisfaction.scale", "满意度", "满意度评价等级", "Satisfaction scale", text, none},
    RuleKeyDef{"aftersale.no_reason_return", "售后", "七天无理由退货", "7-day no-reason returns", duration,
               higher_is_stricter},
    RuleKeyDef{"aftersale.refund_after_return", "售后", "退货后退款时限", "Refund deadline after a return", duration,
               lower_is_stricter},
    RuleKeyDef{"aftersale.review_time", "售后", "售后审核时效", "After-sales review time", duration, lower_is_stricter},
    RuleKeyDef{"shipping.deadline", "物流", "发货时效", "Shipping deadline", duration, lower_is_stricter},
    RuleKeyDef{"conduct.review_cashback", "营销/评价", "禁止好评返现", "No cashback for good reviews", boolean,
               true_is_stricter},
    RuleKeyDef{"conduct.absolute_terms", "营销/评价", "禁止绝对化用语", "No absolute terms in advertising", boolean,
               true_is_stricter},
    RuleKeyDef{"conduct.offplatform_diversion", "沟通/引流", "禁止站外引流", "No off-platform diversion", boolean,
               true_is_stricter},
    RuleKeyDef{"conduct.civility", "沟通/引流", "文明用语", "Civil language required", boolean, true_is_stricter},
    RuleKeyDef{"service.response_floor", "处罚", "响应率处罚线", "Response-rate penalty line", percentage,
               higher_is_stricter},
    RuleKeyDef{"penalty.system", "处罚", "处罚体系", "Penalty system", text, none},
};

constexpr std::array<std::string_view, 8> kRuleCategories = {"服务/响应", "服务时间",  "满意度",    "售后",
                                                             "物流",      "营销/评价", "沟通/引流", "处罚"};

constexpr std::array<std::string_view, 6> kTermCategories = {"广告法极限词", "引流/站外联系", "好评返现/虚假交易",
                                                             "医疗功效",     "辱骂/不文明",   "其他"};

// The rule whose value says whether a platform forbids the behaviour a term category names:
// where a platform's rule (or the common law it inherits) forbids it, the common list's terms
// of the category apply there; where the rule is unknown, so is the platform's stance on them.
// 医疗功效 and 其他 have no such rule: their terms apply as each entry's own source says.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kCategoryRules = {{
    {"广告法极限词", "conduct.absolute_terms"},
    {"引流/站外联系", "conduct.offplatform_diversion"},
    {"好评返现/虚假交易", "conduct.review_cashback"},
    {"辱骂/不文明", "conduct.civility"},
}};

namespace metric = kefu::metric;
namespace unit = kefu::value_format;
constexpr std::string_view kAverageAmount = "average_amount";  // yuan per something: a mean, not a total

// The canonical metrics: what each one means, in kefu::metric::all's order. How the host
// recomputes one from chat logs is its computation in metrics/canonical.cpp; a metric without
// one comes only from platform exports and plugins.
constexpr std::array kMetrics = {
    MetricDef{metric::sessions, "会话数", "Sessions", unit::count, Better::neither,
              "Session segments with at least one customer message.",
              "至少有一条顾客消息的会话段（转接开始新的一段）。"},
    MetricDef{metric::turns, "对话轮次", "Turns", unit::count, Better::neither,
              "Customer turns: a run of customer messages up to the next agent message.",
              "对话轮次：顾客连续发出的消息到下一条客服消息为一轮。"},
    MetricDef{metric::first_response_s, "首次响应时长", "First response time", unit::seconds, Better::lower,
              "Seconds from the first customer message of a segment to the first agent reply.",
              "会话段中顾客第一条消息到客服第一次回复的秒数。"},
    MetricDef{metric::avg_response_s, "平均响应时长", "Average response time", unit::seconds, Better::lower,
              "Mean seconds from the start of a turn to the agent message that answers it.",
              "每轮从顾客第一条消息到客服回复的平均秒数。"},
    MetricDef{metric::reply_rate, "回复率", "Reply rate", unit::ratio, Better::higher,
              "Share of segments whose last turn was answered.", "最后一轮得到回复的会话段占比。"},
    MetricDef{metric::within_30s_rate, "30秒应答率", "30-second answer rate", unit::ratio, Better::higher,
              "Share of segments whose first turn was answered within 30 seconds.",
              "第一轮在30秒内得到回复的会话段占比。"},
    MetricDef{metric::within_3min_rate, "3分钟回复率", "3-minute reply rate", unit::ratio, Better::higher,
              "Share of turns answered within 180 seconds.", "180秒内得到回复的轮次占比。"},
    MetricDef{metric::inquiry_conversion_rate, "询单转化率", "Inquiry conversion rate", unit::ratio, Better::higher,
              "Customers who paid after consulting, over customers who consulted before ordering.",
              "咨询后付款的顾客数 / 下单前咨询的顾客数。"},
    MetricDef{metric::satisfaction_rate, "满意率", "Satisfaction rate", unit::ratio, Better::higher,
              "Satisfied evaluations over all evaluations, on the platform's own scale.",
              "满意评价 / 全部评价（按平台自己的评价等级）。"},
    MetricDef{metric::dissatisfaction_rate, "不满意率", "Dissatisfaction rate", unit::ratio, Better::lower,
              "Dissatisfied evaluations over all evaluations, on the platform's own scale.",
              "不满意评价 / 全部评价（按平台自己的评价等级）。"},
    MetricDef{metric::message_left_rate, "留言率", "Leave-a-message rate", unit::ratio, Better::lower,
              "Consultations that fell into leave-a-message (no agent online) over all consultations.",
              "无客服在线而进入留言的咨询 / 全部咨询。"},
    MetricDef{metric::aftersale_rate, "售后率", "After-sales rate", unit::ratio, Better::lower,
              "Orders with a refund or after-sales request over all orders, where a platform reports it.",
              "有退款或售后申请的订单 / 全部订单（平台有报告时）。"},
    MetricDef{metric::received_customers, "接待人数", "Customers received", unit::count, Better::neither,
              "Customers an agent exchanged at least one message with, per agent per day.",
              "与客服互发过至少一条消息的顾客数，按客服按天计。"},
    MetricDef{metric::unreplied_customers, "未回复人数", "Customers not replied", unit::count, Better::lower,
              "Customers who sent messages the agent never answered, per agent per day.",
              "发了消息但客服始终未回复的顾客数，按客服按天计。"},
    // Sales through customer service: only platforms report them (a chat log holds no orders).
    MetricDef{metric::inquiry_customers, "询单人数", "Inquiring customers", unit::count, Better::neither,
              "Customers who consulted customer service before ordering, per the platform.",
              "下单前咨询过客服的顾客数（按平台口径）。"},
    MetricDef{metric::order_customers, "下单人数", "Ordering customers", unit::count, Better::neither,
              "Customers who placed an order after consulting customer service, per the platform.",
              "咨询客服后下单的顾客数（按平台口径）。"},
    MetricDef{metric::paying_customers, "支付人数", "Paying customers", unit::count, Better::neither,
              "Customers who paid after consulting customer service, per the platform.",
              "咨询客服后付款的顾客数（按平台口径）。"},
    MetricDef{metric::sales_amount, "客服销售额", "Sales through service", unit::amount, Better::higher,
              "Amount (yuan) paid by customers the platform attributes to customer service; a total over the "
              "period.",
              "平台归到客服名下的顾客付款金额（元），按周期合计。"},
    MetricDef{metric::avg_order_value, "客单价", "Average order value", kAverageAmount, Better::higher,
              "Sales through customer service over the customers who paid (yuan per customer).",
              "客服销售额 / 客服销售人数（元/人）。"},
};
static_assert(kMetrics.size() == metric::all.size(), "one row per kefu::metric key");

template <class Range>
auto find_key(const Range& range, std::string_view key) {
  const auto it = std::find_if(range.begin(), range.end(), [&](const auto& d) { return d.key == key; });
  return it == range.end() ? nullptr : &*it;
}

}  // namespace

std::span<const MetricDef> metric_catalog() { return kMetrics; }
std::span<const RuleKeyDef> rule_key_catalog() { return kRuleKeys; }
std::span<const std::string_view> rule_categories() { return kRuleCategories; }
std::span<const std::string_view> term_categories() { return kTermCategories; }

const MetricDef* find_metric(std::string_view key) { return find_key(metric_catalog(), key); }
bool is_total(const MetricDef& def) { return def.unit == unit::count || def.unit == unit::amount; }
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
std::size_t term_category_rank(std::string_view category) {
  static constexpr std::string_view kOrder[] = {"引流/站外联系", "好评返现/虚假交易", "辱骂/不文明",
                                                "广告法极限词",  "医疗功效",          "其他"};
  for (std::size_t i = 0; i < std::size(kOrder); ++i)
    if (kOrder[i] == category) return i;
  return std::size(kOrder);
}
std::string_view term_category_rule(std::string_view category) {
  for (const auto& [c, key] : kCategoryRules)
    if (c == category) return key;
  return {};
}

}  // namespace kefu::host
