#include "present/sections.h"

#include "metrics/explain.h"
#include "model/catalog.h"
#include "model/whole_shop.h"
#include "present/explain_output.h"
#include "present/compliance_sections.h"
#include "present/period_sections.h"
#include "present/scorecard.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <tuple>

namespace kefu::host::report {
namespace {

// One grid cell: the value, its change (percent for volumes, the unit's difference for rates
// and times) and a KPI mark.
std::string grid_cell(const std::string& metric, const Cell& c, Lang lang) {
  std::string s = format_value(metric, c.value, lang);
  const MetricDef* def = find_metric(metric);
  const std::string change =
      def && def->unit == "count" ? format_pct(c.change_pct) : format_change(metric, c.change, lang);
  if (!change.empty()) s += " " + change;
  if (c.status == KpiStatus::missed) s += " ✗";
  if (c.status == KpiStatus::met) s += " ✓";
  return s;
}

Section grid(const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  Section s{"grid",
            tr(lang, "一、各指标（同一口径，由聊天记录重算，可跨平台比较）",
               "1. Metrics (one definition, recomputed from chat logs: comparable across platforms)"),
            {},
            {},
            {},
            {}, {}, {}, {}};
  s.lines.push_back(tr(
      lang, "每格：本期值 与上期相比的变化（比率为百分点 pp，时长为秒，数量为 %）；✓ 达标 ✗ 未达标（目标见下一节）。",
      "Each cell: the value and its change against the previous period (pp for rates, seconds for times, % "
      "for volumes); ✓ KPI met, ✗ missed (targets in the next section)."));
  s.header = {view_name(r.by, lang)};
  const bool platform_column = r.by != By::platform && r.by != By::group;
  const bool group_column = r.by == By::shop || r.by == By::person;
  if (platform_column) s.header.push_back(tr(lang, "平台", "Platform"));
  if (group_column) s.header.push_back(tr(lang, "组", "Group"));
  for (const auto& m : r.metrics) s.header.push_back(metric_name(m, lang));
  for (const Row& row : r.rows) {
    std::vector<std::string> line{row_name(row, ctx)};
    if (platform_column) line.push_back(row.total ? "" : platform_name(row.platform, ctx));
    if (group_column) line.push_back(row.group);
    bool missed = false;
    for (std::size_t i = 0; i < r.metrics.size(); ++i) {
      line.push_back(grid_cell(r.metrics[i], row.cells[i], lang));
      missed = missed || row.cells[i].status == KpiStatus::missed;
    }
    s.rows.push_back(std::move(line));
    s.row_missed.push_back(missed);
    const bool has_missed = std::any_of(r.missed_totals.begin(), r.missed_totals.end(), [&](const MissedTotal& t) {
      return t.platform == row.platform && t.shop_id == row.shop_id;
    });
    s.row_links.push_back(has_missed && !row.total ? "#" + missed_anchor(row.platform, row.shop_id) : "");
  }
  return s;
}

// A native figure's agent: 整店 for the whole shop, else the export's account name with the
// roster's person beside it (旗舰店:小美（小美）), so export and chat figures meet.
std::string native_agent_name(const NativeFigure& f, Lang lang) {
  if (f.agent_id.empty()) return tr(lang, "整店", "whole shop");
  if (f.person_name.empty()) return f.agent_id;
  return f.agent_id + tr(lang, "（", " (") + f.person_name + tr(lang, "）", ")");
}

// A native figure's row: the shop, and the agent unless it is the whole shop's figure.
std::string native_row_name(const NativeFigure& f, Lang lang) {
  return f.shop_id + " / " + native_agent_name(f, lang);
}

// The platform's own name for a figure, marked as the platform's so it is not read as Kefu's.
std::string native_metric_name(const NativeFigure& f, const RenderContext& ctx) {
  return (f.native_name.empty() ? f.metric : f.native_name) + tr(ctx.lang, "（", " (") +
         platform_name(f.platform, ctx) + tr(ctx.lang, "口径）", "'s own)");
}

Section kpis(const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  Section s{"kpi", tr(lang, "二、KPI 目标", "2. KPI targets"), {}, {}, {}, {}, {}, {}};
  s.header = {view_name(r.by, lang),        tr(lang, "指标", "Metric"),     tr(lang, "本期", "This period"),
              tr(lang, "目标", "Target"), tr(lang, "目标来自", "Set at"), tr(lang, "差距", "Gap"),
              tr(lang, "状态", "Status")};
  int missed = 0, met = 0;
  for (const Row& row : r.rows)
    for (std::size_t i = 0; i < r.metrics.size(); ++i) {
      const Cell& c = row.cells[i];
      if (c.status == KpiStatus::none) continue;
      (c.status == KpiStatus::missed ? missed : met)++;
      s.rows.push_back({row_name(row, ctx), metric_name(r.metrics[i], lang), format_value(r.metrics[i], c.value, lang),
                        format_value(r.metrics[i], c.target->value, lang), scope_name(c.target->scope, ctx),
                        format_change(r.metrics[i], c.gap, lang), status_name(c.status, lang)});
      s.row_missed.push_back(c.status == KpiStatus::missed);
    }
  // Metrics only platforms report: the target is held against the platform's own figure.
  for (const NativeFigure& f : r.native) {
    if (f.status == KpiStatus::none) continue;
    (f.status == KpiStatus::missed ? missed : met)++;
    s.rows.push_back({native_row_name(f, lang), native_metric_name(f, ctx), format_native(f.format, f.value, lang),
                      format_native(f.format, f.target->value, lang), scope_name(f.target->scope, ctx),
                      format_native_change(f.format, f.gap, lang), status_name(f.status, lang)});
    s.row_missed.push_back(f.status == KpiStatus::missed);
  }
  char buf[320];
  std::snprintf(buf, sizeof buf,
                lang == Lang::zh
                    ? "达标 %d 项，未达标 %d 项。目标取最具体的一级：个人、店铺、组、平台、全局；用本期最后一天生效的目标；"
                      "方向取自指标目录。"
                    : "%d met, %d missed. The most specific target wins: person, shop, group, platform, global; the "
                      "targets in force on the period's last day; the direction comes from the metric catalog.",
                met, missed);
  s.lines.push_back(buf);
  if (s.rows.empty())
    s.lines.push_back(
        tr(lang, "配置中没有适用的目标（config 的 targets）。", "No target in the config applies (config targets)."));
  return s;
}

Section anomalies(const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  Section s{"anomalies", tr(lang, "三、异常日", "3. Unusual days"), {anomaly_rule(lang)}, {}, {}, {}, {}, {}};
  s.header = {tr(lang, "日期", "Day"),
              tr(lang, "店铺", "Shop"),
              tr(lang, "平台", "Platform"),
              tr(lang, "指标", "Metric"),
              tr(lang, "当日", "Value"),
              tr(lang, "近期水平", "Recent level"),
              "z",
              tr(lang, "方向", "Direction")};
  for (const Anomaly& a : r.anomalies) {
    char z[32] = "—";
    if (a.score) std::snprintf(z, sizeof z, "%+.1f", *a.score);
    s.rows.push_back({a.day, a.label, platform_name(a.platform, ctx), metric_name(a.metric, lang),
                      format_value(a.metric, a.value, lang), format_value(a.metric, a.baseline, lang), z,
                      a.worse ? tr(lang, "变差", "worse") : tr(lang, "变好", "better")});
    s.row_missed.push_back(a.worse);
  }
  if (s.rows.empty()) s.lines.push_back(tr(lang, "本期没有符合规则的异常日。", "No day in the period meets the rule."));
  return s;
}

Section movers(const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  Section s{"movers", tr(lang, "四、变化最大", "4. Biggest movers"), {mover_rule(lang)}, {}, {}, {}, {}, {}};
  if (!r.previous) {
    s.lines = {tr(lang, "未与上期比较（--compare none）。", "Not compared with a previous period (--compare none).")};
    return s;
  }
  s.header = {view_name(r.by, lang),          tr(lang, "平台", "Platform"),    tr(lang, "指标", "Metric"),
              tr(lang, "上期", "Previous"), tr(lang, "本期", "This period"), tr(lang, "变化", "Change"),
              tr(lang, "方向", "Direction")};
  for (const Mover& m : r.movers) {
    s.rows.push_back({m.label, platform_name(m.platform, ctx), metric_name(m.metric, lang),
                      format_value(m.metric, m.previous, lang), format_value(m.metric, m.value, lang),
                      format_pct(m.change_pct), m.better ? tr(lang, "变好", "better") : tr(lang, "变差", "worse")});
    s.row_missed.push_back(!m.better);
  }
  return s;
}

// The platforms' own figures, one table per platform: never side by side with another's.
std::vector<Section> native(const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  std::vector<Section> out;
  for (const NativeFigure& f : r.native) {
    if (out.empty() || out.back().id != "native:" + f.platform) {
      Section s{"native:" + f.platform,
                tr(lang, "五、平台原生指标：", "5. The platform's own figures: ") + platform_name(f.platform, ctx),
                {},
                {},
                {},
                {}, {}, {}};
      s.lines.push_back(
          tr(lang, "按该平台自己的口径统计，只与自己的上期比较，不与其他平台并列比较。数量为合计，其余为日均。",
             "Under this platform's own definitions: compared only with its own previous period, never with "
             "another platform. Volumes are totals, the rest daily means."));
      s.lines.push_back(
          tr(lang,
             "目标：只对 Kefu 不能由聊天记录重算的指标（满意率、询单转化率、客服销售额等）按平台口径判断；"
             "可重算的指标的目标见第一、二节。",
             "Targets: judged here on the platform's own figure only for metrics Kefu cannot recompute "
             "from chat logs (satisfaction, conversion, sales ...); the others' targets are in sections "
             "1 and 2."));
      s.header = {
          tr(lang, "店铺", "Shop"),        tr(lang, "客服", "Agent"),       tr(lang, "平台指标名", "Platform's name"),
          tr(lang, "对应指标", "Maps to"), tr(lang, "本期", "This period"), tr(lang, "上期", "Previous"),
          tr(lang, "变化", "Change"),      tr(lang, "天数", "Days"),        tr(lang, "目标", "Target"),
          tr(lang, "状态", "Status")};
      out.push_back(std::move(s));
    }
    const bool canonical = find_metric(f.metric) != nullptr;
    std::string days = std::to_string(f.days);
    if (f.pending_days)
      days += std::string(tr(lang, "（", " (")) + std::to_string(f.pending_days) + tr(lang, " 天待统计）", " pending)");
    out.back().rows.push_back(
        {f.shop_id, native_agent_name(f, lang),
         f.native_name.empty() ? f.metric : f.native_name, canonical ? metric_name(f.metric, lang) : "—",
         format_native(f.format, f.value, lang), format_native(f.format, f.previous, lang),
         format_native_change(f.format, f.change, lang), days,
         f.target ? format_native(f.format, f.target->value, lang) : "", status_name(f.status, lang)});
    out.back().row_missed.push_back(f.status == KpiStatus::missed);
  }
  return out;
}

// The recomputed figure's window against the line, the way a supervisor plans the week: the
// margin, then how many good units the shop still needs, or how many misses it can still take.
std::string window_standing(const DefinitionSide& d, Lang lang) {
  if (!d.window_margin) return "—";
  std::string out = format_native_change(d.format, d.window_margin, lang);
  const std::string days = std::to_string(d.window_days);
  if (*d.window_margin >= 0)
    out += d.can_afford ? (lang == Lang::zh ? "（" + days + " 天窗口，还能承受 " + std::to_string(*d.can_afford) + " 个未达标）"
                                            : " (" + days + "-day window, can afford " + std::to_string(*d.can_afford) + " more misses)")
                        : (lang == Lang::zh ? "（" + days + " 天窗口）" : " (" + days + "-day window)");
  else
    out += d.to_meet ? (lang == Lang::zh ? "（" + days + " 天窗口，还需 " + std::to_string(*d.to_meet) + " 个达标才到线）"
                                         : " (" + days + "-day window, " + std::to_string(*d.to_meet) + " more good units to reach it)")
                     : (lang == Lang::zh ? "（" + days + " 天窗口内已无法到线）" : " (out of reach in this " + days + "-day window)");
  if (!d.window_assessed) out += tr(lang, "；样本不足，平台不考核", "; sample too small: not assessed");
  return out;
}

// Each platform metric three ways: exported, Kefu's canonical, the platform's own recomputed
// (or the parameters the platform leaves unknown), and the exported figure against the line.
Section sides(const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  Section s{"sides", tr(lang, "六、口径对照：平台导出、Kefu 统一口径、平台口径重算", "6. Definitions side by side: exported, Kefu's, the platform's recomputed"), {}, {}, {}, {}, {}, {}};
  s.lines.push_back(tr(
      lang,
      "同名指标在不同口径下数值不同：平台导出按平台口径，Kefu 统一口径按 docs/metrics.md 的 kefu/2（客户的“谢谢”不算未回复，转接中的问题由接手客服回答）。"
      "平台口径需要的参数平台若未公开，就不能从聊天记录重算，此处写明缺哪些参数，而不是猜。",
      "A metric of one name differs between definitions: the export follows the platform's, Kefu's follows kefu/2 "
      "(docs/metrics.md: a customer's closing thanks is not an unanswered question, a question open at a transfer "
      "is answered by the receiving agent). Where the platform does not publish a parameter its definition needs, "
      "its figure cannot be recomputed from chat logs: the row names the parameters instead of guessing."));
  s.header = {tr(lang, "店铺", "Shop"),          tr(lang, "平台指标名", "Platform's name"),
              tr(lang, "平台导出", "Exported"),  tr(lang, "Kefu 统一口径", "Kefu (kefu/2)"),
              tr(lang, "平台口径重算", "Platform's way, recomputed"), tr(lang, "平台红线", "Platform's line"),
              tr(lang, "导出距红线", "Export vs line"), tr(lang, "重算距红线（考核窗口）", "Recomputed vs line (its window)")};
  for (const DefinitionSide& d : r.sides) {
    std::string recomputed;
    if (d.recomputed) {
      recomputed = format_native(d.format, d.recomputed, lang);
      if (d.gap) recomputed += std::string(tr(lang, "（导出差 ", " (export ")) + format_native_change(d.format, d.gap, lang) + tr(lang, "）", ")");
      if (d.recomputed_definition.find("[assumed:") != std::string::npos)
        recomputed += tr(lang, " 含假设", " with assumptions");
    } else if (d.computable) {
      recomputed = tr(lang, "可重算，本期无重算值（kefu ingest 导入聊天记录）", "computable; none stored this period (kefu ingest the chat logs)");
    } else {
      auto joined = [](const std::vector<std::string>& v) {
        std::string out;
        for (const auto& x : v) out += (out.empty() ? "" : ", ") + (x == "measure" ? std::string("measure") : x);
        return out;
      };
      std::string params;
      if (!d.unknown.empty()) params = tr(lang, "平台未公开：", "not published: ") + joined(d.unknown);
      if (!d.uncountable.empty())
        params += (params.empty() ? "" : tr(lang, "；", "; ")) + std::string(tr(lang, "聊天记录算不出：", "not countable from chat logs: ")) +
                  joined(d.uncountable);
      recomputed = std::string(tr(lang, "无法重算（", "not computable (")) + params + tr(lang, "）", ")");
    }
    std::string line = d.line == "unknown" ? tr(lang, "未知", "unknown") : d.line.empty() ? tr(lang, "未规定", "none stated") : d.line;
    std::string margin = d.line_margin ? format_native_change(d.format, d.line_margin, lang) : "—";
    s.rows.push_back({d.shop_id, d.native_name, format_native(d.format, d.exported, lang),
                      d.canonical ? format_value(d.metric, *d.canonical, lang) : "—", recomputed, line, margin,
                      window_standing(d, lang)});
    s.row_missed.push_back((d.line_margin && *d.line_margin < 0) || (d.window_margin && *d.window_margin < 0));
  }
  return s;
}

// The sessions behind each shop's shortfall, from what ingest kept for kefu explain: totals per
// reason first (one line a supervisor can say aloud), then each listed session.
Section missed(const Report& r, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  Section s{"missed", tr(lang, "七、未达标的会话及原因", "7. The sessions behind the shortfalls, and why"), {}, {}, {}, {}, {}, {}};
  s.lines.push_back(tr(lang,
                       "由导入时保存的明细得出（kefu explain 同源）；每店每指标最多列 20 个会话，合计数包含全部。"
                       "查看完整明细：kefu explain 指标 --store 文件 --shop 店铺 --week 周。",
                       "From what ingest kept for kefu explain; at most 20 sessions per shop and metric are listed, "
                       "the totals count all. Everything: kefu explain METRIC --store FILE --shop SHOP --week W."));
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<const MissedTotal*>> totals;
  for (const MissedTotal& t : r.missed_totals) totals[{t.platform, t.shop_id, t.metric}].push_back(&t);
  for (const auto& [key, list] : totals) {
    int all = 0;
    std::string parts;
    for (const MissedTotal* t : list) {
      all += t->count;
      const auto reason = metrics::shortfall_from_name(t->reason);
      parts += (parts.empty() ? "" : tr(lang, "，", ", ")) +
               (reason ? metrics::shortfall_label(*reason, lang) : t->reason) + " " + std::to_string(t->count);
    }
    s.lines.push_back(std::get<1>(key) + " " + metric_name(std::get<2>(key), lang) + tr(lang, "：未达标 ", ": missed ") +
                      std::to_string(all) + tr(lang, "（", " (") + parts + tr(lang, "）", ")"));
  }
  s.header = {tr(lang, "店铺", "Shop"),     tr(lang, "指标", "Metric"),     tr(lang, "日期", "Day"),
              tr(lang, "会话", "Session"),  tr(lang, "计入客服", "Counts for"), tr(lang, "原因", "Reason"),
              tr(lang, "提问时间", "Asked at"), tr(lang, "用时", "Took"),    tr(lang, "最后一条消息", "Last message")};
  std::string previous_shop;
  for (const MissedSession& m : r.missed) {
    const auto reason = metrics::shortfall_from_name(m.reason);
    std::string agent = m.agent == kUnassigned ? std::string(tr(lang, "未分配", "unassigned")) : m.agent;
    s.rows.push_back({m.shop_id, metric_name(m.metric, lang), m.day, m.session_id, agent,
                      reason ? metrics::shortfall_label(*reason, lang) : m.reason, m.asked_at.substr(11),
                      m.delay_s ? format_value("avg_response_s", *m.delay_s, lang) : "", m.last_message});
    s.row_missed.push_back(false);
    const std::string shop = m.platform + "/" + m.shop_id;
    s.row_ids.push_back(shop != previous_shop ? missed_anchor(m.platform, m.shop_id) : "");
    previous_shop = shop;
  }
  return s;
}

std::string note_text(const Note& n, Lang lang) {
  if (n.kind == "shop_not_in_config")
    return n.subject + tr(lang, "：有数据，但不在配置的 shops 中（按店铺编号显示，无分组）。",
                          ": has data but is not in the config's shops (shown by its id, no group).");
  if (n.kind == "shop_without_data")
    return n.subject + tr(lang, "：配置中有此店铺，但本期没有重算指标（导入它的聊天记录了吗？）。",
                          ": in the config but without recomputed metrics this period (were its chat logs ingested?).");
  if (n.kind == "mixed_definitions")
    return tr(lang, "注意：本期的重算指标来自不同的口径版本（", "Note: this period's recomputed figures come from different "
                                                                  "definition versions (") +
           n.subject +
           tr(lang, "），合计中混用了两种口径。请用同一 --definitions 重新导入这些天的聊天记录。",
              "), so the totals mix them. Re-ingest those days' chat logs with one --definitions.");
  if (n.kind == "target_without_figure")
    return n.subject + tr(lang, "：本报表中没有数值可与此目标对照（本期没有该指标的数据，或本视图不显示其店铺）。",
                          ": no figure in this report to hold this target against (no data for the metric in the "
                          "period, or its shop is not in this view).");
  return n.kind + ": " + n.subject;
}

}  // namespace

std::string missed_anchor(const std::string& platform, const std::string& shop_id) {
  std::string id = "missed-" + platform + "-" + shop_id;
  for (char& c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) c = '_';
  return id;
}

std::string report_title(const Report& r, Lang lang) {
  return tr(lang, "客服报表 ", "Customer-service report ") + period_line(r, lang);
}

std::vector<Section> report_sections(const Report& r, const RenderContext& ctx) {
  // QC next to the response metrics: a supervisor reads both of an agent's week together.
  std::vector<Section> out{grid(r, ctx)};
  for (Section& s : compliance_sections(r, ctx)) out.push_back(std::move(s));
  out.push_back(kpis(r, ctx));
  out.push_back(anomalies(r, ctx));
  out.push_back(movers(r, ctx));
  for (Section& s : native(r, ctx)) out.push_back(std::move(s));
  if (!r.sides.empty()) out.push_back(sides(r, ctx));
  if (!r.missed_totals.empty()) out.push_back(missed(r, ctx));
  for (Section& s : period_sections(r, ctx)) out.push_back(std::move(s));
  if (!r.notes.empty()) {
    Section notes{"notes", tr(ctx.lang, "说明", "Notes"), {}, {}, {}, {}, {}, {}};
    std::vector<std::string> not_in_roster;  // said once, all together, with what to add
    for (const Note& n : r.notes)
      if (n.kind == "account_not_in_roster")
        not_in_roster.push_back(n.subject);
      else
        notes.lines.push_back(note_text(n, ctx.lang));
    if (!not_in_roster.empty()) notes.lines.push_back(not_in_roster_text(not_in_roster, ctx.lang));
    out.push_back(std::move(notes));
  }
  return out;
}

}  // namespace kefu::host::report
