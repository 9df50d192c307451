#include "present/metrics_output.h"

#include "base/calendar.h"
#include "base/output_file.h"

#include <kefu/json.hpp>

#include <cstdio>

namespace kefu::host::metrics {
namespace {

using u128 = unsigned __int128;

std::string u128_text(u128 v) {
  char buf[48];
  char* p = buf + sizeof buf;
  do *--p = static_cast<char>('0' + static_cast<int>(v % 10)); while (v /= 10);
  return std::string(p, buf + sizeof buf);
}

std::string percent(std::int64_t num, std::int64_t den) {
  if (den == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(num) / static_cast<double>(den));
  return buf;
}

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

std::int64_t nearest_rank(const std::vector<std::int64_t>& sorted, int p) {
  const std::size_t n = sorted.size();
  const std::size_t k = (static_cast<std::size_t>(p) * n + 99) / 100;  // ceil(p·n/100)
  return sorted[std::max<std::size_t>(k, 1) - 1];
}

std::vector<std::string> metric_cells(const MetricRow& row) {
  const GroupStats& s = row.stats;
  const auto n = static_cast<std::int64_t>(s.first_response_ms.size());
  __int128 first_sum = 0;  // int64 could overflow: many first responses of decades
  for (auto v : s.first_response_ms) first_sum += v;
  auto seconds = [](std::int64_t ms) { return decimal6(ms, 1000); };
  return {level_name(row.level),
          row.platform,
          row.shop_id,
          row.agent_id,
          format_day(row.day),
          std::to_string(s.sessions),
          std::to_string(s.turns),
          std::to_string(s.answered_turns),
          std::to_string(s.replied_sessions),
          std::to_string(s.within_30s_sessions),
          std::to_string(s.within_3min_turns),
          std::to_string(n),
          n ? decimal6(first_sum, n * 1000) : "",
          n ? seconds(nearest_rank(s.first_response_ms, 50)) : "",
          n ? seconds(nearest_rank(s.first_response_ms, 90)) : "",
          s.answered_turns ? decimal6(s.response_ms_sum, s.answered_turns * 1000) : "",
          decimal6(s.replied_sessions, s.sessions),
          decimal6(s.within_30s_sessions, s.sessions),
          decimal6(s.within_3min_turns, s.turns)};
}

void write_csv(std::ostream& out, const std::vector<MetricRow>& rows) {
  std::string line;
  for (const char* c : kMetricColumns) {
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
      w.Key(kMetricColumns[c]);
      if (c < 5) w.String(cells[c].data(), static_cast<rapidjson::SizeType>(cells[c].size()));
      else if (cells[c].empty()) w.Null();
      else w.RawValue(cells[c].data(), cells[c].size(), rapidjson::kNumberType);
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
                  : std::vector<std::string>{"level", "platform", "shop", "agent", "day", "sessions", "turns",
                                             "reply", "30s", "3min", "first p50 (s)", "avg resp (s)"});
  for (const auto& row : rows) {
    const auto cells = metric_cells(row);
    const GroupStats& s = row.stats;
    auto short_seconds = [](const std::string& v) { return v.empty() ? std::string("-") : v.substr(0, v.size() - 5); };
    const char* level = row.level == Level::agent ? tr(lang, "客服", "agent")
                        : row.level == Level::shop ? tr(lang, "店铺", "shop")
                                                   : tr(lang, "平台", "platform");
    table.add({level, cells[1], cells[2], cells[3].empty() ? "-" : cells[3], cells[4], cells[5], cells[6],
               percent(s.replied_sessions, s.sessions), percent(s.within_30s_sessions, s.sessions),
               percent(s.within_3min_turns, s.turns), short_seconds(cells[13]), short_seconds(cells[15])});
  }
  table.print(out);
}

}  // namespace kefu::host::metrics
