// How rules and the rotation briefing read for people: terminal text that fits 100 columns
// and Markdown ready for a team wiki or a DingTalk/WeCom doc. JSON is the structs themselves
// (kefu/json.hpp), so it is not here.
#pragma once

#include "briefing/briefing.h"
#include "model/catalog.h"
#include "present/text.h"
#include "rules/rule_book.h"

#include <ostream>
#include <string>

namespace kefu::host {

inline constexpr std::size_t kTextWidth = 100;

// A rule value for people: "3分钟", "8:00-23:00", "只算人工", "未知".
std::string rule_value_text(const RuleKeyDef* def, const RuleValue& value, Lang lang);
std::string rule_name(const RuleKeyDef* def, const std::string& key, Lang lang);

void print_rule_view_text(const rules::RuleView& view, const PlatformInfo& info, Lang lang, std::ostream& out);
void print_rule_view_markdown(const rules::RuleView& view, const PlatformInfo& info, Lang lang, std::ostream& out);

void print_briefing_text(const rules::Briefing& briefing, Lang lang, std::ostream& out);
void print_briefing_markdown(const rules::Briefing& briefing, Lang lang, std::ostream& out);

}  // namespace kefu::host
