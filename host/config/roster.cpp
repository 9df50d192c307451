#include "config/roster.h"

#include "base/calendar.h"
#include "base/table_text.h"

#include <kefu/toolkit/csv.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace kefu::host::config {
namespace {

using Value = rapidjson::Value;

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

// A date field: empty is open-ended; else YYYY-MM-DD or the problem.
std::optional<std::int32_t> date_field(const std::string& text, const std::string& where, const char* key,
                                       std::vector<std::string>& problems) {
  if (text.empty()) return std::nullopt;
  // An Excel date cell with a date-and-time format reads as "YYYY-MM-DD 00:00:00" (base/xlsx.h).
  const std::string_view day = std::string_view(text).ends_with(" 00:00:00") ? std::string_view(text).substr(0, 10) : text;
  if (const auto d = calendar::parse_day(day)) return *d;
  problems.push_back(where + ": " + key + " \"" + text + "\": expected a date YYYY-MM-DD, or nothing for open-ended");
  return std::nullopt;
}

void check_account(const Account& a, std::vector<std::string>& problems) {
  if (!is_platform_id(a.platform))
    problems.push_back(a.where + ": platform \"" + a.platform +
                       "\": " + std::string(kPlatformIdExpected));
  if (a.name.empty())
    problems.push_back(a.where + ": the account name is missing; give it as it appears in chat logs or exports");
  if (a.from && a.to && *a.to < *a.from)
    problems.push_back(a.where + ": to (" + calendar::format_day(*a.to) + ") is before from (" +
                       calendar::format_day(*a.from) + "); swap them");
}

// Whether two dated spans share a day.
bool overlap(const Account& a, const Account& b) {
  const std::int32_t a0 = a.from.value_or(INT32_MIN), a1 = a.to.value_or(INT32_MAX);
  const std::int32_t b0 = b.from.value_or(INT32_MIN), b1 = b.to.value_or(INT32_MAX);
  return a0 <= b1 && b0 <= a1;
}

}  // namespace

const Person* Roster::find(std::string_view id) const {
  for (const Person& p : people)
    if (p.id == id) return &p;
  return nullptr;
}

const Person* Roster::person_of(std::string_view platform, std::string_view shop, std::string_view agent,
                                std::int32_t day) const {
  for (const Person& p : people)
    for (const Account& a : p.accounts)
      if (a.name == agent && a.platform == platform && (a.shop.empty() || a.shop == shop) && a.in_force(day))
        return &p;
  return nullptr;
}

bool Roster::has_team(std::string_view team) const {
  return std::any_of(people.begin(), people.end(), [&](const Person& p) { return p.team == team; });
}

Roster read_roster_json(const Value& list, std::vector<std::string>& problems) {
  Roster roster;
  if (!list.IsArray()) {
    problems.push_back(
        "roster: expected an array of people [{\"id\": ..., \"team\": ..., \"accounts\": [...]}] or the path of a "
        "roster file (.csv or .xlsx, columns " +
        std::string(kRosterColumns) + ")");
    return roster;
  }
  auto string = [&](const Value& obj, const std::string& path, const char* key) -> std::string {
    const auto it = obj.FindMember(key);
    if (it == obj.MemberEnd()) return "";
    if (!it->value.IsString()) {
      problems.push_back(path + "." + key + ": expected a string");
      return "";
    }
    return it->value.GetString();
  };
  auto only = [&](const Value& obj, const std::string& path, std::initializer_list<std::string_view> keys) {
    for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
      const std::string_view k(it->name.GetString(), it->name.GetStringLength());
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) {
        std::string list;
        for (auto a : keys) list += (list.empty() ? "" : ", ") + std::string(a);
        problems.push_back(path + "." + std::string(k) + ": unknown key; expected one of " + list);
      }
    }
  };
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const std::string path = "roster[" + std::to_string(i) + "]";
    const Value& p = list[i];
    if (!p.IsObject()) {
      problems.push_back(path + ": expected an object {\"id\": ..., \"accounts\": [...]}");
      continue;
    }
    only(p, path, {"id", "name", "team", "role", "accounts"});
    Person person{string(p, path, "id"), string(p, path, "name"), string(p, path, "team"), string(p, path, "role"), {}};
    if (person.id.empty()) problems.push_back(path + ".id: missing; give each person a short stable id (xiaomei)");
    if (person.name.empty()) person.name = person.id;
    const auto accounts = p.FindMember("accounts");
    if (accounts == p.MemberEnd() || !accounts->value.IsArray() || accounts->value.Empty()) {
      problems.push_back(path + ".accounts: expected an array of accounts [{\"platform\": ..., \"shop\": ..., "
                                "\"names\": [...], \"from\": \"YYYY-MM-DD\"}], at least one");
    } else {
      for (rapidjson::SizeType j = 0; j < accounts->value.Size(); ++j) {
        const std::string apath = path + ".accounts[" + std::to_string(j) + "]";
        const Value& a = accounts->value[j];
        if (!a.IsObject()) {
          problems.push_back(apath + ": expected an object");
          continue;
        }
        only(a, apath, {"platform", "shop", "name", "names", "from", "to"});
        Account base{string(a, apath, "platform"), string(a, apath, "shop"), "",
                     date_field(string(a, apath, "from"), apath, "from", problems),
                     date_field(string(a, apath, "to"), apath, "to", problems), apath};
        std::vector<std::string> names;
        if (const std::string n = string(a, apath, "name"); !n.empty()) names.push_back(n);
        if (const auto ns = a.FindMember("names"); ns != a.MemberEnd()) {
          if (!ns->value.IsArray())
            problems.push_back(apath + ".names: expected an array of account names");
          else
            for (const Value& n : ns->value.GetArray()) {
              if (n.IsString() && n.GetStringLength() > 0)
                names.push_back(n.GetString());
              else
                problems.push_back(apath + ".names: expected non-empty strings");
            }
        }
        if (names.empty()) names.push_back("");  // reported as missing by check_account
        for (const std::string& n : names) {
          Account account = base;
          account.name = n;
          person.accounts.push_back(std::move(account));
        }
      }
    }
    roster.people.push_back(std::move(person));
  }
  return roster;
}

