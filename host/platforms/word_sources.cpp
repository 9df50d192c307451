#include "platforms/word_sources.h"

#include "base/calendar.h"
#include "model/catalog.h"
#include "platforms/rule_sources.h"

namespace kefu::host::words {

std::vector<CategoryStance> category_stances(const rules::RuleView& view) {
  std::vector<CategoryStance> out;
  for (std::string_view category : term_categories()) {
    const std::string_view key = term_category_rule(category);
    if (key.empty()) continue;
    CategoryStance s{std::string(category), Stance::unknown, std::string(key), "", false, {}};
    for (const rules::RuleInForce& r : view.rules) {
      if (r.rule.key != key) continue;
      s.rule_name = r.rule.native_name;
      s.inherited = r.inherited;
      s.source = r.rule.source;
      if (r.rule.value.known && r.rule.value.type == ValueType::boolean)
        s.stance = r.rule.value.flag ? Stance::banned : Stance::allowed;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<PlatformWords> plugin_word_lists(const PluginRegistry& registry, const std::vector<std::string>& ids) {
  std::vector<PlatformWords> out;
  auto add = [&](const LoadedPlugin& plugin) {
    const std::optional<WordList>* answer = nullptr;
    try {
      answer = &plugin.valid_words();
    } catch (const PluginCallError& e) {
      // Whatever the command does with the lists, without this one its answer would be wrong:
      // a scan would call a banned message clean.
      throw std::runtime_error("the word list of " + plugin.info().id +
                               " could not be loaded, so nothing can be checked against it: " + e.what());
    }
    const std::optional<WordList>& list = *answer;
    if (!list)
      throw std::runtime_error("plugin " + plugin.info().id + " (" + plugin.path() + ") provides no word list");
    // Without its rules (none declared, or an unusable answer) a platform's stance rests on the
    // common set alone: what the law forbids is banned, the rest unknown.
    std::vector<CategoryStance> stances;
    try {
      stances = category_stances(rules::load_rule_view(registry, {plugin.info().id, ""}));
    } catch (const std::exception&) {
      stances = category_stances(rules::rules_in_force(plugin.info().id, {}, rules::common_rule_set(), calendar::today_in_china()));
    }
    out.push_back({plugin.info().id, *list, {}, std::move(stances)});
  };
  if (ids.empty()) {
    for (const auto& p : registry.plugins()) {
      if (p->provides(kCapWords)) add(*p);
    }
    return out;
  }
  for (const std::string& id : ids) add(registry.require(id));
  return out;
}

}  // namespace kefu::host::words
