#include "present/compliance_sections.h"

#include <cctype>
#include <cstdio>

namespace kefu::host::report {
namespace {

std::string count(std::int64_t n) { return std::to_string(n); }

std::string signed_count(const std::optional<std::int64_t>& n) {
  if (!n) return "";
  return (*n > 0 ? "+" : "") + std::to_string(*n);
}

std::string row_kind(const std::string& by, Lang lang) {
  if (by == "person") return tr(lang, "人员", "Person");
  if (by == "group") return tr(lang, "组", "Group");
  return tr(lang, "客服", "Agent");
}

std::string row_platform(const std::string& platform, const RenderContext& ctx) {
  if (platform.empty() || platform.find(',') != std::string::npos) return platform;
  return platform_name(platform, ctx);
}

// "违规 3（禁用 3）" style summary of the period as a sentence.
std::string summary(const Compliance& c, const Report& r, Lang lang) {
  char buf[512];
  if (!c.scanned) {
    return tr(lang,
              "本期没有导入过可质检的聊天记录：质检结果未知（不是 0 处）。用 kefu ingest 导入本期的聊天记录后再出报表。",
              "No chat logs were ingested for QC in this period: the QC result is unknown (not 0 hits). Ingest the "
              "period's chat logs with kefu ingest, then report again.");
  }
  std::snprintf(buf, sizeof buf,
                lang == Lang::zh ? "本期扫描客服消息 %lld 条（%lld 个店铺日），违规命中 %lld 处（禁用与提示），平台立场未知 %lld 处（单列，不算违规）。"
                                 : "This period %lld agent messages were scanned (%lld shop days): %lld violations "
                                   "(block and warn), %lld hits whose category's stance on the platform is not known "
                                   "(listed apart, not violations).",
                static_cast<long long>(c.messages), static_cast<long long>(c.days),
                static_cast<long long>(c.violations), static_cast<long long>(c.unknown));
  std::string s = buf;
  if (!r.previous) return s;
  if (!c.previous_scanned) {
    s += tr(lang, "上期（", " The previous period (") + r.previous->label +
         tr(lang, "）没有质检数据，无法对比。", ") has no QC data: no comparison.");
  } else {
    std::snprintf(buf, sizeof buf,
                  lang == Lang::zh ? "上期（%s）扫描 %lld 条，违规 %lld 处，未知 %lld 处。"
                                   : " The previous period (%s): %lld messages scanned, %lld violations, %lld unknown.",
                  r.previous->label.c_str(), static_cast<long long>(c.previous_messages),
                  static_cast<long long>(c.previous_violations), static_cast<long long>(c.previous_unknown));
    s += buf;
  }
  return s;
}

Section counts(const Report& r, const Compliance& c, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  Section s{"compliance",
            tr(lang, "质检：客服消息用语（对照各店平台的词表）", "QC: agents' messages against their shop's platform list"),
            {summary(c, r, lang)}, {}, {}, {}, {}, {}};
  s.lines.push_back(tr(lang,
                       "导入聊天记录时，每条客服消息都按 kefu scan --platform <店铺平台> 的词表扫描（含团队词表与上下文豁免）。"
                       "禁用、提示算违规；未知是该类别在该平台的立场没有来源（如京东、抖音的引流），单列，不算违规。",
                       "At ingest every agent message is scanned with the list kefu scan --platform <the shop's "
                       "platform> uses (team lists and context exemptions included). Block and warn hits are "
                       "violations; unknown means no source gives the platform's stance on the category (diversion "
                       "on JD and Douyin), listed apart and never counted as a violation."));
  if (!c.partial_days.empty()) {
    std::string days;
    for (std::size_t i = 0; i < c.partial_days.size() && i < 5; ++i) days += (i ? ", " : "") + c.partial_days[i];
    if (c.partial_days.size() > 5) days += " …";
    s.lines.push_back(std::string(tr(lang, "这些店铺日有部分消息导入于 Kefu 质检之前，没有扫描过（条数仍计入）：",
                                     "Some messages of these shop days were stored before Kefu scanned them and were "
                                     "never scanned (they are still counted): ")) +
                      days + tr(lang, "。把当天的聊天记录重新导入即可补扫。", ". Ingest those days' chat logs again to scan them."));
  }
  if (!c.scanned && !c.previous_scanned) return s;
  s.header = {row_kind(c.by, lang),
              tr(lang, "平台", "Platform"),
              tr(lang, "类别", "Category"),
              tr(lang, "禁用", "Block"),
              tr(lang, "提示", "Warn"),
              tr(lang, "本期违规", "Violations"),
              tr(lang, "上期违规", "Previous"),
              tr(lang, "变化", "Change"),
              tr(lang, "未知 本期/上期", "Unknown this/prev."),
              tr(lang, "扫描消息 本期/上期", "Messages scanned this/prev.")};
  auto scanned_of = [&](const ComplianceRow& row) {
    return (row.scanned ? count(row.messages) : std::string("—")) + " / " +
           (row.previous_scanned ? count(row.previous_messages) : std::string("—"));
  };
  // HTML: the change is coloured, more violations red, fewer green.
  auto add = [&](std::vector<std::string> cells, const std::optional<std::int64_t>& change) {
    s.rows.push_back(std::move(cells));
    std::vector<std::string> classes(s.rows.back().size());
    if (change && *change != 0) classes[7] = *change > 0 ? "worse" : "better";
    s.cell_classes.push_back(std::move(classes));
  };
  for (const ComplianceRow& row : c.rows) {
    const std::string platform = row_platform(row.platform, ctx);
    if (row.categories.empty()) {  // scanned, no hit: 0, of how many messages
      add({row.label, platform, tr(lang, "（无命中）", "(no hit)"), "0", "0", row.scanned ? "0" : "—",
           row.previous_scanned ? "0" : "—", signed_count(row.change), "0 / 0", scanned_of(row)},
          row.change);
      continue;
    }
    for (const ComplianceCount& n : row.categories) {
      add({row.label, platform, n.category, count(n.block), count(n.warn), count(n.block + n.warn),
           c.previous_scanned ? count(n.previous_block + n.previous_warn) : "—", signed_count(n.change),
           count(n.unknown) + " / " + (c.previous_scanned ? count(n.previous_unknown) : "—"), scanned_of(row)},
          n.change);
    }
  }
  return s;
}

Section hit_lines(const Compliance& c, const RenderContext& ctx, std::size_t listed) {
  const Lang lang = ctx.lang;
  Section s{"compliance_hits", tr(lang, "质检命中明细", "QC hit lines"), {}, {}, {}, {}, {}, {}};
  if (c.hits.empty()) {
    s.lines.push_back(c.scanned ? tr(lang, "本期没有命中。", "No hit this period.")
                                : tr(lang, "本期没有质检数据。", "No QC data this period."));
    return s;
  }
  s.header = {tr(lang, "时间", "Time"),       row_kind(c.by, lang),         tr(lang, "平台", "Platform"),
              tr(lang, "类别", "Category"),   tr(lang, "判定", "Verdict"),  tr(lang, "命中", "Matched"),
              tr(lang, "原句", "Sentence"),   tr(lang, "会话", "Session")};
  for (std::size_t i = 0; i < c.hits.size() && i < listed; ++i) {
    const ComplianceHit& h = c.hits[i];
    s.rows.push_back({h.time, h.label, row_platform(h.platform, ctx), h.category, verdict_label(h.severity, lang),
                      matched_text(h, lang), h.sentence, h.session_id});
    std::vector<std::string> classes(s.rows.back().size());
    if (h.severity != "unknown") classes[4] = "worse";  // a violation; unknown stays plain
    s.cell_classes.push_back(std::move(classes));
  }
  if (c.hits.size() > listed) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  lang == Lang::zh ? "共 %zu 处，列出前 %zu 处；另有 %zu 处未列出，完整列表见 Excel 的“质检明细”或 JSON 的 compliance.hits。"
                                   : "%zu hits, the first %zu listed; %zu more are not listed here: all of them are in "
                                     "the workbook's \"QC hits\" sheet and the JSON's compliance.hits.",
                  c.hits.size(), listed, c.hits.size() - listed);
    s.lines.push_back(buf);
  }
  return s;
}

}  // namespace

