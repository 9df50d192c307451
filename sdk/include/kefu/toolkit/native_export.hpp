// Importing a platform's customer-service performance export (one row per agent and day, CSV
// with Chinese headers) into metric values, driven by data: the plugin's metric profile says
// which export columns hold which native metric (NativeMetric::export_columns, value_format),
// and an ExportLayout names the agent, day and shop columns.
//
//   kefu::ImportResult import_native(const kefu::ImportRequest& r, std::string_view text) override {
//     return kefu::import_export(text, r, "tmall", profile_, layout_);
//   }
//
// A platform that changed its columns keeps each version (MetricsFile::export_versions; pass
// them all as a vector): a file is read with the version its header matches best, named in the
// notes ("export layout: …").
//
// Columns are found by name, never by position; a name matches after trimming and folding
// full-width brackets and spaces, so "平均响应（秒）" finds "平均响应(秒)". A cell holding one of the
// layout's pending markers (Taobao's 延迟统计) becomes a value the platform has not published yet,
// distinct from zero. An empty or "-" cell is no figure and yields no value. A row whose
// agent, day or any figure cannot be read is rejected whole, with its line and the reason; so is
// a row with a negative figure, or one written nan, inf or 1e5 (figures are plain decimals).
#pragma once

#include <kefu/json.hpp>
#include <kefu/model.hpp>
#include <kefu/toolkit/csv.hpp>
#include <kefu/toolkit/dates.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kefu {

// A metric's columns in one version of the export, where they differ from the metric's own
// export_columns (a platform renamed 平均响应时长(秒) to 平均人工响应时长, say).
struct ExportColumns {
  std::string native_name;           // the metric, as in the profile
  std::vector<std::string> columns;  // its column in this version; the first present is used

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("native_name", s.native_name);
    v("columns", s.columns);
  }
};

struct ExportLayout {
  // The version's name, shown when a file is read with it (e.g. 咚咚 客服绩效（2024 版）).
  std::string name;
  std::vector<std::string> agent_columns;    // e.g. 客服昵称, 旺旺; the first present is used
  std::vector<std::string> day_columns;      // e.g. 日期; none present: ImportRequest::day is used
  std::vector<std::string> shop_columns;     // e.g. 店铺名称; none present: ImportRequest::shop_id
  std::vector<std::string> pending_markers;  // e.g. 延迟统计
  std::vector<std::string> total_markers;    // agent cells of a whole-shop row, e.g. 合计, 汇总
  // Agent cells of summary rows that are nobody's figures, e.g. 均值, 平均 (since SDK 1.6):
  // skipped, and counted in the import's notes.
  std::vector<std::string> summary_markers;
  std::string note;                          // where these column names come from
  // This version's names of metric columns, replacing those metrics' export_columns.
  std::vector<ExportColumns> columns;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("name", s.name);
    v("agent_columns", s.agent_columns);
    v("day_columns", s.day_columns);
    v("shop_columns", s.shop_columns);
    v("pending_markers", s.pending_markers);
    v("total_markers", s.total_markers);
    v("summary_markers", s.summary_markers);
    v("note", s.note);
    v("columns", s.columns);
  }
};

// A plugin's metrics data file (embedded with kefu_embed): its profile and its export layout.
struct MetricsFile {
  std::vector<NativeMetric> metrics;
  ExportLayout export_layout;
  std::vector<ChatLayout> chat_layouts;  // since SDK 1.6: the platform's chat-record exports
  // Other versions of the export (a platform changes its columns): a file is read with the
  // version whose header it matches best, `export` first on a tie, and the notes name it.
  std::vector<ExportLayout> export_versions;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("metrics", s.metrics);
    v("export", s.export_layout);
    v("chat_layouts", s.chat_layouts);
    v("export_versions", s.export_versions);
  }
  MetricProfile profile() const { return MetricProfile{metrics, chat_layouts}; }
  // The export's versions, `export` first.
  std::vector<ExportLayout> export_layouts() const {
    std::vector<ExportLayout> all{export_layout};
    all.insert(all.end(), export_versions.begin(), export_versions.end());
    return all;
  }
};

