#include "cli/cmd_words.h"

#include "config/config.h"
#include "pipeline/update.h"
#include "platforms/word_sources.h"
#include "present/stance_text.h"
#include "words/modes.h"

#include <kefu/json.hpp>

#include <CLI/CLI.hpp>

#include <iostream>

namespace kefu::host {
namespace {

// The JSON shape of `kefu words --format json` (docs/words.md).
struct WordRow {
  std::string text, normalized, list, category, severity, suggestion, layer;
  Source source;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("text", s.text);
    v("normalized", s.normalized);
    v("list", s.list);
    v("category", s.category);
    v("severity", s.severity);
    v("suggestion", s.suggestion);
    v("layer", s.layer);
    v("source", s.source);
  }
};
// The platform's stance on each category a rule governs: banned | allowed | unknown.
struct StanceRow {
  std::string category, stance, rule, rule_name;
  Source source;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("category", s.category);
    v("stance", s.stance);
    v("rule", s.rule);
    v("rule_name", s.rule_name);
    v("source", s.source);
  }
};
// The evasion modes a category's terms also match in (docs/words.md "Evasions"): pinyin, lookalike.
struct ModesRow {
  std::string category;
  std::vector<std::string> modes;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("category", s.category);
    v("modes", s.modes);
  }
};
struct WordListing {
  std::string platform;
  std::vector<StanceRow> categories;
  std::vector<ModesRow> modes;  // categories with at least one mode; the rest match literally
  std::vector<WordRow> words;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("categories", s.categories);
    v("modes", s.modes);
    v("words", s.words);
  }
};

// The categories whose terms also match by sound or shape, as `kefu scan` with the same
// --words files matches them.
std::vector<ModesRow> modes_rows(const words::CategoryModes& modes) {
  std::vector<ModesRow> out;
  for (const auto& [category, set] : modes.all()) {
    ModesRow row{category, {}};
    if (set & words::kModePinyin) row.modes.emplace_back("pinyin");
    if (set & words::kModeLookalike) row.modes.emplace_back("lookalike");
    if (!row.modes.empty()) out.push_back(std::move(row));
  }
  return out;
}

std::string modes_text(const std::vector<std::string>& modes, Lang lang) {
  std::string out;
  for (const std::string& m : modes)
    out += (out.empty() ? "" : tr(lang, "、", ", ")) +
           std::string(m == "pinyin" ? tr(lang, "同音（拼音）", "same sound (pinyin)") : tr(lang, "形近字", "look-alike"));
  return out;
}

struct Args {
  std::string platform;
  Format format = Format::table;
  std::vector<std::string> words, allow;
} args;  // kefu parses one command line

}  // namespace

void add_words_options(CLI::App& cmd, ConfigPaths& paths) {
  cmd.add_option("--platform", args.platform, "platform id, e.g. tmall (see `kefu plugins`)")->required();
  add_format_option(cmd, args.format, {Format::table, Format::json});
  cmd.add_option("--words", args.words, "add your own terms from FILE (repeatable)")->check(CLI::ExistingFile);
  cmd.add_option("--allow", args.allow, "add allow-listed phrases from FILE (repeatable)")->check(CLI::ExistingFile);
  add_config_option(cmd, paths, "config whose team word lists (kefu update) join the platform's");
}

int run_words(Context& ctx, const CLI::App&) {
  const PluginRegistry& registry = ctx.plugins();
  // The platform's merchant layer: the team's lists (kefu.json `words`, kefu update).
  auto platforms = words::plugin_word_lists(registry, {args.platform});
  update::add_merchant_layers(platforms, ctx.config());
  const words::CategoryModes modes =
      words::category_modes(update::mode_word_files(ctx.config(), platforms, args.words));
  const words::Lexicon lexicon(words::common_word_list(), std::move(platforms),
                               words::read_user_word_files(args.words, args.allow));
  WordListing listing{args.platform, {}, modes_rows(modes), {}};
  for (const words::CategoryStance& st : lexicon.stances(0))
    listing.categories.push_back({st.category, words::stance_name(st.stance), st.rule, st.rule_name, st.source});
  for (const words::ListedTerm& e : lexicon.effective(0)) {
    // A common term whose category's stance is unknown here is "unknown", never a severity.
    listing.words.push_back({e.term.text, e.normalized, e.allow ? "allow" : "terms", e.term.category,
                             e.allow     ? "allow"
                             : e.unknown ? "unknown"
                                         : std::string(enum_names(e.term.severity)[static_cast<int>(e.term.severity)]),
                             e.term.suggestion, words::layer_name(e.layer), e.term.source});
  }
  if (args.format == Format::json) {
    std::cout << json::write(listing) << '\n';
    return kExitOk;
  }
  const Lang lang = ctx.lang();
  std::cout << args.platform << tr(lang, " 各类别的平台立场：\n", " stance per category:\n");
  for (const words::CategoryStance& st : lexicon.stances(0))
    std::cout << "  " << st.category << tr(lang, "：", ": ") << stance_basis(st, lang) << '\n';
  if (!listing.modes.empty()) {
    std::cout << tr(lang, "变体也匹配（写法规避）：\n", "Evasions also matched:\n");
    for (const ModesRow& m : listing.modes)
      std::cout << "  " << m.category << tr(lang, "：", ": ") << modes_text(m.modes, lang) << '\n';
  }
  std::cout << '\n';
  Table table({tr(lang, "词", "term"), tr(lang, "类别", "category"), tr(lang, "级别", "severity"),
               tr(lang, "建议替换", "suggestion"), tr(lang, "层", "layer"), tr(lang, "可信度", "confidence"),
               tr(lang, "来源", "source")});
  std::size_t blocks = 0, warns = 0, allows = 0, unknowns = 0;
  for (const WordRow& w : listing.words) {
    const char* level = w.severity == "block"     ? tr(lang, "禁用", "block")
                        : w.severity == "warn"    ? tr(lang, "提示", "warn")
                        : w.severity == "unknown" ? tr(lang, "未知", "unknown")
                                                  : tr(lang, "放行", "allow");
    (w.severity == "block" ? blocks : w.severity == "warn" ? warns : w.severity == "unknown" ? unknowns : allows)++;
    table.add({w.text, w.list == "allow" ? "-" : w.category, level, w.suggestion.empty() ? "-" : w.suggestion, w.layer,
               confidence_label(w.source.confidence, lang), w.source.title});
  }
  table.print(std::cout);
  std::cout << args.platform << tr(lang, "：禁用 ", ": block ") << blocks << tr(lang, "，提示 ", ", warn ") << warns
            << tr(lang, "，放行短语 ", ", allow-listed ") << allows
            << tr(lang, "，平台立场未知 ", ", not known for this platform ") << unknowns << '\n';
  return kExitOk;
}

}  // namespace kefu::host