std::string verdict_label(std::string_view severity, Lang lang) {
  if (severity == "block") return tr(lang, "禁用", "block");
  if (severity == "warn") return tr(lang, "提示", "warn");
  return tr(lang, "未知", "unknown");
}

std::string hit_mode_label(std::string_view mode, Lang lang) {
  if (mode == "pinyin") return tr(lang, "拼音", "same sound");
  if (mode == "initials") return tr(lang, "拼音首字母", "pinyin initials");
  if (mode == "lookalike") return tr(lang, "形近字", "look-alike");
  return tr(lang, "原文", "as written");
}

std::string matched_text(const ComplianceHit& h, Lang lang) {
  // The term is said when the text is not simply it (QQ for qq, ＶＸ for vx read as written).
  auto folded = [](std::string t) {
    for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t;
  };
  std::string s = "「" + h.text + "」";
  if (folded(h.text) != folded(h.term) || h.mode != "literal") s += " → " + h.term;
  if (h.mode != "literal") s += tr(lang, "（", " (") + hit_mode_label(h.mode, lang) + tr(lang, "）", ")");
  return s;
}

std::vector<Section> compliance_sections(const Report& r, const RenderContext& ctx, std::size_t listed) {
  if (!r.compliance) return {};
  return {counts(r, *r.compliance, ctx), hit_lines(*r.compliance, ctx, listed)};
}

}  // namespace kefu::host::report