namespace native_export {

// The header cell as compared: trimmed, full-width brackets and colon folded, spaces removed.
inline std::string fold_header(std::string_view s) {
  static constexpr std::pair<std::string_view, std::string_view> kFold[] = {
      {"\xEF\xBC\x88", "("}, {"\xEF\xBC\x89", ")"}, {"\xEF\xBC\x9A", ":"}, {"\xE3\x80\x80", ""}, {" ", ""}, {"\t", ""}};
  std::string out(s);
  for (const auto& [from, to] : kFold)
    for (std::size_t at; (at = out.find(from)) != std::string::npos;) out.replace(at, from.size(), to);
  return out;
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A decimal number, "1,234.5" thousands separators allowed (groups of exactly three digits,
// so a decimal comma like "94,2" is refused, not misread), scaled by 10^exponent10 in the text
// so that "35.20" with -2 is the double nearest 0.352, not 35.2/100.
inline std::optional<double> number(std::string_view s, int exponent10 = 0) {
  std::string digits;
  const std::size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  if (whole.find(',') != std::string_view::npos) {
    std::size_t group = 0;
    bool first = true;
    for (std::size_t i = whole.size(); i-- > 0;) {
      if (whole[i] == ',') {
        if (group != 3) return std::nullopt;
        group = 0;
        first = false;
        continue;
      }
      ++group;
    }
    if (group == 0 || group > 3 || first) return std::nullopt;
  }
  for (char c : s)
    if (c != ',') digits += c;
  // Digits, one point and a leading minus only: from_chars would also take "nan", "inf" and
  // "1e400", none of which a figure in an export is.
  const std::size_t first = !digits.empty() && digits[0] == '-' ? 1 : 0;
  if (digits.size() == first || digits.find_first_not_of("0123456789.", first) != std::string::npos ||
      std::count(digits.begin(), digits.end(), '.') > 1)
    return std::nullopt;
  if (exponent10 != 0) digits += "e" + std::to_string(exponent10);
  double v = 0;
  const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (r.ec != std::errc() || r.ptr != digits.data() + digits.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

inline bool strip_suffix(std::string_view& s, std::string_view suffix) {
  if (s.size() < suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
  s.remove_suffix(suffix.size());
  return true;
}

// A figure in the metric's value_format: percent ("85.5%" or "85.5" → 0.855), ratio (0.855),
// seconds ("12.5", "12.5秒", "1分5秒", "00:01:05"), count, amount (yuan, "¥1,234.50").
inline std::optional<double> parse_value(std::string_view cell, std::string_view format) {
  std::string_view s = trim(cell);
  if (format == "percent") {
    strip_suffix(s, "%") || strip_suffix(s, "\xEF\xBC\x85");
    return number(trim(s), -2);
  }
  if (format == "seconds") {
    if (s.find(':') != std::string_view::npos) {  // hh:mm:ss or mm:ss
      double total = 0;
      for (std::string_view rest = s;;) {
        const std::size_t colon = rest.find(':');
        const auto part = number(rest.substr(0, colon));
        if (!part) return std::nullopt;
        total = total * 60 + *part;
        if (colon == std::string_view::npos) return total;
        rest.remove_prefix(colon + 1);
      }
    }
    if (const std::size_t minute = s.find("\xE5\x88\x86"); minute != std::string_view::npos) {  // 分
      const auto m = number(s.substr(0, minute));
      std::string_view sec = s.substr(minute + 3);
      strip_suffix(sec, "\xE7\xA7\x92");  // 秒
      const auto v = sec.empty() ? std::optional<double>(0) : number(sec);
      return m && v ? std::optional<double>(*m * 60 + *v) : std::nullopt;
    }
    strip_suffix(s, "\xE7\xA7\x92") || strip_suffix(s, "s");
    return number(trim(s));
  }
  if (format == "minutes") {  // 2.5 or 2.5分钟 / 2.5分 / 2.5min → seconds
    strip_suffix(s, "\xE5\x88\x86\xE9\x92\x9F") || strip_suffix(s, "\xE5\x88\x86") || strip_suffix(s, "min");
    const auto m = number(trim(s));
    return m ? std::optional<double>(*m * 60) : std::nullopt;
  }
  if (format == "amount") {
    if (s.starts_with("\xC2\xA5"))
      s.remove_prefix(2);  // ¥
    else if (s.starts_with("\xEF\xBF\xA5"))
      s.remove_prefix(3);             // ￥
    strip_suffix(s, "\xE5\x85\x83");  // 元
    return number(s);
  }
  return number(s);  // count, ratio
}

// YYYY-MM-DD from 2026-11-16, 2026/11/16, 2026/1/6, 20261116, 2026年11月16日 (a time after
// the date is ignored).
inline std::optional<std::string> parse_day(std::string_view cell) {
  std::string_view s = trim(cell);
  int part[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  int field = 0;
  if (s.size() >= 8 && std::all_of(s.begin(), s.begin() + 8, [](char c) { return c >= '0' && c <= '9'; }) &&
      (s.size() == 8 || s[8] == ' ')) {
    for (int i = 0; i < 8; ++i)
      part[i < 4 ? 0 : i < 6 ? 1 : 2] = part[i < 4 ? 0 : i < 6 ? 1 : 2] * 10 + (s[static_cast<std::size_t>(i)] - '0');
  } else {
    for (std::size_t i = 0; i < s.size() && field < 3; ++i) {
      const char c = s[i];
      if (c >= '0' && c <= '9') {
        part[field] = part[field] * 10 + (c - '0');
        if (++digits[field] > 4) return std::nullopt;
        continue;
      }
      if (digits[field] == 0) return std::nullopt;
      if (c == ' ' || c == 'T') break;
      ++field;
      if (c == '-' || c == '/' || c == '.') continue;
      if (s.substr(i, 3) == "\xE5\xB9\xB4" || s.substr(i, 3) == "\xE6\x9C\x88" || s.substr(i, 3) == "\xE6\x97\xA5") {
        i += 2;  // 年 月 日
        continue;
      }
      return std::nullopt;
    }
    if (digits[0] != 4 || digits[1] == 0 || digits[2] == 0) return std::nullopt;
  }
  if (part[1] < 1 || part[1] > 12 || part[2] < 1 || part[2] > dates::days_in_month(part[0], part[1]))
    return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", part[0], part[1], part[2]);
  return std::string(buf);
}

inline std::string describe_format(std::string_view format) {
  if (format == "percent") return "a percentage such as 85.5%";
  if (format == "seconds") return "seconds such as 12.5, 1分5秒 or 00:01:05";
  if (format == "amount") return "an amount such as 1,234.50";
  if (format == "minutes") return "minutes such as 2.5 or 2.5分钟";
  return "a number";
}

inline bool contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// The metric's column names in this version of the export.
inline const std::vector<std::string>& export_columns_of(const NativeMetric& m, const ExportLayout& layout) {
  for (const ExportColumns& c : layout.columns)
    if (c.native_name == m.native_name) return c.columns;
  return m.export_columns;
}

// How well a header (cells as fold_header left them) fits a version: its agent column first,
// then how many metric columns it finds.
inline std::pair<bool, int> fit(const std::vector<std::string>& header, const MetricProfile& profile,
                                const ExportLayout& layout) {
  auto has = [&](const std::vector<std::string>& names) {
    return std::any_of(names.begin(), names.end(), [&](const std::string& n) {
      return std::find(header.begin(), header.end(), fold_header(n)) != header.end();
    });
  };
  int metrics = 0;
  for (const auto& m : profile.metrics) metrics += has(export_columns_of(m, layout)) ? 1 : 0;
  return {has(layout.agent_columns), metrics};
}

}  // namespace native_export

// Reads `text` (UTF-8; the host decodes GBK exports before they get here).
inline ImportResult import_export(std::string_view text, const ImportRequest& request, std::string_view platform,
                                  const MetricProfile& profile, const ExportLayout& layout) {
  using namespace native_export;
  ImportResult result;
  csv::Reader reader(text);
  csv::Record record;
  std::string error;
  if (reader.next(record, &error) != csv::Status::record)
    throw std::runtime_error(request.file_name + ": empty file, or its first line is not a header");
  std::vector<std::string> header;
  for (auto cell : record.fields) header.push_back(fold_header(cell));
  auto find_column = [&](const std::vector<std::string>& names) -> int {
    for (const auto& name : names) {
      const auto it = std::find(header.begin(), header.end(), fold_header(name));
      if (it != header.end()) return static_cast<int>(it - header.begin());
    }
    return -1;
  };
  auto names_of = [](const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : " / ") + n;
    return out;
  };
  const int agent_col = find_column(layout.agent_columns);
  const int day_col = find_column(layout.day_columns);
  const int shop_col = find_column(layout.shop_columns);
  if (agent_col < 0)
    throw std::runtime_error(request.file_name + ": no agent column (expected " + names_of(layout.agent_columns) + ")");
  if (day_col < 0 && request.day.empty())
    throw std::runtime_error(request.file_name + ": no day column (" + names_of(layout.day_columns) +
                             "); give the export's day with --day YYYY-MM-DD");
  if (shop_col < 0 && request.shop_id.empty())
    throw std::runtime_error(request.file_name + ": the export does not name its shop; give it with --shop ID");

  struct MetricColumn {
    int column;
    const NativeMetric* metric;
  };
  std::vector<MetricColumn> columns;
  std::vector<bool> used(header.size(), false);
  for (int c : {agent_col, day_col, shop_col})
    if (c >= 0) used[static_cast<std::size_t>(c)] = true;
  for (const auto& m : profile.metrics) {
    const int c = find_column(export_columns_of(m, layout));
    if (c >= 0) {
      columns.push_back({c, &m});
      used[static_cast<std::size_t>(c)] = true;
    }
  }
  if (columns.empty()) throw std::runtime_error(request.file_name + ": no column of the export names a known metric");
  std::string ignored;
  for (std::size_t c = 0; c < header.size(); ++c)
    if (!used[c] && !header[c].empty()) ignored += (ignored.empty() ? "" : ", ") + header[c];
  if (!ignored.empty()) result.notes.push_back("columns not mapped to a metric: " + ignored);

  std::optional<std::string> fixed_day;
  if (day_col < 0) {
    fixed_day = parse_day(request.day);
    if (!fixed_day) throw std::runtime_error("--day " + request.day + ": expected YYYY-MM-DD");
  }
  std::vector<std::pair<std::string, int>> summaries_seen;  // marker → rows skipped, in first-seen order
  auto count_summary = [&](const std::string& marker) {
    for (auto& [name, n] : summaries_seen)
      if (name == marker) return void(++n);
    summaries_seen.emplace_back(marker, 1);
  };
  for (csv::Status status; (status = reader.next(record, &error)) != csv::Status::end;) {
    ++result.rows_read;
    auto reject = [&](const std::string& reason) {
      result.rejects.push_back({record.line, reason, std::string(record.raw)});
    };
    if (status == csv::Status::malformed) {
      reject(error);
      continue;
    }
    if (record.fields.size() != header.size()) {
      reject(std::to_string(record.fields.size()) + " fields, the header has " + std::to_string(header.size()));
      continue;
    }
    auto cell = [&](int c) { return trim(record.fields[static_cast<std::size_t>(c)]); };
    if (!json::is_valid_utf8(record.raw)) {  // the host decoded the file: a stray byte is the row's
      reject("invalid UTF-8 in the row (is the export in another encoding? try --encoding gbk)");
      continue;
    }
    std::string agent(cell(agent_col));
    if (contains(layout.summary_markers, agent)) {  // 均值: nobody's figures, said in the notes
      count_summary(agent);
      continue;
    }
    if (contains(layout.total_markers, agent))
      agent.clear();  // the whole shop's row
    else if (agent.empty()) {
      reject("empty agent cell");
      continue;
    }
    const auto day = fixed_day ? fixed_day : parse_day(cell(day_col));
    if (!day) {
      reject("day \"" + std::string(cell(day_col)) + "\" is not a date");
      continue;
    }
    const std::string shop = shop_col >= 0 && !cell(shop_col).empty() ? std::string(cell(shop_col)) : request.shop_id;
    if (shop.empty()) {
      reject("empty shop cell");
      continue;
    }

    std::vector<MetricValue> values;
    std::string bad;
    for (const auto& [c, metric] : columns) {
      const std::string_view v = cell(c);
      if (v.empty() || v == "-" || v == "--" || v == "/") continue;  // no figure
      MetricValue value{std::string(platform),
                        shop,
                        agent,
                        *day,
                        metric->canonical_key.empty() ? metric->native_name : metric->canonical_key,
                        metric->native_name,
                        0,
                        Availability::available,
                        "native_export"};
      if (contains(layout.pending_markers, v)) {
        value.availability = Availability::pending;
      } else if (const auto parsed = parse_value(v, metric->value_format)) {
        if (std::signbit(*parsed)) {  // no figure of a service export is below zero
          bad = header[static_cast<std::size_t>(c)] + " \"" + std::string(v) + "\": a negative figure; expected " +
                describe_format(metric->value_format) + ", zero or more";
          break;
        }
        value.value = *parsed;
      } else {
        bad = header[static_cast<std::size_t>(c)] + " \"" + std::string(v) + "\": expected " +
              describe_format(metric->value_format);
        break;
      }
      values.push_back(std::move(value));
    }
    if (!bad.empty()) {
      reject(bad);
      continue;
    }
    std::move(values.begin(), values.end(), std::back_inserter(result.values));
  }
  for (const auto& [name, n] : summaries_seen)
    result.notes.push_back("summary rows skipped (" + name + ", declared by the plugin as nobody's figures): " +
                           std::to_string(n));
  return result;
}

// Reads `text` with the version of the export (`layouts`, the plugin's first) whose header it
// matches best; when there are several, the notes name the version used.
inline ImportResult import_export(std::string_view text, const ImportRequest& request, std::string_view platform,
                                  const MetricProfile& profile, const std::vector<ExportLayout>& layouts) {
  using namespace native_export;
  if (layouts.empty()) throw std::runtime_error(request.file_name + ": the plugin declares no export layout");
  if (layouts.size() == 1) return import_export(text, request, platform, profile, layouts.front());
  csv::Reader reader(text);
  csv::Record record;
  std::vector<std::string> header;
  if (reader.next(record) == csv::Status::record)
    for (auto cell : record.fields) header.push_back(fold_header(cell));
  const ExportLayout* best = &layouts.front();
  std::pair<bool, int> best_fit = fit(header, profile, *best);
  for (const ExportLayout& l : layouts)
    if (const auto f = fit(header, profile, l); f > best_fit) best = &l, best_fit = f;
  ImportResult result = import_export(text, request, platform, profile, *best);
  result.notes.insert(result.notes.begin(),
                      "export layout: " + (best->name.empty() ? std::string("(unnamed)") : best->name));
  return result;
}

}  // namespace kefu
