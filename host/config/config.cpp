#include "config/config.h"
#include "config/json_checks.h"

#include "base/calendar.h"
#include "base/file.h"
#include "config/trust.h"
#include "model/catalog.h"
#include "model/validate.h"

#include <kefu/json.hpp>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace kefu::host::config {
namespace {

namespace fs = std::filesystem;
using Value = rapidjson::Value;

std::string joined(std::initializer_list<std::string_view> names) {
  std::string s;
  for (auto n : names) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

// Collects problems with the path of the key they are about, so one run names them all.
class Checker {
 public:
  std::vector<std::string> problems;

  void problem(const std::string& path, const std::string& what) { problems.push_back(path + ": " + what); }

  bool object(const Value& v, const std::string& path) {
    if (v.IsObject()) return true;
    problem(path, "expected an object {...}");
    return false;
  }

  void only_keys(const Value& obj, const std::string& path, std::initializer_list<std::string_view> allowed) {
    for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
      const std::string_view key(it->name.GetString(), it->name.GetStringLength());
      bool known = false;
      for (auto a : allowed) known = known || a == key;
      if (!known) problem(child(path, key), "unknown key; expected one of " + joined(allowed));
    }
  }

  std::string string(const Value& obj, const std::string& path, const char* key, bool required) {
    const auto it = obj.FindMember(key);
    if (it == obj.MemberEnd()) {
      if (required) problem(child(path, key), "missing; it is required");
      return "";
    }
    if (!it->value.IsString()) {
      problem(child(path, key), "expected a string");
      return "";
    }
    return it->value.GetString();
  }

  static std::string child(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
  }
};

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Hand-written checks, not std::regex: its matcher recurses per character and exhausts the
// stack on long input (a megabyte endpoint).
bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

// [a-z0-9][a-z0-9_-]{0,63}
bool is_update_name(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(lower(s[0]) || digit(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return lower(c) || digit(c) || c == '_' || c == '-'; });
}

// [0-9a-f]{64}
bool is_sha256_hex(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return digit(c) || (c >= 'a' && c <= 'f'); });
}

// Contains secret, session, token or password, in any case.
bool looks_like_secret(std::string_view key) {
  std::string folded(key);
  for (char& c : folded) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (std::string_view word : {"secret", "session", "token", "password"})
    if (folded.find(word) != std::string::npos) return true;
  return false;
}

// A flat object of strings (a shop's API settings). Secrets do not belong here.
std::map<std::string, std::string> read_strings(const Value& v, const std::string& path, Checker& c) {
  std::map<std::string, std::string> out;
  if (!c.object(v, path)) return out;
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
    const std::string key = it->name.GetString();
    if (!it->value.IsString()) {
      c.problem(path + "." + key, "expected a string");
      continue;
    }
    if (looks_like_secret(key)) {
      c.problem(
          path + "." + key,
          "looks like a credential: credentials go in the environment or the 0600 secrets file, never in the config");
      continue;
    }
    out[key] = it->value.GetString();
  }
  return out;
}

// An API gateway: https, or plain http only to this machine (a local test server).
// https://HOST[/PATH] with no space in HOST, or http://(127.0.0.1|localhost|[::1])[:PORT][/PATH];
// no line break anywhere.
bool acceptable_endpoint(std::string_view url) {
  if (url.find_first_of("\r\n") != std::string_view::npos) return false;
  auto path_ok = [](std::string_view rest) { return rest.empty() || rest[0] == '/'; };
  if (url.starts_with("https://")) {
    const std::string_view rest = url.substr(8);
    const std::string_view host = rest.substr(0, rest.find('/'));
    return !host.empty() && std::none_of(host.begin(), host.end(), space);
  }
  if (!url.starts_with("http://")) return false;
  std::string_view rest = url.substr(7);
  for (std::string_view host : {"127.0.0.1", "localhost", "[::1]"}) {
    if (!rest.starts_with(host)) continue;
    rest.remove_prefix(host.size());
    if (rest.starts_with(':')) {
      std::size_t n = 1;
      while (n < rest.size() && digit(rest[n])) ++n;
      if (n == 1) return false;
      rest.remove_prefix(n);
    }
    return path_ok(rest);
  }
  return false;
}

