// Where rule views and briefings come from: the loaded plugins (each answer checked against
// the catalog before use) and the common set. Failures name the plugin and what to fix.
#pragma once

#include "briefing/briefing.h"
#include "platforms/registry.h"
#include "rules/rule_book.h"

#include <functional>
#include <string>
#include <vector>

namespace kefu::host::rules {

// The plugin's rules, validated; a plugin without the `rules` capability contributes none (its
// view is the common set alone). Throws std::runtime_error listing every problem in its data.
RuleSet plugin_rule_set(const LoadedPlugin& plugin);

// The rules of `at.id` on `at.date` (today when empty).
RuleView load_rule_view(const PluginRegistry& registry, const PlatformAt& at);

// A platform's merchant word layer (the team's own lists), by platform id.
using MerchantLists = std::function<WordList(const std::string& platform)>;

// The briefing for an agent moving from `from` to `to`, with the script check when
// `script_files` is not empty; each side's words are composed as `kefu scan` composes them:
// common, the platform's own, its merchant layer, then `user` (--words / --allow), each side's
// stances as of its date.
Briefing build_briefing(const PluginRegistry& registry, const PlatformAt& from, const PlatformAt& to,
                        const std::vector<std::string>& script_files, const MerchantLists& merchant,
                        const WordList& user = {});

}  // namespace kefu::host::rules
