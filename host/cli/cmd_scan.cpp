#include "cli/cmd_scan.h"
#include "cli/progress.h"

#include "base/output_file.h"
#include "pipeline/update.h"
#include "platforms/word_sources.h"
#include "present/stance_text.h"
#include "present/table_notes.h"
#include "words/scan_file.h"

#include <kefu/json.hpp>

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <iostream>
#include <thread>

namespace kefu::host {
namespace {

// One hit as `kefu scan --format json|csv` prints it (docs/words.md documents the keys).
// Per platform: block | warn | unknown (the term is a common one of a category whose stance on
// the platform no source gives), and the platform's stance on the category with its rule.
struct PlatformVerdict {
  std::string id, severity, stance, rule;
  Source rule_source;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("id", s.id);
    v("severity", s.severity);
    v("stance", s.stance);
    v("rule", s.rule);
    v("rule_source", s.rule_source);
  }
};
struct HitRow {
  std::string file;
  int line = 0, column = 0, offset = 0, length = 0;
  std::string text, term, normalized, category, severity, suggestion;
  std::string mode = "literal";  // literal | pinyin | initials | lookalike (words::hit_mode_name)
  std::vector<PlatformVerdict> platforms;
  int record = 0;
  std::string session_id, sender, agent_id;
  Source source;         // where the deciding entry comes from
  std::string sentence;  // the sentence the hit sits in
  // Not in JSON (there: platforms[].stance/rule/rule_source): per platform, for the text output.
  std::vector<words::CategoryStance> platform_stances;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("file", s.file);
    v("line", s.line);
    v("column", s.column);
    v("offset", s.offset);
    v("length", s.length);
    v("text", s.text);
    v("term", s.term);
    v("normalized", s.normalized);
    v("category", s.category);
    v("severity", s.severity);
    v("suggestion", s.suggestion);
    v("mode", s.mode);
    v("platforms", s.platforms);
    v("record", s.record);
    v("session_id", s.session_id);
    v("sender", s.sender);
    v("agent_id", s.agent_id);
    v("source", s.source);
    v("sentence", s.sentence);
  }
};
struct FileSummary {
  std::string file, kind, encoding;
  int bytes = 0, units = 0, hits = 0;
  std::vector<std::string> problems;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("file", s.file);
    v("kind", s.kind);
    v("encoding", s.encoding);
    v("bytes", s.bytes);
    v("units", s.units);
    v("hits", s.hits);
    v("problems", s.problems);
  }
};
struct ScanOutput {
  std::vector<std::string> platforms;
  std::vector<HitRow> hits;
  std::vector<FileSummary> files;
  int block = 0, warn = 0, unknown = 0;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platforms", s.platforms);
    v("hits", s.hits);
    v("files", s.files);
    v("block", s.block);
    v("warn", s.warn);
    v("unknown", s.unknown);
  }
};

struct Args {
  std::vector<std::string> platforms, words, allow, files, layouts;
  std::string severity = "warn", sender;
  Format format = Format::table;
  std::optional<Encoding> encoding;
  std::string sheet;
  bool overlapping = false;
} args;  // kefu parses one command line

HitRow row_of(const words::Lexicon& lexicon, const std::string& file, const words::ScanHit& s) {
  HitRow row;
  row.file = file;
  row.line = static_cast<int>(s.line);
  row.column = static_cast<int>(s.column);
  row.offset = static_cast<int>(s.offset);
  row.length = static_cast<int>(s.length);
  row.text = s.text;
  row.sentence = s.sentence;
  row.normalized = lexicon.normalized(s.hit.pattern);
  row.mode = words::hit_mode_name(s.hit.mode);
  row.record = static_cast<int>(s.record);
  row.session_id = s.session_id;
  row.sender = s.sender;
  row.agent_id = s.agent_id;
  const words::HitVerdicts verdicts = words::hit_verdicts(lexicon, s.hit);
  for (const words::HitVerdicts::OnPlatform& on : verdicts.platforms) {
    const words::ListedTerm* e = on.entry;
    PlatformVerdict v{lexicon.platforms()[on.platform], words::verdict_name(on.verdict), "", "", {}};
    const words::CategoryStance st = e ? lexicon.stance(on.platform, e->term.category) : words::CategoryStance{};
    v.stance = words::stance_name(st.stance);
    v.rule = st.rule;
    v.rule_source = st.source;
    row.platform_stances.push_back(st);
    row.platforms.push_back(std::move(v));
  }
  row.severity = words::verdict_name(verdicts.strictest);
  const words::ListedTerm* decisive = verdicts.decisive;
  if (decisive) {
    row.term = decisive->term.text;
    row.category = decisive->term.category;
    row.suggestion = decisive->term.suggestion;
    row.source = decisive->term.source;
  }
  return row;
}

