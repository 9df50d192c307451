// The rotation briefing 轮岗简报: what changes for an agent who moves from one platform (or
// rule version) to another. Built from the one model only — rule views, metric profiles, word
// lists — so it works for any pair of plugins, including out-of-tree ones. A section whose
// data a plugin does not provide is marked unavailable, never left out silently.
//
// The struct is also the JSON answer of `kefu diff --format json` (keys stable, documented in
// docs/rules.md), so every renderer reads the same facts.
#pragma once

#include "rules/compare.h"
#include "rules/rule_book.h"
#include "words/lexicon.h"
#include "words/scan_file.h"

#include <kefu/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kefu::host::rules {

inline constexpr const char* kBriefingSchema = "kefu.briefing/1";

struct BriefingSide {
  std::string platform, name_zh, name_en;
  std::string as_of;          // the date the rules are taken at
  std::string rules_version;  // latest effective_from in force
  std::string data_version;   // the plugin's rule data version
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("name_zh", s.name_zh);
    v("name_en", s.name_en);
    v("as_of", s.as_of);
    v("rules_version", s.rules_version);
    v("data_version", s.data_version);
  }
};

struct RuleChange {
  std::string key, category, name_zh, name_en;
  Verdict verdict = Verdict::unknown;
  std::optional<Rule> from, to;                       // absent: the side has no such rule
  bool from_inherited = false, to_inherited = false;  // from the common set (law)
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("key", s.key);
    v("category", s.category);
    v("name_zh", s.name_zh);
    v("name_en", s.name_en);
    v("verdict", s.verdict);
    v("from", s.from);
    v("to", s.to);
    v("from_inherited", s.from_inherited);
    v("to_inherited", s.to_inherited);
  }
};

// Rule keys sorted into the briefing's sections (verdicts seen from TO).
struct RuleSections {
  std::vector<RuleChange> stricter, looser, only_to, only_from, changed, unknown, same;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("stricter", s.stricter);
    v("looser", s.looser);
    v("only_to", s.only_to);
    v("only_from", s.only_from);
    v("changed", s.changed);
    v("unknown", s.unknown);
    v("same", s.same);
  }
};

struct HeadlineItem {
  int rank = 0;
  int score = 0;        // by the ranking rule (docs/rules.md); higher hurts more
  std::string kind;     // rule | words
  std::string key;      // the rule key, or "words.newly_banned"
  std::string section;  // where the item sits below: stricter | only_to | unknown | changed | words
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("rank", s.rank);
    v("score", s.score);
    v("kind", s.kind);
    v("key", s.key);
    v("section", s.section);
  }
};

struct MetricPair {
  NativeMetric to;
  std::optional<NativeMetric> from;      // the closest FROM metric (same canonical key); absent: none
  bool comparable = false;               // both equal the canonical definition
  std::vector<std::string> differences;  // parameters that differ: "unit: round → message"
  std::string why;                       // why not comparable, from the profiles' own notes
  std::string why_zh;                    // the same in Chinese, when the profile gives it
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("to", s.to);
    v("from", s.from);
    v("comparable", s.comparable);
    v("differences", s.differences);
    v("why", s.why);
    v("why_zh", s.why_zh);
  }
};

struct MetricsSection {
  bool available = false;
  std::string unavailable;  // why not, when not available
  std::string missing_in;   // the platform whose plugin provides no metric profile, if any
  std::vector<MetricPair> items;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("available", s.available);
    v("unavailable", s.unavailable);
    v("missing_in", s.missing_in);
    v("items", s.items);
  }
};

struct WordExample {
  std::string text, category, suggestion;
  std::string other_side;  // the term on the other platform: warn | allow | unknown | none (not listed)
  Source source;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("text", s.text);
    v("category", s.category);
    v("other_side", s.other_side);
    v("suggestion", s.suggestion);
    v("source", s.source);
  }
};

struct CategoryShift {
  std::string category;
  std::int64_t count = 0;
  std::vector<WordExample> examples;  // the most relevant first, at most kWordExamples
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("category", s.category);
    v("count", s.count);
    v("examples", s.examples);
  }
};

struct WordShift {
  std::int64_t count = 0;
  std::vector<CategoryShift> by_category;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("count", s.count);
    v("by_category", s.by_category);
  }
};

