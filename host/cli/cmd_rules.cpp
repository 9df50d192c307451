#include "cli/cmd_rules.h"

#include "base/calendar.h"
#include "platforms/rule_sources.h"
#include "present/rules_render.h"

#include <kefu/json.hpp>

#include <CLI/CLI.hpp>

#include <iostream>

namespace kefu::host {
namespace {

// The JSON shape of `kefu rules --format json` (docs/rules.md).
struct RuleRow {
  Rule rule;
  bool inherited = false;
  std::int64_t versions = 1;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("rule", s.rule);
    v("inherited", s.inherited);
    v("versions", s.versions);
  }
};
struct RuleListing {
  std::string platform, as_of, data_version, version;
  std::vector<RuleRow> rules;
  std::optional<std::vector<Rule>> history;  // --history: every entry, superseded ones too
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("as_of", s.as_of);
    v("data_version", s.data_version);
    v("version", s.version);
    v("rules", s.rules);
    v("history", s.history);
  }
};

// Every dated entry of a key, common and platform, oldest first: how the rule has changed.
std::vector<Rule> history_of(const RuleSet& own) {
  std::vector<Rule> all = rules::common_rule_set().rules;
  all.insert(all.end(), own.rules.begin(), own.rules.end());
  std::stable_sort(all.begin(), all.end(), [](const Rule& a, const Rule& b) {
    return a.key != b.key ? a.key < b.key : a.effective_from < b.effective_from;
  });
  return all;
}

void print_history_text(const std::vector<Rule>& history, Lang lang, std::ostream& out) {
  out << "\n" << tr(lang, "【全部版本】（含已被取代的）\n", "[All versions] (superseded ones included)\n");
  for (const Rule& r : history) {
    const RuleKeyDef* def = find_rule_key(r.key);
    out << wrap(r.key + "  " +
                    (r.effective_from.empty() ? std::string(tr(lang, "（最早的版本）", "(earliest known)"))
                                              : effective_from_text(r.effective_from, lang)) +
                    "  " + rule_value_text(def, r.value, lang) + " — " + r.native_name,
                kTextWidth, "  ▸ ", "    ");
  }
}

struct Args {
  std::string platform, at;
  Format format = Format::table;
  bool history = false;
} args;  // kefu parses one command line

}  // namespace

void add_rules_options(CLI::App& cmd, ConfigPaths&) {
  cmd.add_option("--platform", args.platform, "platform id, e.g. jd (see `kefu plugins`)")->required();
  cmd.add_option("--at", args.at, "the rules in force on DATE (YYYY-MM-DD); default today");
  cmd.add_flag("--history", args.history, "also list every dated version of each rule");
  add_format_option(cmd, args.format, {Format::table, Format::json, Format::md});
}

int run_rules(Context& ctx, const CLI::App&) {
  const PluginRegistry& registry = ctx.plugins();
  const rules::PlatformAt where =
      rules::parse_platform_at(args.at.empty() ? args.platform : args.platform + "@" + args.at);
  const LoadedPlugin& plugin = registry.require(where.id);
  const RuleSet own = rules::plugin_rule_set(plugin);
  const rules::RuleView view = rules::rules_in_force(where.id, own, rules::common_rule_set(),
                                                     where.date.empty() ? calendar::today_in_china() : where.date);
  const Lang lang = ctx.lang();
  if (args.format == Format::json) {
    RuleListing listing{view.platform, view.as_of, view.data_version, view.version, {}, std::nullopt};
    for (const auto& r : view.rules) listing.rules.push_back({r.rule, r.inherited, r.versions});
    if (args.history) listing.history = history_of(own);
    std::cout << json::write(listing) << '\n';
  } else if (args.format == Format::md) {
    print_rule_view_markdown(view, plugin.info(), lang, std::cout);
  } else {
    print_rule_view_text(view, plugin.info(), lang, std::cout);
    if (args.history) print_history_text(history_of(own), lang, std::cout);
  }
  return kExitOk;
}

}  // namespace kefu::host
