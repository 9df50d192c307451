// Writing recomputed metric rows: the CSV of the column spec (byte for byte), JSON with the
// same keys, and a table for people.
#pragma once

#include "present/text.h"
#include "metrics/engine.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace kefu::host::metrics {

// num/den with exactly 6 decimals, rounded half-up from the exact fraction (325/7 → 46.428571).
std::string decimal6(__int128 num, std::int64_t den);  // |num| < 2^100

// Nearest-rank percentile (k = ceil(p·n/100), 1-based) of sorted samples, in ms.
std::int64_t nearest_rank(const std::vector<std::int64_t>& sorted, int p);

// The CSV columns, in order.
inline constexpr const char* kMetricColumns[] = {
    "level", "platform", "shop_id", "agent_id", "day", "sessions", "turns", "answered_turns", "replied_sessions",
    "within_30s_sessions", "within_3min_turns", "first_response_n", "first_response_mean_s",
    "first_response_p50_s", "first_response_p90_s", "avg_response_s", "reply_rate", "within_30s_rate",
    "within_3min_rate"};

// The row's values as the CSV prints them ("" where undefined), in kMetricColumns order.
std::vector<std::string> metric_cells(const MetricRow& row);

void write_csv(std::ostream& out, const std::vector<MetricRow>& rows);
// {"rows":[{column: value, ...}]}: numbers as JSON numbers, undefined as null.
void write_json(std::ostream& out, const std::vector<MetricRow>& rows);
void write_table(std::ostream& out, const std::vector<MetricRow>& rows, Lang lang);

}  // namespace kefu::host::metrics
