// The words section of the briefing and the script-library check: which terms change from
// allowed to banned between the two platforms, and which of the agent's own lines that hits.
#include "briefing/briefing.h"

#include "base/encoding.h"
#include "base/file.h"
#include "model/catalog.h"

#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace kefu::host::rules {
namespace {

using words::ListedTerm;

std::size_t category_rank(const std::string& c) { return term_category_rank(c); }

// A platform's verdict on each normalized text: block, warn, unknown (a common term of a
// category whose stance there no source gives) or allow.
std::unordered_map<std::string, std::string> verdicts(const std::vector<ListedTerm>& list) {
  std::unordered_map<std::string, std::string> out;
  for (const ListedTerm& e : list) {
    const std::string v = e.allow                                ? "allow"
                          : e.unknown                            ? "unknown"
                          : e.term.severity == Severity::block ? "block"
                                                                 : "warn";
    // A banned term outranks an allow-listed phrase of the same text.
    auto [it, inserted] = out.try_emplace(e.normalized, v);
    if (!inserted && it->second == "allow") it->second = v;
  }
  return out;
}

// Terms `block` on `side` that the other side does not block, grouped by category; those the
// other side's stance is unknown on go to `unknown` when given, else stay in the shift.
WordShift shift(const std::vector<ListedTerm>& side, const std::unordered_map<std::string, std::string>& other,
                WordShift* unknown = nullptr) {
  std::map<std::size_t, CategoryShift> groups, unknown_groups;
  WordShift out;
  for (const ListedTerm& e : side) {
    if (e.allow || e.unknown || e.term.severity != Severity::block) continue;
    const auto it = other.find(e.normalized);
    const std::string there = it == other.end() ? "none" : it->second;
    if (there == "block") continue;
    if (there == "unknown" && unknown) {
      CategoryShift& g = unknown_groups[category_rank(e.term.category)];
      g.category = e.term.category;
      ++g.count;
      ++unknown->count;
      if (g.examples.size() < kWordExamples)
        g.examples.push_back({e.term.text, e.term.category, e.term.suggestion, there, e.term.source});
      continue;
    }
    CategoryShift& g = groups[category_rank(e.term.category)];
    g.category = e.term.category;
    ++g.count;
    ++out.count;
    if (g.examples.size() < kWordExamples)
      g.examples.push_back({e.term.text, e.term.category, e.term.suggestion, there, e.term.source});
  }
  for (auto& [rank, g] : groups) out.by_category.push_back(std::move(g));
  if (unknown)
    for (auto& [rank, g] : unknown_groups) unknown->by_category.push_back(std::move(g));
  return out;
}

SideStance side_stance(const words::CategoryStance& s) {
  return {words::stance_name(s.stance), s.rule_name, s.inherited, s.source};
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(at, nl - at);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    at = nl + 1;
  }
  return lines;
}

words::ScanReport scan_for(const words::Lexicon& lexicon, const std::string& path, std::size_t platform) {
  words::ScanOptions options;
  options.match.platforms = words::PlatformMask{1} << platform;
  options.match.include_warn = false;
  return words::scan_file(path, lexicon, options);
}

}  // namespace

WordsSection shift_words(const words::Lexicon& lexicon) {
  WordsSection out;
  out.available = true;
  const auto from = lexicon.effective(0), to = lexicon.effective(1);
  for (const words::CategoryStance& f : lexicon.stances(0))
    out.stances.push_back({f.category, f.rule, side_stance(f), side_stance(lexicon.stance(1, f.category))});
  out.newly_banned = shift(to, verdicts(from));
  out.no_longer_banned = shift(from, verdicts(to), &out.unknown_on_to);
  return out;
}

ScriptsSection lint_scripts(const words::Lexicon& lexicon, const std::vector<std::string>& files) {
  ScriptsSection out;
  out.files = files;
  std::set<std::pair<std::string, std::size_t>> violating;
  for (const std::string& path : files) {
    const words::ScanReport from = scan_for(lexicon, path, 0), to = scan_for(lexicon, path, 1);
    out.lines += static_cast<std::int64_t>(to.units);
    out.problems.insert(out.problems.end(), to.problems.begin(), to.problems.end());
    std::vector<std::string> lines;
    if (to.kind == words::InputKind::text) {
      auto bytes = read_whole_file(path);
      if (!bytes) throw std::runtime_error("cannot read script file " + path);
      lines = split_lines(decode_text(std::move(*bytes)).text);
    }
    for (const words::ScanHit& t : to.hits) {
      const bool flagged_before = std::any_of(from.hits.begin(), from.hits.end(), [&](const words::ScanHit& f) {
        return f.record == t.record && f.offset < t.offset + t.length && t.offset < f.offset + f.length;
      });
      if (flagged_before) continue;
      const ListedTerm* entry = lexicon.entry(t.hit.pattern, 1);
      ScriptViolation v{path,
                        static_cast<std::int64_t>(t.line),
                        static_cast<std::int64_t>(t.column),
                        t.text,
                        entry ? entry->term.text : t.text,
                        entry ? entry->term.category : "",
                        entry ? entry->term.suggestion : "",
                        t.line - 1 < lines.size() ? lines[t.line - 1] : ""};
      violating.insert({path, t.line});
      out.violations.push_back(std::move(v));
    }
  }
  out.lines_violating = static_cast<std::int64_t>(violating.size());
  return out;
}

}  // namespace kefu::host::rules