// "words": {"tmall": ["lists/tmall.txt", ...]}: the merchant's word lists per platform.
void read_word_files(const Value& words, Checker& c, Config& config) {
  if (!c.object(words, "words")) return;
  for (auto it = words.MemberBegin(); it != words.MemberEnd(); ++it) {
    const std::string platform = it->name.GetString(), path = "words." + platform;
    if (!is_platform_id(platform)) c.problem(path, "expected a plugin id such as tmall as the key");
    if (!it->value.IsArray()) {
      c.problem(path, "expected an array of word-file paths, e.g. [\"lists/tmall.txt\"]");
      continue;
    }
    for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
      const Value& f = it->value[i];
      if (!f.IsString() || f.GetStringLength() == 0)
        c.problem(path + "[" + std::to_string(i) + "]", "expected a word-file path");
      else
        config.word_files[platform].push_back(f.GetString());
    }
  }
}

// "closings": ["不用了", ...]: the team's own closing courtesies, added to Kefu's list (C2).
// Whether an entry folds to nothing is checked where the list is built (words::ClosingList).
void read_closings(const Value& closings, Checker& c, Config& config) {
  if (!closings.IsArray()) {
    c.problem("closings", "expected an array of phrases, e.g. [\"不用了\", \"没别的了\"]");
    return;
  }
  for (rapidjson::SizeType i = 0; i < closings.Size(); ++i) {
    const Value& e = closings[i];
    if (!e.IsString() || e.GetStringLength() == 0)
      c.problem("closings[" + std::to_string(i) + "]", "expected a non-empty phrase");
    else
      config.closings.push_back(e.GetString());
  }
}

// "chat_layouts": [{...} | "file.json"]: the team's chat-export layouts (docs/data-in.md), each
// inline or a layout file (relative to the config's folder), checked as a plugin's would be,
// the problems named by their path in the config.
void read_chat_layouts(const Value& list, const std::string& file, Checker& c, Config& config) {
  if (!list.IsArray()) {
    c.problem("chat_layouts",
              "expected an array of layouts, each {\"id\": ..., \"columns\": {...}} or a layout file's path "
              "(docs/data-in.md)");
    return;
  }
  std::set<std::string> ids;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    std::string path = "chat_layouts[" + std::to_string(i) + "]";
    ChatLayout layout;
    // The SDK reader names the key as "$.columns.ts"; the config names it from its own top.
    auto problem_of = [&](const json::ParseError& e) {
      std::string what = e.what();
      if (const auto at = what.find(": $"); at != std::string::npos) what = path + what.substr(at + 3);
      c.problems.push_back(what);
    };
    if (list[i].IsString()) {
      fs::path f = list[i].GetString();
      if (f.is_relative()) f = (fs::path(file).parent_path() / f).lexically_normal();
      path += " (" + f.string() + ")";
      const auto text = read_whole_file(f.string());
      if (!text) {
        c.problem(path, "cannot read the layout file (missing or unreadable)");
        continue;
      }
      try {
        layout = json::read<ChatLayout>(*text, path);
      } catch (const json::ParseError& e) {
        problem_of(e);
        continue;
      }
    } else {
      if (!c.object(list[i], path)) continue;
      c.only_keys(list[i], path,
                  {"id", "name", "columns", "values", "senders", "events", "transfer_content_prefixes", "time_format",
                   "source"});
      try {
        json::detail::Reader(path).value(list[i], layout);
      } catch (const json::ParseError& e) {
        problem_of(e);
        continue;
      }
    }
    for (auto& p : validate_chat_layout(layout, path, LayoutOrigin::team)) c.problems.push_back(std::move(p));
    if (!layout.id.empty() && !ids.insert(layout.id).second)
      c.problem(path + ".id", "\"" + layout.id + "\" is used twice; each layout once");
    config.chat_layouts.push_back(std::move(layout));
  }
}

