#include "cli/cmd_catalog.h"

#include "cli/metrics_subcommands.h"  // metric_label, catalog_metric_json
#include "model/catalog.h"
#include "present/text.h"

#include <kefu/json.hpp>

#include <CLI/CLI.hpp>

#include <iostream>

namespace kefu::host {
namespace {

// JSON shapes of `kefu catalog --format json` (docs/plugin-guide.md, "The catalog").
struct RuleKeyJson {
  std::string key, category, name_zh, name_en;
  ValueType type = ValueType::text;
  std::string unit;  // what a known value's `number` holds
  Strictness strictness = Strictness::none;
  std::vector<std::string> levels;  // enum only, loosest first
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("key", s.key);
    v("category", s.category);
    v("name_zh", s.name_zh);
    v("name_en", s.name_en);
    v("type", s.type);
    v("unit", s.unit);
    v("strictness", s.strictness);
    v("levels", s.levels);
  }
};
struct TermCategoryJson {
  std::string category;
  std::string rule_key;  // the rule whose value is a platform's stance on the category; "" none
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("category", s.category);
    v("rule_key", s.rule_key);
  }
};
struct CatalogJson {
  std::vector<std::string> rule_categories;
  std::vector<RuleKeyJson> rule_keys;
  std::vector<CatalogMetricJson> metric_keys;
  std::vector<TermCategoryJson> term_categories;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("rule_categories", s.rule_categories);
    v("rule_keys", s.rule_keys);
    v("metric_keys", s.metric_keys);
    v("term_categories", s.term_categories);
  }
};

struct Args {
  std::string kind;  // rules | metrics | terms; "" all
  Format format = Format::table;
} args;  // kefu parses one command line

// What a rule value's `number` means for each type (docs/rules.md, the value model).
std::string number_unit(ValueType type) {
  switch (type) {
    case ValueType::duration:
      return "seconds";
    case ValueType::percentage:
      return "percent";
    case ValueType::count:
      return "count";
    case ValueType::time_window:
      return "hours";
    case ValueType::boolean:
    case ValueType::enumeration:
    case ValueType::text:
      break;
  }
  return "";
}

std::vector<std::string> split_levels(std::string_view levels) {
  std::vector<std::string> out;
  while (!levels.empty()) {
    const std::size_t comma = std::min(levels.find(','), levels.size());
    out.emplace_back(levels.substr(0, comma));
    levels.remove_prefix(std::min(comma + 1, levels.size()));
  }
  return out;
}

// The stricter side in the words of the key's type: for an enum, a value further along its levels;
// for a time window, one that covers more of the day (model/catalog.h).
std::string stricter_side(const RuleKeyJson& k, Lang lang) {
  if (k.strictness == Strictness::higher_is_stricter && k.type == ValueType::enumeration)
    return tr(lang, "越靠后越严", "later value is stricter");
  if (k.strictness == Strictness::higher_is_stricter && k.type == ValueType::time_window)
    return tr(lang, "覆盖时段越长越严", "longer window is stricter");
  return strictness_label(k.strictness, lang);
}

CatalogJson build_catalog() {
  CatalogJson out;
  for (std::string_view c : rule_categories()) out.rule_categories.emplace_back(c);
  for (const RuleKeyDef& d : rule_key_catalog())
    out.rule_keys.push_back({std::string(d.key), std::string(d.category), std::string(d.name_zh),
                             std::string(d.name_en), d.type, number_unit(d.type), d.strictness,
                             split_levels(d.levels)});
  for (const MetricDef& m : metric_catalog()) out.metric_keys.push_back(catalog_metric_json(m));
  for (std::string_view c : term_categories())
    out.term_categories.push_back({std::string(c), std::string(term_category_rule(c))});
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : " < ") + s;
  return out;
}

void print_rule_keys(const CatalogJson& c, Lang lang) {
  std::cout << tr(lang, "规则键（rules.json 的 key；值的类型和更严的一侧由键决定）\n",
                  "Rule keys (rules.json `key`; the key fixes the value's type and its stricter side)\n");
  Table table({tr(lang, "键", "key"), tr(lang, "类别", "category"), tr(lang, "名称", "name"), tr(lang, "类型", "type"),
               tr(lang, "number 的单位", "number in"), tr(lang, "更严的一侧", "stricter side"),
               tr(lang, "取值（宽→严）", "values (loosest first)")});
  for (const RuleKeyJson& k : c.rule_keys)
    table.add({k.key, k.category, lang == Lang::zh ? k.name_zh : k.name_en, std::string(enum_name(k.type)),
               k.unit.empty() ? "—" : k.unit, stricter_side(k, lang), k.levels.empty() ? "—" : joined(k.levels)});
  table.print(std::cout);
}

void print_metric_keys(const CatalogJson& c, Lang lang) {
  std::cout << tr(lang, "指标键（metrics.json 的 canonical；导出列映射到的统一指标）\n",
                  "Metric keys (metrics.json `canonical`; what export columns map to)\n");
  Table table({tr(lang, "键", "key"), tr(lang, "名称", "name"), tr(lang, "单位", "unit"), tr(lang, "方向", "better"),
               tr(lang, "定义", "definition")});
  for (const CatalogMetricJson& m : c.metric_keys)
    table.add({m.key, lang == Lang::zh ? m.name_zh : m.name_en, m.unit, metric_label(lang, m.better),
               lang == Lang::zh ? m.definition_zh : m.definition});
  table.print(std::cout);
}

void print_term_categories(const CatalogJson& c, Lang lang) {
  std::cout << tr(lang, "词条类别（words.txt 的类别；平台对该类的立场取自哪条规则）\n",
                  "Word categories (words.txt; the rule that gives a platform's stance on each)\n");
  Table table({tr(lang, "类别", "category"), tr(lang, "立场取自规则", "stance from rule")});
  for (const TermCategoryJson& t : c.term_categories)
    table.add({t.category, t.rule_key.empty()
                               ? tr(lang, "（无：按各词条自己的来源）", "(none: each entry's own source)")
                               : t.rule_key});
  table.print(std::cout);
}

}  // namespace

void add_catalog_options(CLI::App& cmd, ConfigPaths&) {
  cmd.add_option("--kind", args.kind, "only one part: rules | metrics | terms")
      ->check(CLI::IsMember({"rules", "metrics", "terms"}));
  add_format_option(cmd, args.format, {Format::table, Format::json});
}

int run_catalog(Context& ctx, const CLI::App&) {
  CatalogJson c = build_catalog();
  if (!args.kind.empty()) {
    if (args.kind != "rules") c.rule_keys.clear(), c.rule_categories.clear();
    if (args.kind != "metrics") c.metric_keys.clear();
    if (args.kind != "terms") c.term_categories.clear();
  }
  if (args.format == Format::json) {
    std::cout << json::write(c) << '\n';
    return kExitOk;
  }
  const Lang lang = ctx.lang();
  bool first = true;
  const auto gap = [&] { std::cout << (first ? "" : "\n"), first = false; };
  if (!c.rule_keys.empty()) gap(), print_rule_keys(c, lang);
  if (!c.metric_keys.empty()) gap(), print_metric_keys(c, lang);
  if (!c.term_categories.empty()) gap(), print_term_categories(c, lang);
  return kExitOk;
}

}  // namespace kefu::host
