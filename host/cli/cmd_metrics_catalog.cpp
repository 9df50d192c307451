// `kefu metrics catalog`: the canonical metrics, and how each platform's own figures are
// defined against them. The view a supervisor needs before comparing platforms: one block per
// canonical metric, one line per platform, with what differs and whether it compares.
#include "cli/metrics_subcommands.h"
#include "model/catalog.h"
#include "present/text.h"

#include <kefu/json.hpp>

#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

namespace kefu::host {
namespace {

struct Args {
  std::vector<std::string> platforms;
  Format format = Format::table;
} args;  // kefu parses one command line

struct PlatformProfile {
  PlatformInfo info;
  MetricProfile profile;
};

// JSON shapes (docs/metrics.md).
struct PlatformJson {
  std::string id, name_zh, name_en;
  std::vector<NativeMetric> metrics;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("id", s.id);
    v("name_zh", s.name_zh);
    v("name_en", s.name_en);
    v("metrics", s.metrics);
  }
};
struct CatalogJson {
  std::vector<CatalogMetricJson> catalog;
  std::vector<PlatformJson> platforms;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("catalog", s.catalog);
    v("platforms", s.platforms);
  }
};

const char* better_name(Better b) { return b == Better::higher ? "higher" : b == Better::lower ? "lower" : "neither"; }

std::string threshold(double s) {
  if (s <= 0) return "-";
  const long v = static_cast<long>(s);
  return v % 60 == 0 && v >= 60 ? std::to_string(v / 60) + "min" : std::to_string(v) + "s";
}

void print_catalog(std::ostream& out, Lang lang) {
  out << tr(lang, "统一指标（Kefu 从聊天记录按同一口径重算的指标与平台数据对照的基准）\n",
            "Canonical metrics (what Kefu recomputes from chat logs, and what platform figures map to)\n");
  Table table(lang == Lang::zh ? std::vector<std::string>{"指标键", "名称", "单位", "方向", "定义"}
                               : std::vector<std::string>{"key", "name", "unit", "direction", "definition"});
  for (const auto& m : metric_catalog())
    table.add({std::string(m.key), std::string(lang == Lang::zh ? m.name_zh : m.name_en), std::string(m.unit),
               metric_label(lang, better_name(m.better)),
               std::string(lang == Lang::zh ? m.definition_zh : m.definition)});
  table.print(out);
}

// One block per canonical metric any platform maps to: the definition-difference table.
void print_differences(std::ostream& out, const std::vector<PlatformProfile>& profiles, Lang lang) {
  out << '\n' << tr(lang, "各平台口径对照\n", "How each platform defines it\n");
  for (const auto& def : metric_catalog()) {
    Table table(lang == Lang::zh
                    ? std::vector<std::string>{"平台", "平台指标", "计数单位", "考核时段", "机器人回复", "阈值",
                                               "可比性", "目标/处罚线", "来源"}
                    : std::vector<std::string>{"platform", "native metric", "unit", "window", "bot replies",
                                               "threshold", "comparable", "target / penalty", "source"});
    std::vector<std::string> notes;
    for (const auto& p : profiles) {
      for (const auto& m : p.profile.metrics) {
        if (m.canonical_key != def.key) continue;
        table.add({lang == Lang::zh ? p.info.name_zh : p.info.name_en, m.native_name, metric_label(lang, m.unit),
                   m.window, metric_label(lang, m.bot_replies), threshold(m.threshold_s),
                   metric_label(lang, json::detail::enum_name(m.comparability)), m.target.empty() ? "-" : m.target,
                   confidence_label(m.source.confidence, lang)});
        if (!m.comparability_note.empty())
          notes.push_back(p.info.id + " " + m.native_name + ": " +
                          tr(lang, m.comparability_note_zh, m.comparability_note));
      }
    }
    if (notes.empty() && table.empty()) continue;
    out << "\n■ " << def.key << "  " << (lang == Lang::zh ? def.name_zh : def.name_en)
        << "  — Kefu: " << (lang == Lang::zh ? def.definition_zh : def.definition) << '\n';
    table.print(out);
    for (const auto& n : notes) out << "  · " << n << '\n';
  }
  out << '\n' << tr(lang, "没有统一指标对应的平台指标\n", "Platform figures with no canonical metric\n");
  for (const auto& p : profiles)
    for (const auto& m : p.profile.metrics)
      if (m.canonical_key.empty())
        out << "  · " << (lang == Lang::zh ? p.info.name_zh : p.info.name_en) << " " << m.native_name << ": "
            << tr(lang, m.comparability_note_zh, m.comparability_note) << '\n';
}

