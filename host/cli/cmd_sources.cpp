#include "cli/cmd_sources.h"

#include "platforms/fact_sources.h"
#include "present/text.h"

#include <kefu/json.hpp>

#include <CLI/CLI.hpp>

#include <iostream>

namespace kefu::host {
namespace {

// Facts per confidence label, by the labels' JSON names.
struct LabelCounts {
  int official = 0, law = 0, third_party = 0, merchant = 0, none = 0;
  int& operator[](Confidence c) {
    switch (c) {
      case Confidence::official:
        return official;
      case Confidence::law:
        return law;
      case Confidence::third_party:
        return third_party;
      case Confidence::merchant:
        return merchant;
      case Confidence::none:
        break;
    }
    return none;
  }
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("official", s.official);
    v("law", s.law);
    v("third_party", s.third_party);
    v("merchant", s.merchant);
    v("none", s.none);
  }
};

// The JSON shape of `kefu sources --format json` (docs/rules.md, "Sources").
struct SourcesJson {
  std::string platform;  // the --platform asked for, "" for all
  std::vector<facts::Fact> facts;
  LabelCounts by_confidence;
  int quoted = 0;  // facts whose source was not re-read (quoted_in)
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("facts", s.facts);
    v("by_confidence", s.by_confidence);
    v("quoted", s.quoted);
  }
};

struct Args {
  std::string platform;
  Format format = Format::table;
  bool json = false;
} args;  // kefu parses one command line

std::string kind_label(const std::string& kind, Lang lang) {
  if (kind == "rule") return tr(lang, "规则", "rule");
  if (kind == "metric") return tr(lang, "指标", "metric");
  if (kind == "metric_parameter") return tr(lang, "指标参数", "metric parameter");
  if (kind == "term") return tr(lang, "词条", "term");
  if (kind == "allow") return tr(lang, "放行短语", "allowed phrase");
  return kind;
}

std::string fact_text(const facts::Fact& f, Lang lang) {
  std::string t = f.fact;
  if (!f.effective_from.empty()) t += tr(lang, "（", " (") + effective_from_text(f.effective_from, lang) + tr(lang, "）", ")");
  if (!f.known) t += tr(lang, " = 未知", " = unknown");
  return t;
}

std::string source_cell(const Source& s, Lang lang) {
  std::string t = s.title.empty() ? std::string(tr(lang, "（无）", "(none)")) : s.title;
  if (!s.url.empty()) t += " " + s.url;
  if (!s.note.empty() && (s.confidence == Confidence::none || s.title.empty())) t += tr(lang, "；", "; ") + s.note;
  return t;
}

}  // namespace

void add_sources_options(CLI::App& cmd, ConfigPaths&) {
  cmd.add_option("--platform", args.platform,
                 "only this platform's facts (and the common law it inherits), e.g. jd (see `kefu plugins`)");
  add_format_option(cmd, args.format, {Format::table, Format::json});
  cmd.add_flag("--json", args.json, "the same as --format json");
}

int run_sources(Context& ctx, const CLI::App&) {
  const std::vector<std::string> ids = args.platform.empty() ? std::vector<std::string>{}
                                                             : std::vector<std::string>{args.platform};
  SourcesJson out{args.platform, facts::list_facts(ctx.plugins(), ids), {}, 0};
  for (const facts::Fact& f : out.facts) {
    ++out.by_confidence[f.source.confidence];
    out.quoted += !f.source.quoted_in.empty();
  }
  if (args.json || args.format == Format::json) {
    std::cout << json::write(out) << '\n';
    return kExitOk;
  }
  const Lang lang = ctx.lang();
  Table table({tr(lang, "平台", "platform"), tr(lang, "种类", "kind"), tr(lang, "事实", "fact"),
               tr(lang, "可信度", "label"), tr(lang, "查阅", "read"), tr(lang, "来源", "source")});
  for (const facts::Fact& f : out.facts)
    table.add({f.platform, kind_label(f.kind, lang), fact_text(f, lang), confidence_label(f.source.confidence, lang),
               f.source.seen.empty() ? "—" : source_read_text(f.source, lang), source_cell(f.source, lang)});
  table.print(std::cout);
  std::cout << out.facts.size() << tr(lang, " 条事实：", " facts: ");
  bool first = true;
  for (const Confidence c : {Confidence::official, Confidence::law, Confidence::third_party, Confidence::merchant,
                             Confidence::none}) {
    const int n = out.by_confidence[c];
    if (n == 0) continue;
    std::cout << (first ? "" : tr(lang, "，", ", ")) << confidence_label(c, lang) << " " << n;
    first = false;
  }
  std::cout << tr(lang, "；其中 ", "; ") << out.quoted
            << tr(lang, " 条没有重读原页面，转引自仓库里的调研记录（docs/research/）\n",
                  " not re-read at their source but as quoted in the research notes (docs/research/)\n");
  return kExitOk;
}

}  // namespace kefu::host
