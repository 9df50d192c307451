// The host's canonical vocabulary: metric keys, rule keys and categories every plugin maps to.
// Plugins may only use keys listed here (the conformance check enforces it), so a report or a
// diff can line the platforms up on one schema.
#pragma once

#include <kefu/model.hpp>

#include <cstddef>
#include <span>
#include <string_view>

namespace kefu::host {

enum class Better { higher, lower, neither };

// A canonical metric's catalog row: what it means. How the host recomputes it from chat logs
// is its computation in the canonical metric table (metrics/canonical.h).
struct MetricDef {
  std::string_view key;  // kefu::metric::*
  std::string_view name_zh;
  std::string_view name_en;
  // count | seconds | ratio | amount (yuan, a total) | average_amount (yuan per customer, a mean)
  std::string_view unit;
  Better better;
  std::string_view definition;  // English
  std::string_view definition_zh;
};

// A canonical rule key fixes the value's type and which side is stricter, so every platform's
// value under that key compares the same way. For a time window, "higher" means it covers more
// of the day; for an enum, a value further along `levels` (its allowed values, comma-separated,
// loosest first) is stricter.
struct RuleKeyDef {
  std::string_view key;
  std::string_view category;  // one of rule_categories()
  std::string_view name_zh;
  std::string_view name_en;
  ValueType type;
  Strictness strictness;
  std::string_view levels = {};  // enum only: allowed values, loosest first
};

std::span<const MetricDef> metric_catalog();
std::span<const RuleKeyDef> rule_key_catalog();
std::span<const std::string_view> rule_categories();
std::span<const std::string_view> term_categories();

const MetricDef* find_metric(std::string_view key);
// Whether a period's figure is the sum of its days (counts, amounts) rather than a ratio or mean.
bool is_total(const MetricDef& def);
const RuleKeyDef* find_rule_key(std::string_view key);
bool is_rule_category(std::string_view category);
// Position of an enum value in the key's levels (0 = loosest); -1 when it is not listed.
int enum_level(const RuleKeyDef& def, std::string_view value);
bool is_term_category(std::string_view category);
// The rule key whose value says whether a platform forbids what a term category names
// (引流/站外联系 → conduct.offplatform_diversion); empty for a category no rule governs.
std::string_view term_category_rule(std::string_view category);
// A term category's place in the order categories hurt in chat — diversion and review cashback
// are said to customers every day, absolute terms matter more in product copy: 引流/站外联系,
// 好评返现/虚假交易, 辱骂/不文明, 广告法极限词, 医疗功效, 其他; a team's own categories after them.
std::size_t term_category_rank(std::string_view category);

}  // namespace kefu::host
