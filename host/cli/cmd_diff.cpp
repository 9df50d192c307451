#include "cli/cmd_diff.h"

#include "base/output_file.h"
#include "pipeline/update.h"
#include "platforms/rule_sources.h"
#include "present/rules_render.h"
#include "words/lists.h"

#include <kefu/json.hpp>

#include <CLI/CLI.hpp>

#include <iostream>

namespace kefu::host {
namespace {

struct Args {
  std::string from, to, out;
  Format format = Format::table;
  std::vector<std::string> scripts, words, allow;
} args;  // kefu parses one command line

// Whether the briefing's words section shows a category whose stance on FROM or TO is unknown
// (docs/words.md "Stance"), or a term banned on FROM whose category's stance on TO is unknown.
bool briefing_has_unknown_stance(const rules::Briefing& b) {
  for (const rules::CategoryStances& c : b.words.stances)
    if (c.from.stance == "unknown" || c.to.stance == "unknown") return true;
  return b.words.unknown_on_to.count > 0;
}

}  // namespace

void add_diff_options(CLI::App& cmd, ConfigPaths& paths) {
  cmd.add_option("from", args.from,
                 "platform the agent comes from, e.g. tmall, or jd@2021-11-30 for a past rule version")
      ->required();
  cmd.add_option("to", args.to, "platform the agent moves to, e.g. douyin")->required();
  cmd.add_option("--scripts", args.scripts, "check your script library FILE against TO's banned words (repeatable)")
      ->check(CLI::ExistingFile);
  cmd.add_option("--words", args.words, "add your own terms from FILE to both sides, as kefu scan does (repeatable)")
      ->check(CLI::ExistingFile);
  cmd.add_option("--allow", args.allow, "add allow-listed phrases from FILE to both sides (repeatable)")
      ->check(CLI::ExistingFile);
  add_format_option(cmd, args.format, {Format::table, Format::md, Format::json});
  cmd.add_option("--out", args.out, "write the briefing to FILE instead of the terminal");
  add_config_option(cmd, paths, "config whose team word lists (words, kefu update) join each side's");
}

int run_diff(Context& ctx, const CLI::App&) {
  const PluginRegistry& registry = ctx.plugins();
  // The team's own lists (kefu.json `words`, kefu update) are part of each side's words.
  const config::Config& config = ctx.config();
  const rules::Briefing briefing = rules::build_briefing(
      registry, rules::parse_platform_at(args.from), rules::parse_platform_at(args.to), args.scripts,
      [&](const std::string& platform) { return update::merchant_word_list(config, platform); },
      words::read_user_word_files(args.words, args.allow));
  const Lang lang = ctx.lang();
  auto write = [&](std::ostream& out) {
    if (args.format == Format::json)
      out << json::write(briefing) << '\n';
    else if (args.format == Format::md)
      print_briefing_markdown(briefing, lang, out);
    else
      print_briefing_text(briefing, lang, out);
  };
  if (args.out.empty()) {
    write(std::cout);
  } else {
    write_file_atomically(args.out, write);
    std::cerr << tr(lang, "简报已写入 ", "briefing written to ") << args.out << '\n';
  }
  if (briefing.scripts) {
    for (const std::string& p : briefing.scripts->problems) std::cerr << "kefu: warning: " << p << '\n';
    if (!briefing.scripts->violations.empty()) return kExitFindings;
  }
  // As `kefu scan`: a category whose stance on either platform is not known is not "allowed",
  // so a script reading the exit code must not take the briefing for a clean comparison.
  return briefing_has_unknown_stance(briefing) ? kExitUnknown : kExitOk;
}

}  // namespace kefu::host
