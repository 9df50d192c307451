// Writing recomputed metric rows: the CSV of the column spec (byte for byte), JSON with the
// same keys, and a table for people. The figure columns are the canonical metric table's
// (metrics/canonical.h); a column a rollup aggregates away is written "*" here (R15).
#pragma once

#include "metrics/canonical.h"
#include "metrics/engine.h"
#include "present/text.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::metrics {

// num/den with exactly 6 decimals, rounded half-up from the exact fraction (325/7 → 46.428571).
std::string decimal6(__int128 num, std::int64_t den);  // |num| < 2^100

// A ratio for people: "96.4%" (one decimal); "-" when den is 0.
std::string percent(Counts c);

// The columns, in order: level,platform,shop_id,agent_id,day, then each canonical metric's
// columns in their spec positions (metrics/canonical.cpp).
const std::vector<std::string_view>& metric_columns();

// The row's values as the CSV prints them ("" where undefined), in metric_columns() order.
std::vector<std::string> metric_cells(const MetricRow& row);

void write_csv(std::ostream& out, const std::vector<MetricRow>& rows);
// {"rows":[{column: value, ...}]}: numbers as JSON numbers, undefined as null.
void write_json(std::ostream& out, const std::vector<MetricRow>& rows);
void write_table(std::ostream& out, const std::vector<MetricRow>& rows, Lang lang);

}  // namespace kefu::host::metrics