// Everything one platform says about its metrics, with sources.
void print_platform(std::ostream& out, const PlatformProfile& p, Lang lang) {
  out << '\n' << (lang == Lang::zh ? p.info.name_zh : p.info.name_en) << " (" << p.info.id << ")\n";
  for (const auto& m : p.profile.metrics) {
    out << "\n  " << m.native_name << "  → " << (m.canonical_key.empty() ? "-" : m.canonical_key) << " ["
        << metric_label(lang, json::detail::enum_name(m.comparability)) << "]\n";
    out << "    " << tr(lang, "定义: ", "definition: ") << m.definition << '\n';
    out << "    " << tr(lang, "计数单位: ", "unit: ") << metric_label(lang, m.unit)
        << tr(lang, "  考核时段: ", "  window: ") << m.window << tr(lang, "  机器人回复: ", "  bot replies: ")
        << metric_label(lang, m.bot_replies) << tr(lang, "  阈值: ", "  threshold: ") << threshold(m.threshold_s)
        << '\n';
    if (!m.comparability_note.empty())
      out << "    " << tr(lang, "可比性: ", "comparability: ")
          << tr(lang, m.comparability_note_zh, m.comparability_note) << '\n';
    if (!m.target.empty()) out << "    " << tr(lang, "目标/处罚线: ", "target / penalty: ") << m.target << '\n';
    if (!m.export_columns.empty()) {
      out << "    " << tr(lang, "导出列: ", "export columns: ");
      for (std::size_t i = 0; i < m.export_columns.size(); ++i) out << (i ? " / " : "") << m.export_columns[i];
      out << '\n';
    }
    out << "    " << tr(lang, "来源: ", "source: ") << m.source.title << " ["
        << confidence_label(m.source.confidence, lang) << ", " << source_read_text(m.source, lang) << "]"
        << (m.source.url.empty() ? "" : " " + m.source.url) << '\n';
    if (!m.source.note.empty()) out << "      " << m.source.note << '\n';
  }
}

}  // namespace

void add_metrics_catalog_options(CLI::App& cmd) {
  cmd.add_option("--platform", args.platforms, "Show one platform's profile in full (repeatable)");
  add_format_option(cmd, args.format, {Format::table, Format::json});
}

int run_metrics_catalog(Context& ctx) {
  const Lang lang = ctx.lang();
  const PluginRegistry& registry = ctx.plugins();
  std::vector<PlatformProfile> profiles;
  auto add = [&](const LoadedPlugin& plugin) {
    if (const auto& profile = plugin.valid_profile())
      profiles.push_back({plugin.info(), *profile});
    else if (!args.platforms.empty())
      throw std::runtime_error("plugin " + plugin.info().id + " declares no metric profile");
  };
  if (args.platforms.empty())
    for (const auto& p : registry.plugins()) add(*p);
  else
    for (const auto& id : args.platforms) add(registry.require(id));

  if (args.format == Format::json) {
    CatalogJson out;
    for (const auto& m : metric_catalog()) out.catalog.push_back(catalog_metric_json(m));
    for (const auto& p : profiles)
      out.platforms.push_back({p.info.id, p.info.name_zh, p.info.name_en, p.profile.metrics});
    std::cout << json::write(out) << '\n';
    return kExitOk;
  }
  if (args.platforms.empty()) {
    print_catalog(std::cout, lang);
    print_differences(std::cout, profiles, lang);
  } else {
    for (const auto& p : profiles) print_platform(std::cout, p, lang);
  }
  return kExitOk;
}

CatalogMetricJson catalog_metric_json(const MetricDef& m) {
  return {std::string(m.key),    std::string(m.name_zh),    std::string(m.name_en),      std::string(m.unit),
          better_name(m.better), std::string(m.definition), std::string(m.definition_zh)};
}

std::string metric_label(Lang lang, std::string_view value) {
  static const std::map<std::string_view, std::pair<const char*, const char*>> kLabels = {
      {"message", {"消息", "message"}},
      {"round", {"轮次", "round"}},
      {"session", {"会话", "session"}},
      {"person", {"人", "person"}},
      {"evaluation", {"评价", "evaluation"}},
      {"unknown", {"未知", "unknown"}},
      {"none", {"不计", "none"}},
      {"assist_only", {"人工阶段辅助计入", "assist only"}},
      {"all", {"计入", "all"}},
      {"same", {"相同", "same"}},
      {"convertible", {"可换算", "convertible"}},
      {"not_comparable", {"不可比", "not comparable"}},
      {"higher", {"越高越好", "higher is better"}},
      {"lower", {"越低越好", "lower is better"}},
      {"neither", {"—", "—"}}};
  const auto it = kLabels.find(value);
  if (it == kLabels.end()) return std::string(value);
  return tr(lang, it->second.first, it->second.second);
}

}  // namespace kefu::host
