#include "cli/cmd_rules.h"

#include "present/rules_render.h"
#include "pipeline/update.h"
#include "platforms/rule_sources.h"
#include "base/output_file.h"
#include "base/calendar.h"

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
  template <class S, class V> static void fields(S& s, V& v) {
    v("rule", s.rule); v("inherited", s.inherited); v("versions", s.versions);
  }
};
struct RuleListing {
  std::string platform, as_of, data_version, version;
  std::vector<RuleRow> rules;
  std::optional<std::vector<Rule>> history;  // --history: every entry, superseded ones too
  template <class S, class V> static void fields(S& s, V& v) {
    v("platform", s.platform); v("as_of", s.as_of); v("data_version", s.data_version); v("version", s.version);
    v("rules", s.rules); v("history", s.history);
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
    out << wrap(r.key + "  " + (r.effective_from.empty() ? std::string(tr(lang, "（日期未知）", "(undated)")) : r.effective_from) + "  " +
                    rule_value_text(def, r.value, lang) + " — " + r.native_name,
                kTextWidth, "  ▸ ", "    ");
  }
}

int print_rules(const GlobalOptions& options, const std::string& platform, const std::string& at, const std::string& format,
                bool history) {
  const PluginRegistry registry = load_plugins(options);
  const rules::PlatformAt where = rules::parse_platform_at(at.empty() ? platform : platform + "@" + at);
  const LoadedPlugin& plugin = registry.require(where.id);
  const RuleSet own = rules::plugin_rule_set(plugin);
  const rules::RuleView view = rules::rules_in_force(where.id, own, rules::common_rule_set(),
                                                     where.date.empty() ? calendar::today_in_china() : where.date);
  const Lang lang = options.language();
  if (format == "json") {
    RuleListing listing{view.platform, view.as_of, view.data_version, view.version, {}, std::nullopt};
    for (const auto& r : view.rules) listing.rules.push_back({r.rule, r.inherited, r.versions});
    if (history) listing.history = history_of(own);
    std::cout << json::write(listing) << '\n';
  } else if (format == "md") {
    print_rule_view_markdown(view, plugin.info(), lang, std::cout);
  } else {
    print_rule_view_text(view, plugin.info(), lang, std::cout);
    if (history) print_history_text(history_of(own), lang, std::cout);
  }
  return kExitOk;
}

int print_diff(const GlobalOptions& options, const std::string& from, const std::string& to, const std::vector<std::string>& scripts,
               const std::string& format, const std::string& out_path, const std::string& config_file) {
  const PluginRegistry registry = load_plugins(options);
  // The team's own lists (kefu.json `words`, kefu update) are part of each side's words.
  const config::Config config = config::resolve_config(config_file, "");
  const rules::Briefing briefing =
      rules::build_briefing(registry, rules::parse_platform_at(from), rules::parse_platform_at(to), scripts,
                            [&](const std::string& platform) { return update::merchant_word_list(config, platform); });
  const Lang lang = options.language();
  auto write = [&](std::ostream& out) {
    if (format == "json") out << json::write(briefing) << '\n';
    else if (format == "md") print_briefing_markdown(briefing, lang, out);
    else print_briefing_text(briefing, lang, out);
  };
  if (out_path.empty()) {
    write(std::cout);
  } else {
    write_file_atomically(out_path, write);
    std::cerr << tr(lang, "简报已写入 ", "briefing written to ") << out_path << '\n';
  }
  if (briefing.scripts) {
    for (const std::string& p : briefing.scripts->problems) std::cerr << "kefu: warning: " << p << '\n';
    if (!briefing.scripts->violations.empty()) return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

void add_rules_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string platform, at, format = "table";
    bool history = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("rules", "Print a platform's customer-service rules in the one model, with sources");
  cmd->add_option("--platform", args->platform, "platform id, e.g. jd (see `kefu plugins`)")->required();
  cmd->add_option("--at", args->at, "the rules in force on DATE (YYYY-MM-DD); default today");
  cmd->add_flag("--history", args->history, "also list every dated version of each rule");
  cmd->add_option("--format", args->format, "table | json | md")->check(CLI::IsMember({"table", "json", "md"}));
  cmd->callback([&options, &exit_code, args] {
    exit_code = print_rules(options, args->platform, args->at, args->format, args->history);
  });
}

void add_diff_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  struct Args {
    std::string from, to, format = "text", out, config;
    std::vector<std::string> scripts;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("diff", "Rotation briefing 轮岗简报: what changes moving from one platform (or rule date) to another");
  cmd->add_option("from", args->from, "platform the agent comes from, e.g. tmall, or jd@2021-11-30 for a past rule version")->required();
  cmd->add_option("to", args->to, "platform the agent moves to, e.g. douyin")->required();
  cmd->add_option("--scripts", args->scripts, "check your script library FILE against TO's banned words (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--format", args->format, "text | md | json")->check(CLI::IsMember({"text", "md", "json"}));
  cmd->add_option("--out", args->out, "write the briefing to FILE instead of the terminal");
  cmd->add_option("--config", args->config, "config whose team word lists (words, kefu update) join each side's (default: $KEFU_CONFIG, else ./kefu.json)");
  cmd->callback([&options, &exit_code, args] {
    exit_code = print_diff(options, args->from, args->to, args->scripts, args->format, args->out, args->config);
  });
}

}  // namespace kefu::host
