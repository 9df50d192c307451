// The team's people (`roster` in kefu.json, or a CSV/xlsx file it names): each person with the
// accounts they answer under on each platform — the name in chat logs and the one in a
// platform's export may differ (抖音-小鹿 in the chats, 抖音小店-晓晓 in the export) — their
// team and role, and when each account was theirs. A person who moves platform has one account
// ending (`to`) and another starting (`from`). Documented in docs/report.md.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::config {

// A platform id as kefu.json and the roster write it: [a-z][a-z0-9_]{0,31}, a plugin's id. The
// config is read before any plugin is loaded, so only the form is checked here; an id no loaded
// plugin has is found where the shop's data is asked for.
bool is_platform_id(std::string_view s);
// What a problem says when a platform id is not one.
inline constexpr std::string_view kPlatformIdExpected =
    "expected a plugin id (a-z 0-9 _) such as tmall, jd, douyin, kuaishou, pinduoduo (`kefu plugins` lists the "
    "loaded ones)";

// One name a person answers under on a platform, from `from` to `to` (China days, inclusive).
struct Account {
  std::string platform;
  std::string shop;  // the shop id; empty: any shop of the platform
  std::string name;  // agent_id as in chat logs and exports
  std::optional<std::int32_t> from, to;  // days since 1970-01-01; none: open-ended
  std::string where;  // where it was written: "roster[0].accounts[1]" or "roster.csv:4"

  bool in_force(std::int32_t day) const { return (!from || day >= *from) && (!to || day <= *to); }
};

struct Person {
  std::string id;    // stable key: targets.people.<id>, the report's row key person/<id>
  std::string name;  // display name; the id when not given
  std::string team;  // group/team (A组); the report's --by group
  std::string role;  // free text: 组长, 客服, 新人 ...
  std::vector<Account> accounts;
};

struct Roster {
  std::string file;  // the CSV/xlsx it was read from; empty: inline in kefu.json
  std::vector<Person> people;

  bool empty() const { return people.empty(); }
  const Person* find(std::string_view id) const;
  // Whose account `agent` of `shop` on `platform` is on `day`; nullptr when nobody's.
  const Person* person_of(std::string_view platform, std::string_view shop, std::string_view agent,
                          std::int32_t day) const;
  // Whether `team` is some person's team.
  bool has_team(std::string_view team) const;
};

// The header a roster file starts with (one line per account; a person's id repeats on each of
// their lines, and name/team/role are taken from the first line that gives them).
inline constexpr std::string_view kRosterColumns = "person,name,team,role,platform,shop,account,from,to";

// Reads a roster file (CSV text, UTF-8 or GB18030, or an .xlsx workbook's first sheet). Appends
// one problem per bad line to `problems`, each as "<file>:<line>: what, and what to do".
Roster read_roster_file(const std::string& path, std::vector<std::string>& problems);

// Reads the inline form: "roster": [{"id": ..., "name": ..., "team": ..., "role": ...,
// "accounts": [{"platform": ..., "shop": ..., "names": [...] | "name": ..., "from": ..., "to": ...}]}].
Roster read_roster_json(const rapidjson::Value& list, std::vector<std::string>& problems);

// Checks a read roster (both forms): ids unique, an account held by one person at a time, dates
// in order. Problems use each account's `where`.
void check_roster(const Roster& roster, std::vector<std::string>& problems);

}  // namespace kefu::host::config