void read_updates(const Value& list, Checker& c, Config& config) {
  if (!list.IsArray()) {
    c.problem("updates", "expected an array [{\"name\": ..., \"kind\": \"words\", \"platform\": ..., \"url\": ...}]");
    return;
  }
  std::set<std::string> names;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const std::string path = "updates[" + std::to_string(i) + "]";
    if (!c.object(list[i], path)) continue;
    c.only_keys(list[i], path, {"name", "kind", "platform", "url", "sha256"});
    UpdateSource u{c.string(list[i], path, "name", true), c.string(list[i], path, "kind", true),
                   c.string(list[i], path, "platform", true), c.string(list[i], path, "url", true),
                   c.string(list[i], path, "sha256", false)};
    if (!u.name.empty() && !is_update_name(u.name))
      c.problem(path + ".name", "\"" + u.name + "\": expected 1-64 characters of a-z, 0-9, - and _ (it names a file)");
    if (!u.name.empty() && !names.insert(u.name).second) c.problem(path + ".name", "\"" + u.name + "\" is used twice");
    if (u.kind == "rules")
      c.problem(path + ".kind",
                "rule packs are not read by kefu (a team's rules are not the platform's); only word lists, kind words");
    else if (!u.kind.empty() && u.kind != "words")
      c.problem(path + ".kind", "expected words");
    if (!u.platform.empty() && !is_platform_id(u.platform))
      c.problem(path + ".platform", std::string(kPlatformIdExpected));
    if (!u.url.empty() && !acceptable_endpoint(u.url))
      c.problem(path + ".url", "expected an https:// URL (plain http only to 127.0.0.1 or localhost)");
    if (!u.sha256.empty() && !is_sha256_hex(u.sha256))
      c.problem(path + ".sha256", "expected 64 lower-case hex digits (sha256sum's output)");
    config.updates.push_back(std::move(u));
  }
}

void read_shops(const Value& shops, Checker& c, Config& config) {
  if (!shops.IsArray()) {
    c.problem("shops", "expected an array of shops [{\"id\": ..., \"platform\": ...}]");
    return;
  }
  std::set<std::string> seen;
  for (rapidjson::SizeType i = 0; i < shops.Size(); ++i) {
    const std::string path = "shops[" + std::to_string(i) + "]";
    if (!c.object(shops[i], path)) continue;
    c.only_keys(shops[i], path, {"id", "platform", "name", "group", "api"});
    Shop shop{c.string(shops[i], path, "id", true),
              c.string(shops[i], path, "platform", true),
              c.string(shops[i], path, "name", false),
              c.string(shops[i], path, "group", false),
              {}};
    if (shops[i].HasMember("id") && shop.id.empty())
      c.problem(path + ".id", "is empty; give the shop id used in its data");
    if (!shop.id.empty() && !seen.insert(shop.id).second)
      c.problem(path + ".id", "\"" + shop.id + "\" is listed twice; each shop once");
    if (!shop.platform.empty() && !is_platform_id(shop.platform))
      c.problem(path + ".platform",
                "\"" + shop.platform + "\": " + std::string(kPlatformIdExpected));
    if (shop.name.empty()) shop.name = shop.id;
    if (shops[i].HasMember("api")) shop.api = read_strings(shops[i]["api"], path + ".api", c);
    config.shops.push_back(std::move(shop));
  }
}

std::string metric_keys() {
  std::string s;
  for (const MetricDef& m : metric_catalog())
    if (m.better != Better::neither) s += (s.empty() ? "" : ", ") + std::string(m.key);
  return s;
}

// One metric → target map; the catalog says which metrics can have one and in what unit.
std::map<std::string, double> read_targets(const Value& v, const std::string& path, Checker& c) {
  std::map<std::string, double> targets;
  if (!c.object(v, path)) return targets;
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
    const std::string metric = it->name.GetString();
    const std::string where = path + "." + metric;
    const MetricDef* def = find_metric(metric);
    if (!def) {
      c.problem(where, "not a canonical metric; targets can be set on " + metric_keys());
      continue;
    }
    if (def->better == Better::neither) {
      c.problem(
          where,
          "a volume with no better direction; a target on it can be neither met nor missed. Targets can be set on " +
              metric_keys());
      continue;
    }
    if (!it->value.IsNumber()) {
      c.problem(where, "expected a number");
      continue;
    }
    const double t = it->value.GetDouble();
    if (def->unit == "ratio" && (t < 0 || t > 1))
      c.problem(where, "expected a ratio between 0 and 1 (95% is 0.95), got " + number(t));
    else if (t < 0)
      c.problem(where, def->unit.ends_with("amount") ? "expected an amount in yuan >= 0"
                                                     : "expected a number of " + std::string(def->unit) + " >= 0");
    else
      targets[metric] = t;
  }
  return targets;
}