// One side's stance on a category (words/lexicon.h Stance): banned | allowed | unknown.
struct SideStance {
  std::string stance, rule_name;
  bool inherited = false;
  Source source;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("stance", s.stance);
    v("rule_name", s.rule_name);
    v("inherited", s.inherited);
    v("source", s.source);
  }
};
struct CategoryStances {
  std::string category, rule;
  SideStance from, to;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("category", s.category);
    v("rule", s.rule);
    v("from", s.from);
    v("to", s.to);
  }
};

struct WordsSection {
  bool available = false;
  std::string unavailable;
  std::string missing_in;      // the platform whose plugin provides no word list, if any
  std::vector<CategoryStances> stances;  // each side's stance per category a rule governs
  WordShift newly_banned;      // `block` on TO, not `block` on FROM
  WordShift no_longer_banned;  // `block` on FROM, known and not `block` on TO
  // `block` on FROM, TO's stance on its category unknown: never told to the agent as allowed.
  WordShift unknown_on_to;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("available", s.available);
    v("unavailable", s.unavailable);
    v("missing_in", s.missing_in);
    v("stances", s.stances);
    v("newly_banned", s.newly_banned);
    v("no_longer_banned", s.no_longer_banned);
    v("unknown_on_to", s.unknown_on_to);
  }
};

struct ScriptViolation {
  std::string file;
  std::int64_t line = 0, column = 0;
  std::string matched;  // the original text span
  std::string term, category, suggestion;
  std::string script;  // the whole line
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("file", s.file);
    v("line", s.line);
    v("column", s.column);
    v("matched", s.matched);
    v("term", s.term);
    v("category", s.category);
    v("suggestion", s.suggestion);
    v("script", s.script);
  }
};

struct ScriptsSection {
  std::vector<std::string> files;
  std::int64_t lines = 0;  // script lines read
  std::int64_t lines_violating = 0;
  std::vector<ScriptViolation> violations;
  std::vector<std::string> problems;  // unreadable bytes etc., "file:line: ..."
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("files", s.files);
    v("lines", s.lines);
    v("lines_violating", s.lines_violating);
    v("violations", s.violations);
    v("problems", s.problems);
  }
};

struct Briefing {
  std::string schema = kBriefingSchema;
  BriefingSide from, to;
  std::vector<HeadlineItem> headline;
  RuleSections rules;
  MetricsSection metrics;
  WordsSection words;
  std::optional<ScriptsSection> scripts;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("schema", s.schema);
    v("from", s.from);
    v("to", s.to);
    v("headline", s.headline);
    v("rules", s.rules);
    v("metrics", s.metrics);
    v("words", s.words);
    v("scripts", s.scripts);
  }
};

inline constexpr std::size_t kHeadlineMax = 5;
inline constexpr std::size_t kWordExamples = 6;

// --- the parts, each testable on its own --------------------------------------------------

RuleSections compare_views(const RuleView& from, const RuleView& to);

// The ranking rule, applied to the rule sections and the word shift (docs/rules.md):
// score = base + category weight; base 100 for a stricter or new TO rule that carries a
// penalty (also when FROM's is unknown), 60 for a stricter or new one without a penalty,
// 40 for a change that cannot be ordered; newly banned words 75, 95 when a script line hits
// one (above an unordered change in the same week's work). Weights: 服务/响应 and 处罚 30, 服务时间 20, 沟通/引流 15,
// 营销/评价 10, others 5. Ties keep catalog order; the top kHeadlineMax are kept.
std::vector<HeadlineItem> rank_headline(const RuleSections& rules, const WordsSection& words, bool scripts_hit);
int category_weight(const std::string& category);

MetricsSection pair_metrics(const std::optional<MetricProfile>& from, const std::optional<MetricProfile>& to);

// `lexicon` holds exactly two platforms: index 0 = FROM, 1 = TO.
WordsSection shift_words(const words::Lexicon& lexicon);
// Script lines (plain text, or chat logs' content) with a TO `block` hit that no FROM `block`
// hit overlaps: what the agent's own 话术 would newly be flagged for. Each file is scanned once
// per side; unreadable bytes are reported in `problems`. Throws when a file cannot be read.
ScriptsSection lint_scripts(const words::Lexicon& lexicon, const std::vector<std::string>& files);

}  // namespace kefu::host::rules
