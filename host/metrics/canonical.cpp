#include "metrics/canonical.h"

#include "metrics/engine.h"

#include <kefu/catalog.hpp>

#include <algorithm>
#include <array>
#include <numeric>

namespace kefu::host::metrics {
namespace {

namespace unit = kefu::value_format;

// ---- How each figure comes out of GroupStats (docs/metrics.md, R11/R12) --------------------

Counts segments(const GroupStats& s) { return {s.segments}; }
Counts turns(const GroupStats& s) { return {s.turns}; }
Counts answered_turns(const GroupStats& s) { return {s.answered_turns}; }
Counts replied_segments(const GroupStats& s) { return {s.replied_segments}; }
Counts within_30s_segments(const GroupStats& s) { return {s.within_30s_segments}; }
Counts within_3min_turns(const GroupStats& s) { return {s.within_3min_turns}; }
Counts first_response_n(const GroupStats& s) { return {static_cast<std::int64_t>(s.first_response_ms.size())}; }

Counts first_response(const GroupStats& s) {
  const auto& ms = s.first_response_ms;
  return {std::accumulate(ms.begin(), ms.end(), std::int64_t{0}), static_cast<std::int64_t>(ms.size())};
}
Counts avg_response(const GroupStats& s) { return {s.response_ms_sum, s.answered_turns}; }
Counts reply_rate(const GroupStats& s) { return {s.replied_segments, s.segments}; }
Counts within_30s_rate(const GroupStats& s) { return {s.within_30s_segments, s.segments}; }
Counts within_3min_rate(const GroupStats& s) { return {s.within_3min_turns, s.turns}; }

// Nearest rank (k = ceil(p·n/100), 1-based) of the sorted samples: one sample, or none (den 0).
template <int P> Counts first_response_percentile(const GroupStats& s) {
  const std::vector<std::int64_t>& sorted = s.first_response_ms;
  if (sorted.empty()) return {0, 0};
  const std::size_t k = (static_cast<std::size_t>(P) * sorted.size() + 99) / 100;
  return {sorted[std::max<std::size_t>(k, 1) - 1], 1};
}

// ---- The columns each metric adds to `metrics compute` -------------------------------------
// Column names are the stable CSV spec (docs/metrics.md) and keep their old spelling: "sessions"
// counts segments (the spec predates transfers splitting a session); positions are the spec's order.

constexpr std::array kSessionsColumns = {ComputeColumn{"sessions", 0, unit::count, segments}};
constexpr std::array kTurnsColumns = {ComputeColumn{"turns", 1, unit::count, turns}};
// The store's first_response_s is the CSV's first_response_mean_s: the spec names it beside
// its percentiles, and the CSV is a documented, stable format.
constexpr std::array kFirstResponseColumns = {
    ComputeColumn{"first_response_n", 6, unit::count, first_response_n},
    ComputeColumn{"first_response_mean_s", 7, unit::seconds, first_response},
    ComputeColumn{"first_response_p50_s", 8, unit::seconds, first_response_percentile<50>},
    ComputeColumn{"first_response_p90_s", 9, unit::seconds, first_response_percentile<90>}};
constexpr std::array kAvgResponseColumns = {ComputeColumn{"answered_turns", 2, unit::count, answered_turns},
                                            ComputeColumn{"avg_response_s", 10, unit::seconds, avg_response}};
constexpr std::array kReplyRateColumns = {ComputeColumn{"replied_sessions", 3, unit::count, replied_segments},
                                          ComputeColumn{"reply_rate", 11, unit::ratio, reply_rate}};
constexpr std::array kWithin30sColumns = {ComputeColumn{"within_30s_sessions", 4, unit::count, within_30s_segments},
                                          ComputeColumn{"within_30s_rate", 12, unit::ratio, within_30s_rate}};
constexpr std::array kWithin3minColumns = {ComputeColumn{"within_3min_turns", 5, unit::count, within_3min_turns},
                                           ComputeColumn{"within_3min_rate", 13, unit::ratio, within_3min_rate}};

// ---- The table ---------------------------------------------------------------------------
// Native-only metrics (no figure) come from platform exports and plugins; their definitions say
// what a platform's figure should mean when it maps onto the key.

constexpr std::array kCanonical = {
    CanonicalMetric{{metric::sessions, "会话数", "Sessions", unit::count, Better::neither,
                     "Session segments with at least one customer message.",
                     "至少有一条顾客消息的会话段（转接开始新的一段）。"},
                    segments, kSessionsColumns},
    CanonicalMetric{{metric::turns, "对话轮次", "Turns", unit::count, Better::neither,
                     "Customer turns: a run of customer messages up to the next agent message.",
                     "对话轮次：顾客连续发出的消息到下一条客服消息为一轮。"},
                    turns, kTurnsColumns},
    CanonicalMetric{{metric::first_response_s, "首次响应时长", "First response time", unit::seconds, Better::lower,
                     "Seconds from the first customer message of a segment to the first agent reply.",
                     "会话段中顾客第一条消息到客服第一次回复的秒数。"},
                    first_response, kFirstResponseColumns},
    CanonicalMetric{{metric::avg_response_s, "平均响应时长", "Average response time", unit::seconds, Better::lower,
                     "Mean seconds from the start of a turn to the agent message that answers it.",
                     "每轮从顾客第一条消息到客服回复的平均秒数。"},
                    avg_response, kAvgResponseColumns},
    CanonicalMetric{{metric::reply_rate, "回复率", "Reply rate", unit::ratio, Better::higher,
                     "Share of segments whose last turn was answered.",
                     "最后一轮得到回复的会话段占比。"},
                    reply_rate, kReplyRateColumns},
    CanonicalMetric{{metric::within_30s_rate, "30秒应答率", "30-second answer rate", unit::ratio, Better::higher,
                     "Share of segments whose first turn was answered within 30 seconds.",
                     "第一轮在30秒内得到回复的会话段占比。"},
                    within_30s_rate, kWithin30sColumns},
    CanonicalMetric{{metric::within_3min_rate, "3分钟回复率", "3-minute reply rate", unit::ratio, Better::higher,
                     "Share of turns answered within 180 seconds.",
                     "180秒内得到回复的轮次占比。"},
                    within_3min_rate, kWithin3minColumns},
    CanonicalMetric{{metric::inquiry_conversion_rate, "询单转化率", "Inquiry conversion rate", unit::ratio, Better::higher,
                     "Customers who paid after consulting, over customers who consulted before ordering.",
                     "咨询后付款的顾客数 / 下单前咨询的顾客数。"}},
    CanonicalMetric{{metric::satisfaction_rate, "满意率", "Satisfaction rate", unit::ratio, Better::higher,
                     "Satisfied evaluations over all evaluations, on the platform's own scale.",
                     "满意评价 / 全部评价（按平台自己的评价等级）。"}},
    CanonicalMetric{{metric::dissatisfaction_rate, "不满意率", "Dissatisfaction rate", unit::ratio, Better::lower,
                     "Dissatisfied evaluations over all evaluations, on the platform's own scale.",
                     "不满意评价 / 全部评价（按平台自己的评价等级）。"}},
    CanonicalMetric{{metric::message_left_rate, "留言率", "Leave-a-message rate", unit::ratio, Better::lower,
                     "Consultations that fell into leave-a-message (no agent online) over all consultations.",
                     "无客服在线而进入留言的咨询 / 全部咨询。"}},
    CanonicalMetric{{metric::aftersale_rate, "售后率", "After-sales rate", unit::ratio, Better::lower,
                     "Orders with a refund or after-sales request over all orders, where a platform reports it.",
                     "有退款或售后申请的订单 / 全部订单（平台有报告时）。"}},
    CanonicalMetric{{metric::received_customers, "接待人数", "Customers received", unit::count, Better::neither,
                     "Customers an agent exchanged at least one message with, per agent per day.",
                     "与客服互发过至少一条消息的顾客数，按客服按天计。"}},
    CanonicalMetric{{metric::unreplied_customers, "未回复人数", "Customers not replied", unit::count, Better::lower,
                     "Customers who sent messages the agent never answered, per agent per day.",
                     "发了消息但客服始终未回复的顾客数，按客服按天计。"}},
};
static_assert(kCanonical.size() == metric::all.size(), "one entry per kefu::metric key");

}  // namespace

std::span<const CanonicalMetric> canonical_metrics() { return kCanonical; }

std::optional<StoredFigure> stored_figure(const CanonicalMetric& metric, const GroupStats& stats) {
  if (!metric.figure) return std::nullopt;
  const Counts c = metric.figure(stats);
  if (metric.def.unit == unit::count) return StoredFigure{static_cast<double>(c.num), std::nullopt, std::nullopt};
  if (c.den <= 0) return std::nullopt;
  const double num = metric.def.unit == unit::seconds ? static_cast<double>(c.num) / 1000.0 : static_cast<double>(c.num);
  const double den = static_cast<double>(c.den);
  return StoredFigure{num / den, num, den};
}

}  // namespace kefu::host::metrics
