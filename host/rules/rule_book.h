// The rules of a platform as of a date: the common set every platform inherits (national law,
// compiled into the host) under the platform plugin's own rules, each key at its latest
// version in force.
//
// Why rules are dated per entry instead of shipped as whole snapshots: a platform changes one
// rule at a time (JD moved its assessed hours on 2021-12-01 and nothing else), and each change
// has its own source. A data file that lists a key once per effective date keeps every fact
// next to its source, with no copied snapshot to drift; "the rules on day D" is then a query.
#pragma once

#include <kefu/model.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::rules {

// host/rules/data/common.json: laws and regulations that bind every platform.
const RuleSet& common_rule_set();

struct RuleInForce {
  Rule rule;
  bool inherited = false;  // from the common set
  int versions = 1;        // entries the data holds for this key (> 1: it has changed)
};

struct RuleView {
  std::string platform;            // plugin id
  std::string as_of;               // YYYY-MM-DD the view is for
  std::string data_version;        // the plugin's RuleSet.version
  std::string version;             // latest effective_from among the rules in force ("" when none is dated)
  std::vector<RuleInForce> rules;  // in catalog order
};

// For each key, the entry with the latest effective_from on or before `as_of` (an undated entry
// is in force from the beginning; an entry in force since an unknown date ("unknown") follows
// every dated one, from the date it was read as in force, its source.seen); a platform entry
// replaces the common entry of its key. Entries that take effect after `as_of` are left out.
RuleView rules_in_force(const std::string& platform, const RuleSet& own, const RuleSet& common,
                        const std::string& as_of);

// "jd" or "jd@2021-11-30" (a rule version). Throws std::invalid_argument saying what is wrong.
struct PlatformAt {
  std::string id;
  std::string date;  // empty: today
};
PlatformAt parse_platform_at(std::string_view text);

}  // namespace kefu::host::rules
