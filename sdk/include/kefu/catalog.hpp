// The words a plugin and the host must agree on, spelled once. The host lines platforms up on
// these keys (a report row, a `kefu diff` line, the conformance check), so a key typed as a
// string literal that is off by one letter is a fact that silently matches nothing. Write
// `kefu::metric::within_30s_rate`, not "within_30s_rate", and the compiler checks the spelling.
//
//   value.metric = kefu::metric::avg_response_s;
//   value.origin = kefu::origin::api;
//
// Data files (rules.json, metrics.json, words.txt) use the same texts; the conformance check
// (`kefu plugins check`) rejects any key or category not listed here. Each group ends with
// `all`, in the order the host shows them. A new key is an SDK minor version.
#pragma once

#include <array>
#include <string_view>

namespace kefu {

// ---- Capabilities: what a plugin declares in PlatformInfo::capabilities ----------------

inline constexpr std::string_view kCapRules = "rules";
inline constexpr std::string_view kCapWords = "words";
inline constexpr std::string_view kCapMetricProfile = "metric_profile";
inline constexpr std::string_view kCapNativeImport = "native_import";
inline constexpr std::string_view kCapApiFetch = "api_fetch";
inline constexpr std::array<std::string_view, 5> kAllCapabilities = {kCapRules, kCapWords, kCapMetricProfile,
                                                                     kCapNativeImport, kCapApiFetch};

// ---- Canonical metric keys: NativeMetric::canonical_key, MetricValue::metric -----------

namespace metric {
inline constexpr std::string_view sessions = "sessions";
inline constexpr std::string_view turns = "turns";
inline constexpr std::string_view first_response_s = "first_response_s";
inline constexpr std::string_view avg_response_s = "avg_response_s";
inline constexpr std::string_view reply_rate = "reply_rate";
inline constexpr std::string_view within_30s_rate = "within_30s_rate";
inline constexpr std::string_view within_3min_rate = "within_3min_rate";
inline constexpr std::string_view inquiry_conversion_rate = "inquiry_conversion_rate";
inline constexpr std::string_view satisfaction_rate = "satisfaction_rate";
inline constexpr std::string_view dissatisfaction_rate = "dissatisfaction_rate";
inline constexpr std::string_view message_left_rate = "message_left_rate";
inline constexpr std::string_view aftersale_rate = "aftersale_rate";
inline constexpr std::string_view received_customers = "received_customers";
inline constexpr std::string_view unreplied_customers = "unreplied_customers";
// Sales through customer service (platform exports only; a chat log holds no orders).
inline constexpr std::string_view inquiry_customers = "inquiry_customers";  // 询单人数
inline constexpr std::string_view order_customers = "order_customers";      // 下单人数
inline constexpr std::string_view paying_customers = "paying_customers";    // 支付人数
inline constexpr std::string_view sales_amount = "sales_amount";            // 客服销售额
inline constexpr std::string_view avg_order_value = "avg_order_value";      // 客单价
inline constexpr std::array<std::string_view, 19> all = {sessions,           turns,
                                                         first_response_s,   avg_response_s,
                                                         reply_rate,         within_30s_rate,
                                                         within_3min_rate,   inquiry_conversion_rate,
                                                         satisfaction_rate,  dissatisfaction_rate,
                                                         message_left_rate,  aftersale_rate,
                                                         received_customers, unreplied_customers,
                                                         inquiry_customers,  order_customers,
                                                         paying_customers,   sales_amount,
                                                         avg_order_value};
}  // namespace metric

// ---- Canonical rule keys: Rule::key (the name is the key with '.' as '_') ---------------

namespace rule {
inline constexpr std::string_view service_response_threshold = "service.response_threshold";
inline constexpr std::string_view service_response_unit = "service.response_unit";
inline constexpr std::string_view service_response_target = "service.response_target";
inline constexpr std::string_view service_bot_replies = "service.bot_replies";
inline constexpr std::string_view service_avg_response_limit = "service.avg_response_limit";
inline constexpr std::string_view service_message_left_limit = "service.message_left_limit";
inline constexpr std::string_view service_message_left = "service.message_left";
inline constexpr std::string_view service_hours = "service.hours";
inline constexpr std::string_view satisfaction_scale = "satisfaction.scale";
inline constexpr std::string_view aftersale_no_reason_return = "aftersale.no_reason_return";
inline constexpr std::string_view aftersale_refund_after_return = "aftersale.refund_after_return";
inline constexpr std::string_view aftersale_review_time = "aftersale.review_time";
inline constexpr std::string_view shipping_deadline = "shipping.deadline";
inline constexpr std::string_view conduct_review_cashback = "conduct.review_cashback";
inline constexpr std::string_view conduct_absolute_terms = "conduct.absolute_terms";
inline constexpr std::string_view conduct_offplatform_diversion = "conduct.offplatform_diversion";
inline constexpr std::string_view conduct_civility = "conduct.civility";
inline constexpr std::string_view service_response_floor = "service.response_floor";
inline constexpr std::string_view penalty_system = "penalty.system";
inline constexpr std::array<std::string_view, 19> all = {service_response_threshold,
                                                         service_response_unit,
                                                         service_response_target,
                                                         service_bot_replies,
                                                         service_avg_response_limit,
                                                         service_message_left_limit,
                                                         service_message_left,
                                                         service_hours,
                                                         satisfaction_scale,
                                                         aftersale_no_reason_return,
                                                         aftersale_refund_after_return,
                                                         aftersale_review_time,
                                                         shipping_deadline,
                                                         conduct_review_cashback,
                                                         conduct_absolute_terms,
                                                         conduct_offplatform_diversion,
                                                         conduct_civility,
                                                         service_response_floor,
                                                         penalty_system};
}  // namespace rule

// ---- Rule categories: Rule::category ----------------------------------------------------

namespace rule_category {
inline constexpr std::string_view service = "服务/响应";
inline constexpr std::string_view service_hours = "服务时间";
inline constexpr std::string_view satisfaction = "满意度";
inline constexpr std::string_view aftersale = "售后";
inline constexpr std::string_view shipping = "物流";
inline constexpr std::string_view marketing_reviews = "营销/评价";
inline constexpr std::string_view communication_diversion = "沟通/引流";
inline constexpr std::string_view penalty = "处罚";
inline constexpr std::array<std::string_view, 8> all = {
    service, service_hours, satisfaction, aftersale, shipping, marketing_reviews, communication_diversion, penalty};
}  // namespace rule_category

// ---- Word categories: Term::category ----------------------------------------------------

namespace term_category {
inline constexpr std::string_view absolute_terms = "广告法极限词";
inline constexpr std::string_view offplatform_contact = "引流/站外联系";
inline constexpr std::string_view review_cashback = "好评返现/虚假交易";
inline constexpr std::string_view medical_claims = "医疗功效";
inline constexpr std::string_view abuse = "辱骂/不文明";
inline constexpr std::string_view other = "其他";
inline constexpr std::array<std::string_view, 6> all = {
    absolute_terms, offplatform_contact, review_cashback, medical_claims, abuse, other};
}  // namespace term_category

// ---- How an export cell is written: NativeMetric::value_format ---------------------------

namespace value_format {
inline constexpr std::string_view percent = "percent";  // 85.5% or 85.5 → 0.855
inline constexpr std::string_view ratio = "ratio";      // 0.855
inline constexpr std::string_view seconds = "seconds";  // 12.5, 1分5秒, 00:01:05
inline constexpr std::string_view count = "count";
inline constexpr std::string_view amount = "amount";  // yuan, ¥1,234.50
inline constexpr std::string_view minutes = "minutes";  // 2.5, 2.5分钟 → 150 s (since SDK 1.6)
inline constexpr std::array<std::string_view, 6> all = {percent, ratio, seconds, count, amount, minutes};
// How a value read in this format is stored and shown: minutes become seconds at import.
constexpr std::string_view stored_as(std::string_view format) { return format == minutes ? seconds : format; }
}  // namespace value_format

// ---- Where a figure came from: MetricValue::origin ---------------------------------------

namespace origin {
inline constexpr std::string_view native_export = "native_export";  // the platform's own export
inline constexpr std::string_view api = "api";                      // a plugin's fetch()
inline constexpr std::string_view recomputed = "recomputed";        // the host, from chat logs
inline constexpr std::array<std::string_view, 3> all = {native_export, api, recomputed};
}  // namespace origin

// ---- Chat log: ChatMessage::sender and ChatMessage::event ---------------------------------

namespace sender {
inline constexpr std::string_view customer = "customer";
inline constexpr std::string_view agent = "agent";
inline constexpr std::string_view bot = "bot";
inline constexpr std::string_view system = "system";
inline constexpr std::array<std::string_view, 4> all = {customer, agent, bot, system};
}  // namespace sender

namespace chat_event {
inline constexpr std::string_view msg = "msg";
inline constexpr std::string_view transfer = "transfer";
inline constexpr std::array<std::string_view, 2> all = {msg, transfer};
}  // namespace chat_event

}  // namespace kefu
