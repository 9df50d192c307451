#include "rules/rule_book.h"

#include "base/calendar.h"
#include "model/catalog.h"
#include "model/validate.h"

#include <kefu/json.hpp>

#include <chrono>
#include <map>
#include <stdexcept>

namespace kefu::embedded {
std::string_view common_rules_json();  // host/rules/data/common.json, compiled in by kefu_embed
}

namespace kefu::host::rules {
namespace {

// Where an entry sorts among a key's versions: "" (from the beginning) first, then the dated
// ones, then "unknown" (in force now, begun after every dated one).
int rank(const Rule& r) { return r.effective_from.empty() ? 0 : r.effective_from == kEffectiveUnknown ? 2 : 1; }

bool later_or_same(const Rule& a, const Rule& b) {
  return rank(a) != rank(b) ? rank(a) > rank(b) : a.effective_from >= b.effective_from;
}

// Whether `r` is in force on `as_of`. A rule in force since an unknown date is known to be in
// force from the day it was read so (source.seen); before that the dated versions answer.
bool begun(const Rule& r, const std::string& as_of) {
  if (r.effective_from == kEffectiveUnknown) return r.source.seen <= as_of;
  return r.effective_from.empty() || r.effective_from <= as_of;
}

// Picks, per key, the latest entry in force on `as_of`.
std::map<std::string, RuleInForce> latest_per_key(const RuleSet& set, const std::string& as_of, bool inherited) {
  std::map<std::string, RuleInForce> out;
  std::map<std::string, int> versions;
  for (const Rule& r : set.rules) {
    ++versions[r.key];
    if (!begun(r, as_of)) continue;
    auto [it, inserted] = out.try_emplace(r.key, RuleInForce{r, inherited, 1});
    if (!inserted && later_or_same(r, it->second.rule)) it->second.rule = r;
  }
  for (auto& [key, r] : out) r.versions = versions[key];
  return out;
}

}  // namespace

const RuleSet& common_rule_set() {
  static const RuleSet set = json::read<RuleSet>(embedded::common_rules_json(), "host/rules/data/common.json");
  return set;
}

RuleView rules_in_force(const std::string& platform, const RuleSet& own, const RuleSet& common,
                        const std::string& as_of) {
  RuleView view{platform, as_of, own.version, "", {}};
  auto merged = latest_per_key(common, as_of, true);
  for (auto& [key, r] : latest_per_key(own, as_of, false)) merged.insert_or_assign(key, std::move(r));
  // Catalog order, so every view (and so every diff) lists the keys the same way.
  for (const RuleKeyDef& def : rule_key_catalog()) {
    const auto it = merged.find(std::string(def.key));
    if (it == merged.end()) continue;
    if (it->second.rule.effective_from != kEffectiveUnknown && it->second.rule.effective_from > view.version)
      view.version = it->second.rule.effective_from;
    view.rules.push_back(std::move(it->second));
  }
  return view;
}

PlatformAt parse_platform_at(std::string_view text) {
  const std::size_t at = text.find('@');
  PlatformAt p{std::string(text.substr(0, at)), at == std::string_view::npos ? "" : std::string(text.substr(at + 1))};
  if (p.id.empty())
    throw std::invalid_argument("\"" + std::string(text) + "\": expected a platform id, e.g. tmall or jd@2021-11-30");
  if (at != std::string_view::npos && !calendar::is_iso_date(p.date))
    throw std::invalid_argument("\"" + std::string(text) +
                                "\": the part after @ must be a date, YYYY-MM-DD (e.g. jd@2021-11-30)");
  return p;
}

}  // namespace kefu::host::rules