const char* severity_label(const std::string& severity, Lang lang) {
  return severity == "block"  ? tr(lang, "[禁用] ", "[block] ")
         : severity == "warn" ? tr(lang, "[提示] ", "[warn] ")
                              : tr(lang, "[未知] ", "[unknown] ");
}

// How an evasion matched, in words an agent learns from ("原文「威信」按拼音匹配 微信").
const char* mode_label(const std::string& mode, Lang lang) {
  if (mode == "pinyin") return tr(lang, "按拼音匹配 ", ", same sound as ");
  if (mode == "initials") return tr(lang, "按拼音首字母匹配 ", ", pinyin initials of ");
  if (mode == "lookalike") return tr(lang, "按形近字匹配 ", ", looks like ");
  return nullptr;
}

void print_text(const ScanOutput& out, Lang lang) {
  for (const HitRow& h : out.hits) {
    std::cout << h.file << ':' << h.line << ':' << h.column << ": " << severity_label(h.severity, lang) << h.term
              << " (" << h.category << ")";
    if (h.text != h.term) std::cout << tr(lang, " 原文「", " as \"") << h.text << tr(lang, "」", "\"");
    if (const char* how = mode_label(h.mode, lang)) std::cout << how << h.term;
    std::cout << tr(lang, " 平台 ", " on ");
    for (std::size_t i = 0; i < h.platforms.size(); ++i)
      std::cout << (i ? "," : "") << h.platforms[i].id
                << (h.platforms[i].severity == "block"  ? ""
                    : h.platforms[i].severity == "warn" ? "(warn)"
                                                        : tr(lang, "(未知)", "(unknown)"));
    if (!h.suggestion.empty()) std::cout << tr(lang, " 建议：", " suggest: ") << h.suggestion;
    if (!h.session_id.empty() || !h.sender.empty())
      std::cout << tr(lang, " 会话 ", " session ") << h.session_id << ' ' << h.sender
                << (h.agent_id.empty() ? "" : " " + h.agent_id);
    std::cout << '\n';
    if (!h.sentence.empty()) std::cout << tr(lang, "    原句：", "    sentence: ") << h.sentence << '\n';
    // Both halves of the verdict: where the word comes from, and what makes its category apply.
    std::cout << tr(lang, "    词源：", "    term source: ") << confidence_label(h.source.confidence, lang)
              << tr(lang, "：", ": ") << h.source.title << '\n';
    for (std::size_t i = 0; i < h.platform_stances.size(); ++i)
      if (h.platform_stances[i].stance != words::Stance::listed)
        std::cout << tr(lang, "    平台依据 ", "    platform rule ") << h.platforms[i].id << tr(lang, "：", ": ")
                  << stance_basis(h.platform_stances[i], lang) << '\n';
  }
  std::cerr << tr(lang, "扫描 ", "scanned ") << out.files.size() << tr(lang, " 个文件，命中 ", " file(s), ")
            << out.hits.size() << tr(lang, " 处（禁用 ", " hit(s) (block ") << out.block
            << tr(lang, "，提示 ", ", warn ") << out.warn
            << tr(lang, "，平台立场未知 ", ", not known for the platform ") << out.unknown << tr(lang, "）\n", ")\n");
}

void print_csv(const ScanOutput& out) {
  std::cout << "file,line,column,offset,length,text,term,normalized,category,severity,platforms,suggestion,record,"
               "session_id,sender,agent_id,sentence,mode\n";
  for (const HitRow& h : out.hits) {
    std::string platforms;
    for (const auto& p : h.platforms) platforms += (platforms.empty() ? "" : ";") + p.id + ":" + p.severity;
    std::cout << csv_field(h.file) << ',' << h.line << ',' << h.column << ',' << h.offset << ',' << h.length << ','
              << csv_field(h.text) << ',' << csv_field(h.term) << ',' << csv_field(h.normalized) << ','
              << csv_field(h.category) << ',' << h.severity << ',' << platforms << ',' << csv_field(h.suggestion) << ','
              << h.record << ',' << csv_field(h.session_id) << ',' << csv_field(h.sender) << ','
              << csv_field(h.agent_id) << ',' << csv_field(h.sentence) << ',' << h.mode << '\n';
  }
}

}  // namespace