// One set's levels: global, platforms, groups, shops, people (groups and people need the shops
// and the roster read first).
void read_target_levels(const Value& v, const std::string& path, Checker& c, Config& config, TargetSet& set) {
  auto level = [&](const char* name, TargetSet::Level& into, auto&& check_key) {
    if (!v.HasMember(name) || !c.object(v[name], path + "." + name)) return;
    for (auto it = v[name].MemberBegin(); it != v[name].MemberEnd(); ++it) {
      const std::string key = it->name.GetString(), where = path + "." + name + "." + key;
      check_key(key, where);
      into[key] = read_targets(it->value, where, c);
    }
  };
  if (v.HasMember("global")) set.global = read_targets(v["global"], path + ".global", c);
  level("platforms", set.platforms, [&](const std::string& platform, const std::string& where) {
    if (!is_platform_id(platform)) c.problem(where, std::string(kPlatformIdExpected));
  });
  level("groups", set.groups, [&](const std::string& group, const std::string& where) {
    if (!config.has_group(group))
      c.problem(where, "not a group of shops[] (\"group\") nor a team of the roster; add it there first");
  });
  level("shops", set.shops, [&](const std::string& shop, const std::string& where) {
    if (!config.find_shop(shop)) c.problem(where, "not a shop listed in shops[]; add it there first (id and platform)");
  });
  level("people", set.people, [&](const std::string& person, const std::string& where) {
    if (!config.roster.find(person))
      c.problem(where, "not a person of the roster; add them to \"roster\" first (their id, team and accounts)");
  });
}

std::optional<std::int32_t> target_date(const Value& v, const std::string& path, const char* key, Checker& c) {
  if (!v.HasMember(key)) return std::nullopt;
  const auto day = v[key].IsString() ? calendar::parse_day(v[key].GetString()) : std::nullopt;
  if (!day) c.problem(path + "." + key, "expected a date \"YYYY-MM-DD\"");
  return day;
}

// "targets": {...} (one set, in force from the beginning) or [{"from": ..., "to": ..., ...}, ...].
void read_target_section(const Value& targets, Checker& c, Config& config) {
  if (targets.IsObject()) {
    c.only_keys(targets, "targets", {"global", "platforms", "groups", "shops", "people"});
    TargetSet set;
    set.path = "targets";
    read_target_levels(targets, "targets", c, config, set);
    config.target_sets.push_back(std::move(set));
    return;
  }
  if (!targets.IsArray()) {
    c.problem("targets",
              "expected an object {\"global\": ..., \"platforms\": ...} or a dated list [{\"from\": \"YYYY-MM-DD\", "
              "\"global\": ...}, ...]");
    return;
  }
  for (rapidjson::SizeType i = 0; i < targets.Size(); ++i) {
    const std::string path = "targets[" + std::to_string(i) + "]";
    if (!c.object(targets[i], path)) continue;
    c.only_keys(targets[i], path, {"from", "to", "global", "platforms", "groups", "shops", "people"});
    TargetSet set;
    set.path = path;
    set.from = target_date(targets[i], path, "from", c);
    set.to = target_date(targets[i], path, "to", c);
    if (!targets[i].HasMember("from"))
      c.problem(path + ".from", "missing; give the first day the targets apply (YYYY-MM-DD)");
    if (set.from && set.to && *set.to < *set.from) c.problem(path + ".to", "is before from; swap them");
    read_target_levels(targets[i], path, c, config, set);
    config.target_sets.push_back(std::move(set));
  }
}

// "roster": [...] inline, or "people.csv" / "people.xlsx" (relative to the config's folder).
void read_roster(const Value& v, const std::string& file, Checker& c, Config& config) {
  if (v.IsString()) {
    fs::path f = v.GetString();
    if (f.is_relative()) f = (fs::path(file).parent_path() / f).lexically_normal();
    config.roster = read_roster_file(f.string(), c.problems);
  } else {
    config.roster = read_roster_json(v, c.problems);
  }
  check_roster(config.roster, c.problems);
}

