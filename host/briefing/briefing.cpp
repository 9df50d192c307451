#include "briefing/briefing.h"

#include "model/catalog.h"

#include <algorithm>
#include <map>

namespace kefu::host::rules {
namespace {

std::map<std::string, const RuleInForce*> by_key(const RuleView& view) {
  std::map<std::string, const RuleInForce*> out;
  for (const RuleInForce& r : view.rules) out[r.rule.key] = &r;
  return out;
}

bool has_penalty(const std::optional<Rule>& r) { return r && !r->penalty.system.empty(); }

// A candidate for the headline: a rule difference that can hurt on TO, scored by the ranking rule.
std::optional<int> rule_score(const RuleChange& c, const char* section) {
  const int weight = category_weight(c.category);
  const std::string_view s = section;
  if (s == "stricter" || s == "only_to") return (has_penalty(c.to) ? 100 : 60) + weight;
  // TO states a penalty line where FROM's rule is unknown: the agent must learn it either way.
  if (s == "unknown" && c.to && c.to->value.known && has_penalty(c.to)) return 100 + weight;
  if (s == "changed" && c.to && c.to->value.known) return 40 + weight;
  return std::nullopt;
}

}  // namespace

int category_weight(const std::string& category) {
  if (category == "服务/响应" || category == "处罚") return 30;
  if (category == "服务时间") return 20;
  if (category == "沟通/引流") return 15;
  if (category == "营销/评价") return 10;
  return 5;
}

RuleSections compare_views(const RuleView& from, const RuleView& to) {
  RuleSections out;
  const auto f = by_key(from), t = by_key(to);
  for (const RuleKeyDef& def : rule_key_catalog()) {
    const std::string key(def.key);
    const auto fi = f.find(key), ti = t.find(key);
    if (fi == f.end() && ti == t.end()) continue;
    RuleChange c{key,
                 std::string(def.category),
                 std::string(def.name_zh),
                 std::string(def.name_en),
                 Verdict::unknown,
                 std::nullopt,
                 std::nullopt,
                 false,
                 false};
    if (fi != f.end()) c.from = fi->second->rule, c.from_inherited = fi->second->inherited;
    if (ti != t.end()) c.to = ti->second->rule, c.to_inherited = ti->second->inherited;
    if (!c.from) {
      (c.to->value.known ? out.only_to : out.unknown).push_back(std::move(c));
    } else if (!c.to) {
      (c.from->value.known ? out.only_from : out.unknown).push_back(std::move(c));
    } else {
      c.verdict = compare_rules(def, *c.from, *c.to);
      switch (c.verdict) {
        case Verdict::stricter:
          out.stricter.push_back(std::move(c));
          break;
        case Verdict::looser:
          out.looser.push_back(std::move(c));
          break;
        case Verdict::changed:
          out.changed.push_back(std::move(c));
          break;
        case Verdict::same:
          out.same.push_back(std::move(c));
          break;
        case Verdict::unknown:
          out.unknown.push_back(std::move(c));
          break;
      }
    }
  }
  for (RuleChange& c : out.only_to) c.verdict = Verdict::stricter;
  for (RuleChange& c : out.only_from) c.verdict = Verdict::looser;
  return out;
}

std::vector<HeadlineItem> rank_headline(const RuleSections& rules, const WordsSection& words, bool scripts_hit) {
  struct Candidate {
    HeadlineItem item;
    std::size_t order;  // catalog position: the tie-break
  };
  std::vector<Candidate> candidates;
  auto catalog_position = [](const std::string& key) {
    const auto catalog = rule_key_catalog();
    return static_cast<std::size_t>(
        std::find_if(catalog.begin(), catalog.end(), [&](const RuleKeyDef& d) { return d.key == key; }) -
        catalog.begin());
  };
  auto consider = [&](const std::vector<RuleChange>& section, const char* name) {
    for (const RuleChange& c : section)
      if (auto score = rule_score(c, name))
        candidates.push_back({{0, *score, "rule", c.key, name}, catalog_position(c.key)});
  };
  consider(rules.stricter, "stricter");
  consider(rules.only_to, "only_to");
  consider(rules.unknown, "unknown");
  consider(rules.changed, "changed");
  if (words.available && words.newly_banned.count > 0)
    candidates.push_back(
        {{0, scripts_hit ? 95 : 75, "words", "words.newly_banned", "words"}, rule_key_catalog().size()});
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.item.score != b.item.score ? a.item.score > b.item.score : a.order < b.order;
  });
  std::vector<HeadlineItem> out;
  for (std::size_t i = 0; i < candidates.size() && i < kHeadlineMax; ++i) {
    out.push_back(candidates[i].item);
    out.back().rank = static_cast<int>(i + 1);
  }
  return out;
}

}  // namespace kefu::host::rules
