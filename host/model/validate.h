// Checks that model objects a plugin returned are well-formed and honest: keys the catalog
// knows, a source on every fact, values within their types. Each function returns the list of
// problems, each naming the object ("rules[3] service.hours: ..."); empty means valid.
#pragma once

#include <kefu/model.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace kefu::host {

std::vector<std::string> validate_identity(const PlatformInfo& info);
std::vector<std::string> validate_source(const Source& source, const std::string& where);
std::vector<std::string> validate_rules(const RuleSet& rules);
std::vector<std::string> validate_words(const WordList& words);
std::vector<std::string> validate_metric_profile(const MetricProfile& profile);
// A metric's `computation` (SDK 1.5; validate_computation.cpp); `where` names the metric. None
// is valid: the plugin predates SDK 1.5.
std::vector<std::string> validate_computation(const NativeMetric& metric, const std::string& where);

// A chat-log layout (SDK 1.6; validate_chat_layout.cpp); `where` names it ("chat_layouts[0]").
// A plugin's layout must carry its source and may leave the platform to the plugin's id; a
// team's (kefu.json, --layout) must fix its platform or read it from a column.
enum class LayoutOrigin { plugin, team };
std::vector<std::string> validate_chat_layout(const ChatLayout& layout, const std::string& where, LayoutOrigin origin);

}  // namespace kefu::host