// "scorecard": {"metrics": [{"metric": ..., "weight": ..., "floor": ..., "target": ...}]}.
void read_scorecard(const Value& v, Checker& c, Config& config) {
  if (!c.object(v, "scorecard")) return;
  c.only_keys(v, "scorecard", {"metrics"});
  if (!v.HasMember("metrics") || !v["metrics"].IsArray() || v["metrics"].Empty()) {
    c.problem("scorecard.metrics",
              "expected an array [{\"metric\": \"reply_rate\", \"weight\": 40, \"floor\": 0.9}, ...], at least one");
    return;
  }
  const Value& list = v["metrics"];
  std::set<std::string> seen;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const std::string path = "scorecard.metrics[" + std::to_string(i) + "]";
    if (!c.object(list[i], path)) continue;
    c.only_keys(list[i], path, {"metric", "weight", "floor", "target"});
    ScoreMetric m;
    m.metric = c.string(list[i], path, "metric", true);
    const MetricDef* def = find_metric(m.metric);
    if (!m.metric.empty() && (!def || def->better == Better::neither)) {
      c.problem(path + ".metric", "\"" + m.metric + "\": a scorecard scores metrics with a better direction: " +
                                      metric_keys());
      continue;
    }
    if (!m.metric.empty() && !seen.insert(m.metric).second)
      c.problem(path + ".metric", "\"" + m.metric + "\" is scored twice; give it once with its whole weight");
    auto num = [&](const char* key, bool required) -> std::optional<double> {
      if (!list[i].HasMember(key)) {
        if (required) c.problem(path + "." + key, "missing; it is required");
        return std::nullopt;
      }
      if (!list[i][key].IsNumber()) {
        c.problem(path + "." + key, "expected a number");
        return std::nullopt;
      }
      return list[i][key].GetDouble();
    };
    const auto weight = num("weight", true), floor = num("floor", true);
    m.target = num("target", false);
    if (weight && *weight <= 0) c.problem(path + ".weight", "expected a weight above 0");
    m.weight = weight.value_or(0);
    m.floor = floor.value_or(0);
    // The rule's numbers are in the metric's unit, as targets are (95% is 0.95).
    for (auto [key, v] : {std::pair<const char*, std::optional<double>>{"floor", floor}, {"target", m.target}})
      if (def && v && (def->unit == "ratio" ? (*v < 0 || *v > 1) : *v < 0))
        c.problem(path + "." + key, def->unit == "ratio" ? "expected a ratio between 0 and 1 (95% is 0.95), got " + number(*v)
                                                         : "expected a number >= 0, got " + number(*v));
    const bool higher = def && def->better == Better::higher;
    if (def && floor && m.target && (higher ? *m.target <= m.floor : *m.target >= m.floor))
      c.problem(path + ".floor", std::string("expected the floor ") + (higher ? "below" : "above") + " the target (" +
                                     number(*m.target) + "): points run from 0 at the floor to 100 at the target");
    if (def && !m.target && std::none_of(config.target_sets.begin(), config.target_sets.end(),
                                  [&](const TargetSet& s) { return s.global.contains(m.metric); }))
      c.problem(path + ".target",
                "missing, and no targets.global." + m.metric + " to fall back on; give the target points reach 100 at");
    config.scorecard.metrics.push_back(std::move(m));
  }
}

}  // namespace

ConfigError::ConfigError(const std::string& file, std::vector<std::string> problems)
    : std::runtime_error([&] {
        std::string m =
            file + ": " + std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems");
        for (const auto& p : problems) m += "\n  " + p;
        return m;
      }()),
      problems_(std::move(problems)) {}

const Shop* Config::find_shop(std::string_view id) const {
  for (const Shop& s : shops)
    if (s.id == id) return &s;
  return nullptr;
}

bool Config::has_group(std::string_view group) const {
  if (group.empty()) return false;
  return roster.has_team(group) || std::any_of(shops.begin(), shops.end(), [&](const Shop& s) { return s.group == group; });
}

