#include "present/metrics_output.h"

#include "metrics/canonical.h"

#include "base/calendar.h"
#include "base/output_file.h"

#include <kefu/catalog.hpp>
#include <kefu/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>

namespace kefu::host::metrics {
namespace {

using u128 = unsigned __int128;

std::string u128_text(u128 v) {
  char buf[48];
  char* p = buf + sizeof buf;
  do *--p = static_cast<char>('0' + static_cast<int>(v % 10));
  while (v /= 10);
  return std::string(p, buf + sizeof buf);
}

constexpr std::array<std::string_view, 5> kKeyColumns = {"level", "platform", "shop_id", "agent_id", "day"};

// Every canonical metric's columns, in their spec positions.
const std::vector<const ComputeColumn*>& figure_columns() {
  static const std::vector<const ComputeColumn*> columns = [] {
    std::vector<const ComputeColumn*> out;
    for (const CanonicalMetric& m : canonical_metrics())
      for (const ComputeColumn& c : m.columns) out.push_back(&c);
    std::sort(out.begin(), out.end(),
              [](const ComputeColumn* a, const ComputeColumn* b) { return a->position < b->position; });
    return out;
  }();
  return columns;
}

const ComputeColumn& figure_column(std::string_view name) {
  const auto& columns = figure_columns();
  return **std::find_if(columns.begin(), columns.end(), [&](const ComputeColumn* c) { return c->name == name; });
}

std::string figure_cell(const ComputeColumn& column, const GroupStats& stats) {
  const Counts c = column.counts(stats);
  if (column.unit == value_format::count) return std::to_string(static_cast<std::int64_t>(c.num));
  if (c.den == 0) return "";
  if (column.unit == value_format::seconds) return decimal6(c.num, c.den * 1000);
  return decimal6(c.num, c.den);
}

// The compute CSV spells a column a rollup aggregates away "*" (R15, a stable spec); the rows
// themselves carry the model's spelling (kWholeShop).
constexpr const char* kRolledUp = "*";
std::string shop_cell(const MetricRow& row) { return row.level == Level::platform ? kRolledUp : row.shop_id; }
std::string agent_cell(const MetricRow& row) { return row.level == Level::agent ? row.agent_id : kRolledUp; }

}  // namespace

std::string decimal6(__int128 num, std::int64_t den) {
  const bool negative = (num < 0) != (den < 0) && num != 0;
  const u128 n = static_cast<u128>(num < 0 ? -num : num);
  const u128 d = static_cast<u128>(den < 0 ? -static_cast<__int128>(den) : den);
  const u128 scaled = (n * 2'000'000 + d) / (2 * d);  // half-up (away from zero)
  std::string frac = u128_text(scaled % 1'000'000);
  frac.insert(0, 6 - frac.size(), '0');
  std::string text = negative ? "-" : "";  // appended: GCC 12 misreads `"-" + std::string` (-Wrestrict)
  text += u128_text(scaled / 1'000'000);
  text += '.';
  text += frac;
  return text;
}

const std::vector<std::string_view>& metric_columns() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out(kKeyColumns.begin(), kKeyColumns.end());
    for (const ComputeColumn* c : figure_columns()) out.push_back(c->name);
    return out;
  }();
  return names;
}

std::vector<std::string> metric_cells(const MetricRow& row) {
  std::vector<std::string> cells = {level_name(row.level), row.platform, shop_cell(row), agent_cell(row),
                                    calendar::format_day(row.day)};
  for (const ComputeColumn* c : figure_columns()) cells.push_back(figure_cell(*c, row.stats));
  return cells;
}

std::string percent(Counts c) {
  if (c.den == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(c.num) / static_cast<double>(c.den));
  return buf;
}

void write_csv(std::ostream& out, const std::vector<MetricRow>& rows) {
  std::string line;
  for (std::string_view c : metric_columns()) {
    if (!line.empty()) line += ',';
    line += c;
  }
  out << line << '\n';
  for (const auto& row : rows) {
    line.clear();
    bool first = true;  // (not line.empty(): a first cell may be empty)
    for (const auto& cell : metric_cells(row)) {
      if (!first) line += ',';
      first = false;
      line += csv_field(cell);
    }
    out << line << '\n';
  }
}

void write_json(std::ostream& out, const std::vector<MetricRow>& rows) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("rows");
  w.StartArray();
  for (const auto& row : rows) {
    const auto cells = metric_cells(row);
    w.StartObject();
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string_view key = metric_columns()[c];
      w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
      if (c < kKeyColumns.size())
        w.String(cells[c].data(), static_cast<rapidjson::SizeType>(cells[c].size()));
      else if (cells[c].empty())
        w.Null();
      else
        w.RawValue(cells[c].data(), cells[c].size(), rapidjson::kNumberType);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out << buffer.GetString() << '\n';
}

void write_table(std::ostream& out, const std::vector<MetricRow>& rows, Lang lang) {
  Table table(lang == Lang::zh
                  ? std::vector<std::string>{"层级", "平台", "店铺", "客服", "日期", "会话", "轮次", "回复率",
                                             "30秒应答率", "3分钟回复率", "首响中位(秒)", "平均响应(秒)"}
                  : std::vector<std::string>{"level", "platform", "shop", "agent", "day", "sessions", "turns", "reply",
                                             "30s", "3min", "first p50 (s)", "avg resp (s)"});
  auto cell = [](const MetricRow& row, std::string_view name) { return figure_cell(figure_column(name), row.stats); };
  auto ratio = [](const MetricRow& row, std::string_view name) {
    return percent(figure_column(name).counts(row.stats));
  };
  for (const auto& row : rows) {
    const auto cells = metric_cells(row);
    auto short_seconds = [](const std::string& v) { return v.empty() ? std::string("-") : v.substr(0, v.size() - 5); };
    const char* level = row.level == Level::agent  ? tr(lang, "客服", "agent")
                        : row.level == Level::shop ? tr(lang, "店铺", "shop")
                                                   : tr(lang, "平台", "platform");
    table.add({level, cells[1], cells[2], cells[3].empty() ? "-" : cells[3], cells[4], cell(row, "sessions"),
               cell(row, "turns"), ratio(row, "reply_rate"), ratio(row, "within_30s_rate"),
               ratio(row, "within_3min_rate"), short_seconds(cell(row, "first_response_p50_s")),
               short_seconds(cell(row, "avg_response_s"))});
  }
  table.print(out);
}

}  // namespace kefu::host::metrics