Roster read_roster_file(const std::string& path, std::vector<std::string>& problems) {
  Roster roster;
  roster.file = path;
  TableText table;
  try {
    table = read_table_text(path, {});
  } catch (const std::exception& e) {
    problems.push_back(path + ": cannot read the roster file: " + e.what());
    return roster;
  }
  csv::Reader reader(table.decoded.text);
  csv::Record record;
  std::string error;
  std::map<std::string, std::size_t> column;  // header name → index
  std::map<std::string, std::size_t> index;   // person id → position in roster.people
  bool header = true;
  for (csv::Status s; (s = reader.next(record, &error)) != csv::Status::end;) {
    const std::string where = path + ":" + std::to_string(record.line);
    if (s == csv::Status::malformed) {
      problems.push_back(where + ": " + error);
      continue;
    }
    if (header) {
      header = false;
      for (std::size_t i = 0; i < record.fields.size(); ++i) column[trimmed(record.fields[i])] = i;
      for (const char* required : {"person", "platform", "account"})
        if (!column.contains(required))
          problems.push_back(where + ": the header has no \"" + required + "\" column; the roster's columns are " +
                             std::string(kRosterColumns));
      if (!column.contains("person") || !column.contains("platform") || !column.contains("account")) return roster;
      continue;
    }
    auto field = [&](const char* name) {
      const auto c = column.find(name);
      return c == column.end() || c->second >= record.fields.size() ? std::string() : trimmed(record.fields[c->second]);
    };
    const std::string id = field("person");
    if (id.empty()) {
      problems.push_back(where + ": the person column is empty; give the person's id on each of their lines");
      continue;
    }
    auto [at, added] = index.emplace(id, roster.people.size());
    if (added) roster.people.push_back({id, "", "", "", {}});
    Person& person = roster.people[at->second];
    for (auto [key, into] : {std::pair{"name", &person.name}, {"team", &person.team}, {"role", &person.role}}) {
      const std::string v = field(key);
      if (v.empty()) continue;
      if (into->empty())
        *into = v;
      else if (*into != v)
        problems.push_back(where + ": " + key + " \"" + v + "\" differs from \"" + *into + "\" given for " + id +
                           " on an earlier line; a person has one " + key);
    }
    person.accounts.push_back({field("platform"), field("shop"), field("account"),
                               date_field(field("from"), where, "from", problems),
                               date_field(field("to"), where, "to", problems), where});
  }
  for (Person& p : roster.people)
    if (p.name.empty()) p.name = p.id;
  if (header) problems.push_back(path + ": empty; a roster starts with the header line " + std::string(kRosterColumns));
  return roster;
}

void check_roster(const Roster& roster, std::vector<std::string>& problems) {
  std::set<std::string> ids;
  // platform/shop/name → the accounts holding it, to find one name held twice at once.
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::pair<const Person*, const Account*>>>
      holders;
  for (const Person& p : roster.people) {
    if (!p.id.empty() && !ids.insert(p.id).second)
      problems.push_back((p.accounts.empty() ? std::string("roster") : p.accounts.front().where) + ": person \"" +
                         p.id + "\" is listed twice; each person once (their accounts together)");
    for (const Account& a : p.accounts) {
      check_account(a, problems);
      auto& list = holders[{a.platform, a.shop, a.name}];
      for (const auto& [other_person, other] : list)
        if (overlap(a, *other))
          problems.push_back(a.where + ": account " + a.platform + (a.shop.empty() ? "" : "/" + a.shop) + "/" +
                             a.name + " is also " + other_person->id + "'s (" + other->where +
                             ") on the same days; end one with \"to\" before the other's \"from\"");
      list.push_back({&p, &a});
    }
  }
}

bool is_platform_id(std::string_view s) {
  if (s.empty() || s.size() > 32 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace kefu::host::config