std::optional<Target> Config::target_for(std::string_view metric, const TargetSubject& who,
                                         std::optional<std::int32_t> day) const {
  const std::string m(metric);
  // One level: of the sets in force, the latest `from` wins (a later entry on a tie).
  auto pick = [&](auto&& values_of, const char* scope, const char* level, const std::string& key) -> std::optional<Target> {
    const TargetSet* best = nullptr;
    double value = 0;
    for (const TargetSet& set : target_sets) {
      if (day && !set.in_force(*day)) continue;
      const std::map<std::string, double>* values = values_of(set);
      if (!values || !values->contains(m)) continue;
      if (!best || set.from.value_or(INT32_MIN) >= best->from.value_or(INT32_MIN)) best = &set, value = values->at(m);
    }
    if (!best) return std::nullopt;
    Target t{value, key.empty() ? std::string(scope) : std::string(scope) + ":" + key,
             best->path + "." + level + (key.empty() ? "" : "." + key) + "." + m,
             best->from ? calendar::format_day(*best->from) : "", best->to ? calendar::format_day(*best->to) : ""};
    return t;
  };
  auto in = [](const TargetSet::Level& level, const std::string& key) -> const std::map<std::string, double>* {
    const auto it = level.find(key);
    return it == level.end() ? nullptr : &it->second;
  };
  if (!who.person.empty())
    if (auto t = pick([&](const TargetSet& s) { return in(s.people, who.person); }, "person", "people", who.person)) return t;
  if (!who.shop.empty())
    if (auto t = pick([&](const TargetSet& s) { return in(s.shops, who.shop); }, "shop", "shops", who.shop)) return t;
  if (!who.group.empty())
    if (auto t = pick([&](const TargetSet& s) { return in(s.groups, who.group); }, "group", "groups", who.group)) return t;
  if (!who.platform.empty())
    if (auto t = pick([&](const TargetSet& s) { return in(s.platforms, who.platform); }, "platform", "platforms",
                      who.platform))
      return t;
  return pick([](const TargetSet& s) { return &s.global; }, "global", "global", "");
}

std::optional<Target> Config::target_for(std::string_view metric, std::string_view platform, std::string_view shop_id,
                                         std::optional<std::int32_t> day) const {
  const Shop* shop = shop_id.empty() ? nullptr : find_shop(shop_id);
  return target_for(metric, {std::string(platform), shop ? shop->group : "", std::string(shop_id), ""}, day);
}

