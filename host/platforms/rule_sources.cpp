#include "platforms/rule_sources.h"

#include "base/calendar.h"

#include "model/validate.h"
#include "platforms/word_sources.h"

#include <algorithm>
#include <stdexcept>

namespace kefu::host::rules {
namespace {

BriefingSide side_of(const LoadedPlugin& plugin, const RuleView& view) {
  const PlatformInfo& info = plugin.info();
  return {info.id, info.name_zh, info.name_en, view.as_of, view.version, view.data_version};
}

std::optional<MetricProfile> profile_of(const LoadedPlugin& plugin) { return plugin.valid_profile(); }

}  // namespace

RuleSet plugin_rule_set(const LoadedPlugin& plugin) {
  const std::optional<RuleSet>& set = plugin.valid_rules();
  return set ? *set : RuleSet{"", {}};
}

RuleView load_rule_view(const PluginRegistry& registry, const PlatformAt& at) {
  const LoadedPlugin& plugin = registry.require(at.id);
  return rules_in_force(at.id, plugin_rule_set(plugin), common_rule_set(),
                        at.date.empty() ? calendar::today_in_china() : at.date);
}

Briefing build_briefing(const PluginRegistry& registry, const PlatformAt& from, const PlatformAt& to,
                        const std::vector<std::string>& script_files, const MerchantLists& merchant,
                        const WordList& user) {
  const LoadedPlugin& a = registry.require(from.id);
  const LoadedPlugin& b = registry.require(to.id);
  const RuleView from_view = load_rule_view(registry, from), to_view = load_rule_view(registry, to);

  Briefing out;
  out.from = side_of(a, from_view);
  out.to = side_of(b, to_view);
  out.rules = compare_views(from_view, to_view);
  const auto from_profile = profile_of(a), to_profile = profile_of(b);
  out.metrics = pair_metrics(from_profile, to_profile);
  if (!to_profile)
    out.metrics.missing_in = to.id;
  else if (!from_profile)
    out.metrics.missing_in = from.id;

  if (a.provides(kCapWords) && b.provides(kCapWords)) {
    // Labelled by side, not by id, so one platform at two dates works too.
    auto lists = words::plugin_word_lists(registry, {from.id, to.id});
    for (auto& l : lists) l.merchant = merchant(l.id);
    // Each side's stance as of its own date (jd@2021-11-30 is JD's stance then).
    lists[0].stances = words::category_stances(from_view);
    lists[1].stances = words::category_stances(to_view);
    lists[0].id = "from";
    lists[1].id = "to";
    const words::Lexicon lexicon(words::common_word_list(), std::move(lists), user);
    out.words = shift_words(lexicon);
    if (!script_files.empty()) out.scripts = lint_scripts(lexicon, script_files);
  } else {
    out.words.missing_in = a.provides(kCapWords) ? to.id : from.id;
    out.words.unavailable = "plugin " + out.words.missing_in + " provides no word list";
    if (!script_files.empty())
      throw std::runtime_error("--scripts needs the word lists of both platforms: " + out.words.unavailable);
  }
  out.headline = rank_headline(out.rules, out.words, out.scripts && !out.scripts->violations.empty());
  return out;
}

}  // namespace kefu::host::rules