void add_scan_options(CLI::App& cmd, ConfigPaths& paths) {
  cmd.add_option("FILE", args.files,
                 "text files (one script per line) or chat logs (CSV/JSONL); - reads standard input")
      ->required()
      ->check(CLI::Validator(
          [](std::string& path) { return path == words::kStandardInput ? std::string() : CLI::ExistingFile(path); },
          "FILE|-"));
  cmd.add_option("--platform", args.platforms, "platform id (repeatable; default: every loaded platform)");
  cmd.add_option("--words", args.words, "add your own terms from FILE (repeatable)")->check(CLI::ExistingFile);
  add_config_option(cmd, paths, "config whose team word lists (kefu update) join in");
  cmd.add_option("--allow", args.allow, "add allow-listed phrases from FILE (repeatable)")->check(CLI::ExistingFile);
  add_format_option(cmd, args.format, {Format::table, Format::json, Format::csv});
  cmd.add_option("--severity", args.severity, "lowest severity to report: block | warn")
      ->check(CLI::IsMember({"block", "warn"}));
  cmd.add_flag("--overlapping", args.overlapping, "report every hit, also those inside longer ones");
  add_encoding_option(cmd, args.encoding);
  add_sheet_option(cmd, args.sheet);
  add_layout_option(cmd, args.layouts);
  cmd.add_option("--sender", args.sender, "chat logs: only messages of this sender (agent, customer, bot)")
      ->check(CLI::IsMember({"agent", "customer", "bot", "system"}));
}

int run_scan(Context& ctx, const CLI::App&) {
  const Lang lang = ctx.lang();
  words::ScanOptions scan_options;
  scan_options.encoding = args.encoding;
  scan_options.sheet = args.sheet;
  scan_options.sender = args.sender;
  scan_options.match.overlapping = args.overlapping;
  scan_options.match.include_warn = args.severity == "warn";

  const PluginRegistry& registry = ctx.plugins();
  // Files are scanned side by side: the plugins' layouts are asked for now, not by a worker.
  const chatlog::Layouts& layouts = ctx.chat_layouts(args.layouts);
  layouts.all();
  scan_options.layouts = &layouts;
  // Each platform's merchant layer: the team's lists (kefu.json `words`, kefu update).
  const words::Lexicon lexicon = update::scan_lexicon(registry, ctx.config(), args.platforms, args.words, args.allow);
  if (lexicon.platforms().empty())
    throw std::runtime_error("no platform with a word list is loaded; see `kefu plugins`");

  if (std::count(args.files.begin(), args.files.end(), words::kStandardInput) > 1)
    throw CLI::ValidationError("FILE", "standard input (-) can be read only once");
  std::size_t total = 0;
  for (const auto& f : args.files) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(f, ec);
    if (!ec) total += size;
  }
  Progress progress(total, lang, "扫描", "scanning");
  // Files are independent: scan them on all cores, report them in the order given.
  const std::size_t workers = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::future<words::ScanReport>> pending;
  std::vector<words::ScanReport> reports;
  std::size_t next = 0;
  auto launch = [&] {
    const std::size_t i = next++;
    pending.push_back(std::async(std::launch::async, [&, i] {
      return words::scan_file(args.files[i], lexicon, scan_options,
                              [&progress, i](std::size_t bytes) { progress.done(i).store(bytes); });
    }));
  };
  while (next < args.files.size() && next < workers) launch();
  for (std::size_t i = 0; i < args.files.size(); ++i) {
    while (pending[i].wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) progress.show();
    reports.push_back(pending[i].get());
    if (next < args.files.size()) launch();
  }
  progress.finish();

  ScanOutput out;
  out.platforms = lexicon.platforms();
  bool input_errors = false;
  for (const auto& r : reports) {
    for (const auto& h : r.hits) {
      out.hits.push_back(row_of(lexicon, r.file, h));
      const std::string& severity = out.hits.back().severity;
      (severity == "block" ? out.block : severity == "warn" ? out.warn : out.unknown)++;
    }
    out.files.push_back({r.file, words::input_kind_name(r.kind), encoding_name(r.encoding), static_cast<int>(r.bytes),
                         static_cast<int>(r.units), static_cast<int>(r.hits.size()), r.problems});
    for (const auto& p : r.problems) std::cerr << "kefu: " << p << '\n';
    if (const std::string note = table_note(r.source, lang); !note.empty()) std::cerr << r.file << ": " << note << '\n';
    input_errors = input_errors || !r.problems.empty();
  }
  if (args.format == Format::json)
    std::cout << json::write(out) << '\n';
  else if (args.format == Format::csv)
    print_csv(out);
  else
    print_text(out, lang);
  if (input_errors) return kExitUsage;
  return out.block > 0 ? kExitFindings : out.unknown > 0 ? kExitUnknown : kExitOk;
}

}  // namespace kefu::host
