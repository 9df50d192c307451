// Wording shared by every report output, so the terminal, Markdown, Excel and HTML say the same.
#include "model/catalog.h"
#include "present/report_render.h"

#include "model/whole_shop.h"

#include <cmath>
#include <cstdio>

namespace kefu::host::report {
namespace {

std::string printf_string(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// 1204 → 1,204
std::string grouped(double v) {
  std::string digits = printf_string("%.0f", std::fabs(v));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return (v < -0.5 ? "-" : "") + digits;
}

std::string_view unit_of(std::string_view metric) {
  const MetricDef* def = find_metric(metric);
  return def ? def->unit : "count";
}

}  // namespace

std::string metric_name(std::string_view metric, Lang lang) {
  const MetricDef* def = find_metric(metric);
  if (!def) return std::string(metric);
  return std::string(lang == Lang::zh ? def->name_zh : def->name_en);
}

std::string platform_name(const std::string& platform, const RenderContext& ctx) {
  // A person's row on several platforms holds them ","-joined (report.h Row::platform).
  if (const auto comma = platform.find(','); comma != std::string::npos)
    return platform_name(platform.substr(0, comma), ctx) + "、" + platform_name(platform.substr(comma + 1), ctx);
  const auto it = ctx.platform_names.find(platform);
  return it == ctx.platform_names.end() ? platform : it->second;
}

std::string view_name(By by, Lang lang) {
  switch (by) {
    case By::agent:
      return tr(lang, "客服", "Agent");
    case By::platform:
      return tr(lang, "平台", "Platform");
    case By::person:
      return tr(lang, "人员", "Person");
    case By::group:
      return tr(lang, "组", "Group");
    case By::shop:
      break;
  }
  return tr(lang, "店铺", "Shop");
}

std::string row_name(const Row& row, const RenderContext& ctx) {
  if (row.total) return tr(ctx.lang, "合计", "Total");
  if (row.shop_id.empty() && row.key == row.platform) return platform_name(row.platform, ctx);  // a platform row
  // kefu/2's row of what no agent held (C5): named in the reader's language, never "(unassigned)".
  const std::string unassigned = std::string(kUnassigned) + " @ ";
  if (row.label.starts_with(unassigned))
    return tr(ctx.lang, "未分配（无客服接待）", "unassigned (no agent held it)") + row.label.substr(unassigned.size() - 3);
  return row.label;
}

std::string scope_name(const std::string& scope, const RenderContext& ctx) {
  if (scope == "global") return tr(ctx.lang, "全局", "global");
  if (scope.starts_with("platform:")) return tr(ctx.lang, "平台 ", "platform ") + platform_name(scope.substr(9), ctx);
  if (scope.starts_with("shop:")) return tr(ctx.lang, "店铺 ", "shop ") + scope.substr(5);
  if (scope.starts_with("group:")) return tr(ctx.lang, "组 ", "group ") + scope.substr(6);
  if (scope.starts_with("person:")) return tr(ctx.lang, "个人 ", "person ") + scope.substr(7);
  return scope;
}

std::string format_value(std::string_view metric, std::optional<double> value, Lang lang) {
  if (!value) return "—";
  const std::string_view unit = unit_of(metric);
  if (unit == "ratio") return printf_string("%.1f%%", *value * 100);
  if (unit == "seconds") return printf_string("%.1f", *value) + tr(lang, "秒", "s");
  return grouped(*value);
}

std::string format_change(std::string_view metric, std::optional<double> change, Lang lang) {
  if (!change) return "";
  const std::string_view unit = unit_of(metric);
  if (unit == "ratio") return printf_string("%+.1fpp", *change * 100);
  if (unit == "seconds") return printf_string("%+.1f", *change) + tr(lang, "秒", "s");
  return (*change >= 0 ? "+" : "") + grouped(*change);
}

std::string format_pct(std::optional<double> change_pct) {
  return change_pct ? printf_string("%+.1f%%", *change_pct * 100) : "";
}

std::optional<bool> change_is_better(std::string_view metric, std::optional<double> change) {
  const MetricDef* def = find_metric(metric);
  if (!def || !change || def->better == Better::neither) return std::nullopt;
  if (std::fabs(*change) < (def->unit == "ratio" ? 0.0005 : 0.05)) return std::nullopt;
  return (*change > 0) == (def->better == Better::higher);
}

std::string status_name(KpiStatus status, Lang lang) {
  switch (status) {
    case KpiStatus::met:
      return tr(lang, "达标", "met");
    case KpiStatus::missed:
      return tr(lang, "未达标", "missed");
    case KpiStatus::none:
      break;
  }
  return "";
}

std::string period_line(const Report& r, Lang lang) {
  std::string s = r.period.label;
  if (r.period.kind != Period::Kind::range)
    s += std::string(tr(lang, "（", " (")) + r.period.from() + tr(lang, " 至 ", " to ") + r.period.to() +
         tr(lang, "）", ")");
  if (r.previous)
    s += std::string(tr(lang, "，对比上期 ", ", compared with ")) + r.previous->label +
         (r.previous->kind == Period::Kind::range
              ? ""
              : std::string(tr(lang, "（", " (")) + r.previous->from() + tr(lang, " 至 ", " to ") + r.previous->to() +
                    tr(lang, "）", ")"));
  return s;
}

std::string anomaly_rule(Lang lang) {
  char buf[1024];
  if (lang == Lang::zh)
    std::snprintf(
        buf, sizeof buf,
        "规则：与该店铺此前 %d 天（至少 %d 天有数据）相比。比率：以近期合并比率 p0=(Σ分子+1)/(Σ分母+2) 为基准，"
        "按当日样本量 n 计算 z=(p−p0)/√(p0(1−p0)/n)；时长：修正 z 分数 0.6745×(当日值−近期中位数)/MAD。"
        "|z| ≥ %.1f 且偏离至少 %.0f 个百分点或 %.0f 秒才算异常；会话或轮次少于 %.0f 的日子不判断。",
        kAnomalyWindow, kAnomalyMinDays, kAnomalyZ, kAnomalyFloorRatio * 100, kAnomalyFloorSeconds, kAnomalyMinBase);
  else
    std::snprintf(
        buf, sizeof buf,
        "Rule: against the shop's previous %d days (at least %d with data). Rates: z = (p - p0) / sqrt(p0(1 - "
        "p0) / n) with the recent pooled rate p0 = (sum num + 1) / (sum den + 2) and the day's own n; times: "
        "modified z = 0.6745 x (value - recent median) / MAD. Unusual when |z| >= %.1f and at least %.0f "
        "percentage points or %.0f seconds away; days over fewer than %.0f segments or turns are not judged.",
        kAnomalyWindow, kAnomalyMinDays, kAnomalyZ, kAnomalyFloorRatio * 100, kAnomalyFloorSeconds, kAnomalyMinBase);
  return buf;
}

std::string format_native(std::string_view format, std::optional<double> value, Lang lang) {
  if (!value) return "—";
  if (format == "percent" || format == "ratio") return printf_string("%.1f%%", *value * 100);
  if (format == "seconds") return printf_string("%.1f", *value) + tr(lang, "秒", "s");
  if (format == "count") return grouped(*value);
  if (format == "amount") return printf_string("%.2f", *value);
  return printf_string("%.6g", *value);
}

std::string format_native_change(std::string_view format, std::optional<double> change, Lang lang) {
  if (!change) return "";
  if (format == "percent" || format == "ratio") return printf_string("%+.1fpp", *change * 100);
  if (format == "seconds") return printf_string("%+.1f", *change) + tr(lang, "秒", "s");
  if (format == "count") return (*change >= 0 ? "+" : "") + grouped(*change);
  return printf_string("%+.2f", *change);
}

std::string mover_rule(Lang lang) {
  char buf[256];
  if (lang == Lang::zh)
    std::snprintf(buf, sizeof buf,
                  "规则：按相对上期变化的绝对值排序（只看有优劣方向的指标，两期都至少 %.0f 个会话或轮次），取前 %d。",
                  kAnomalyMinBase, kMovers);
  else
    std::snprintf(buf, sizeof buf,
                  "Rule: largest |change against the previous period| in %%, on metrics with a better direction, both "
                  "periods over at least %.0f segments or turns; top %d.",
                  kAnomalyMinBase, kMovers);
  return buf;
}

}  // namespace kefu::host::report