Config parse_config(std::string_view json, const std::string& file) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());  // no recursion on [[[[
  if (doc.HasParseError())
    throw ConfigError(file, {"not valid JSON at " + line_column(json, doc.GetErrorOffset()) + ": " +
                             rapidjson::GetParseError_En(doc.GetParseError())});
  if (const auto twice = first_duplicate_key(doc))
    throw ConfigError(
        file, {*twice + ": the key is given twice in one object; keep one (JSON readers disagree on which wins)"});
  Checker c;
  Config config;
  config.path = file;
  if (!c.object(doc, "(top level)")) throw ConfigError(file, c.problems);
  c.only_keys(doc, "",
              {"version", "store", "secrets", "api", "http", "updates", "words", "closings", "explain", "shops",
               "targets", "chat_layouts", "utc_offset", "roster", "scorecard"});
  if (doc.HasMember("explain") && c.object(doc["explain"], "explain")) {
    const Value& e = doc["explain"];
    c.only_keys(e, "explain", {"keep_days", "messages"});
    auto whole = [&](const char* key, int most, const char* what, int& into) {
      if (!e.HasMember(key)) return;
      if (!e[key].IsInt() || e[key].GetInt() < 0 || e[key].GetInt() > most)
        c.problem(std::string("explain.") + key,
                  "expected a whole number from 0 to " + std::to_string(most) + " (" + what + ")");
      else
        into = e[key].GetInt();
    };
    whole("keep_days", 36500, "days; 0 keeps no findings or messages", config.explain.keep_days);
    whole("messages", 100, "last messages per session", config.explain.messages);
  }
  if (doc.HasMember("updates")) read_updates(doc["updates"], c, config);
  if (doc.HasMember("http") && c.object(doc["http"], "http")) {
    const Value& h = doc["http"];
    c.only_keys(h, "http", {"connect_timeout_s", "timeout_s", "attempts", "ca_bundle"});
    auto seconds = [&](const char* key, double& into) {
      if (!h.HasMember(key)) return;
      if (!h[key].IsNumber() || h[key].GetDouble() <= 0 || h[key].GetDouble() > 3600)
        c.problem(std::string("http.") + key, "expected seconds, more than 0 and at most 3600");
      else
        into = h[key].GetDouble();
    };
    seconds("connect_timeout_s", config.http.connect_timeout_s);
    seconds("timeout_s", config.http.timeout_s);
    if (h.HasMember("attempts")) {
      if (!h["attempts"].IsInt() || h["attempts"].GetInt() < 1 || h["attempts"].GetInt() > 10)
        c.problem("http.attempts", "expected a whole number of tries from 1 to 10");
      else
        config.http.attempts = h["attempts"].GetInt();
    }
    config.http.ca_bundle = c.string(h, "http", "ca_bundle", false);
  }
  if (doc.HasMember("version") && (!doc["version"].IsInt() || doc["version"].GetInt() != 1))
    c.problem("version", "expected 1 (the only config version this kefu reads)");
  config.store = c.string(doc, "", "store", false);
  config.secrets = c.string(doc, "", "secrets", false);
  if (doc.HasMember("api") && c.object(doc["api"], "api")) {
    for (auto it = doc["api"].MemberBegin(); it != doc["api"].MemberEnd(); ++it) {
      const std::string platform = it->name.GetString(), path = "api." + platform;
      if (!c.object(it->value, path)) continue;
      c.only_keys(it->value, path, {"endpoint"});
      const std::string endpoint = c.string(it->value, path, "endpoint", false);
      if (!endpoint.empty() && !acceptable_endpoint(endpoint))
        c.problem(path + ".endpoint", "\"" + endpoint +
                                          "\": expected an https:// URL (plain http only to 127.0.0.1 or localhost); "
                                          "TLS verification is never turned off");
      else if (!endpoint.empty())
        config.endpoints[platform] = endpoint;
    }
  }
  if (doc.HasMember("words")) read_word_files(doc["words"], c, config);
  if (doc.HasMember("closings")) read_closings(doc["closings"], c, config);
  if (doc.HasMember("chat_layouts")) read_chat_layouts(doc["chat_layouts"], file, c, config);
  if (doc.HasMember("utc_offset")) {
    const auto offset =
        doc["utc_offset"].IsString() ? calendar::parse_utc_offset(doc["utc_offset"].GetString()) : std::nullopt;
    if (!offset)
      c.problem("utc_offset",
                "expected an offset such as \"+08:00\" (China time, the default) or \"-05:00\": chat-log times "
                "written without one are read at it");
    else
      config.utc_offset_ms = *offset;
  }
  if (doc.HasMember("shops")) read_shops(doc["shops"], c, config);
  if (doc.HasMember("roster")) read_roster(doc["roster"], file, c, config);
  if (doc.HasMember("targets")) read_target_section(doc["targets"], c, config);
  if (doc.HasMember("scorecard")) read_scorecard(doc["scorecard"], c, config);
  if (!c.problems.empty()) throw ConfigError(file, c.problems);
  std::vector<std::string*> paths{&config.store, &config.secrets, &config.http.ca_bundle};
  for (auto& [platform, files] : config.word_files)
    for (std::string& f : files) paths.push_back(&f);
  for (std::string* path : paths)
    // A store given as a URL (postgresql://..., docs/scale.md) is not a path: kept as written.
    if (!path->empty() && fs::path(*path).is_relative() && path->find("://") == std::string::npos)
      *path = (fs::path(file).parent_path() / *path).lexically_normal().string();
  return config;
}

Config load_config(const std::string& file) {
  const auto text = read_whole_file(file);
  if (!text) throw ConfigError(file, {"cannot read the config file (missing or unreadable)"});
  return parse_config(*text, file);
}

Config resolve_config(const std::string& explicit_file, const std::string& explicit_store) {
  Config config;
  if (!explicit_file.empty()) {
    config = load_config(explicit_file);
    config.origin = "named with --config";
  } else if (const char* env = std::getenv("KEFU_CONFIG"); env && *env) {
    config = load_config(env);
    config.origin = "named by KEFU_CONFIG";
  } else if (std::error_code ec; fs::exists("kefu.json", ec)) {
    config = load_config_found_in_current_directory("kefu.json");
  }
  if (!explicit_store.empty()) config.store = explicit_store;
  if (config.store.empty()) config.store = "kefu.db";
  return config;
}

}  // namespace kefu::host::config
