#include "present/scorecard.h"

#include <kefu/json.hpp>

#include <cstdio>

namespace kefu::host::report {
namespace {

std::string fixed(double v, const char* format = "%.1f") {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

std::vector<std::string> scorecard_rule_lines(const Scorecard& card, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  std::vector<std::string> lines{tr(
      lang,
      "评分规则：每项得分 = 100 ×（实际值 − 底线）÷（目标 − 底线），低于底线记 0 分，达到目标记 100 分（越低越好的指标同式，"
      "底线高于目标）；贡献 = 得分 × 权重 ÷ 权重合计；总分 = 各项贡献之和（0-100）；排名为组内名次。"
      "某项没有数值或目标时，总分不计（不按 0 分计）。未写目标的指标按各人适用的 KPI 目标（个人 → 店铺 → 组 → 平台 → 全局）。",
      "Rule: each metric's points = 100 × (value − floor) / (target − floor), 0 at or below the floor, 100 at or "
      "beyond the target (the same formula where lower is better: the floor is above the target); contribution = "
      "points × weight / total weight; score = the sum of contributions (0-100); rank within the group. A metric "
      "without a value or target leaves the score unknown (never counted as 0). A metric without its own target "
      "uses each person's KPI target in force (person → shop → group → platform → global).")};
  double total = 0;
  for (const auto& m : card.rule) total += m.weight;
  for (const auto& m : card.rule) {
    std::string line = metric_name(m.metric, lang) + tr(lang, "：权重 ", ": weight ") + fixed(m.weight, "%g") + " (" +
                       fixed(100 * m.weight / total, "%.0f") + "%)" + tr(lang, "，底线 ", ", floor ") +
                       format_value(m.metric, m.floor, lang) + tr(lang, "，目标 ", ", target ");
    line += m.target ? format_value(m.metric, m.target, lang)
                     : tr(lang, "各人适用的 KPI 目标", "each person's KPI target");
    lines.push_back(line);
  }
  return lines;
}

std::string not_in_roster_text(const std::vector<std::string>& accounts, Lang lang) {
  if (accounts.empty()) return "";
  std::string list, add;
  for (const std::string& a : accounts) {
    list += (list.empty() ? "" : ", ") + a;
    // platform/shop/agent → a roster line: person,name,team,role,platform,shop,account,from,to
    const auto s1 = a.find('/'), s2 = a.find('/', s1 + 1);
    add += (add.empty() ? "" : "; ") + std::string("?,,,,") + a.substr(0, s1) + "," + a.substr(s1 + 1, s2 - s1 - 1) +
           "," + a.substr(s2 + 1) + ",,";
  }
  const std::string n = std::to_string(accounts.size());
  return tr(lang, n + " 个账号不在花名册中：", n + (accounts.size() == 1 ? " account" : " accounts") +
                                                   " not in the roster: ") +
         list +
         tr(lang, "。按人员汇总时它们单独成行、不计入任何人。请在花名册文件中为每个账号加一行（把 ? 换成该人的编号，并填组、角色、起始日期）：",
            ". By person they keep rows of their own, in no one's figures. Add a roster line for each (replace ? "
            "with the person's id; fill in team, role and from): ") +
         add;
}

Section scorecard_section(const Scorecard& card, const RenderContext& ctx) {
  const Lang lang = ctx.lang;
  Section s{"scorecard",
            tr(lang, "绩效表（", "Scorecard (") + card.period.label + tr(lang, "）", ")"),
            scorecard_rule_lines(card, ctx),
            {tr(lang, "组", "Group"), tr(lang, "组内排名", "Rank in group"), tr(lang, "姓名", "Name"),
             tr(lang, "平台", "Platform")},
            {},
            {},
            {},
            {}};
  for (const auto& m : card.rule) {
    const std::string name = metric_name(m.metric, lang);
    s.header.push_back(name);
    s.header.push_back(name + tr(lang, " 得分", " points"));
    s.header.push_back(name + tr(lang, " 贡献", " contribution"));
  }
  s.header.push_back(tr(lang, "总分", "Score"));
  for (const ScoreRow& row : card.rows) {
    const std::string platforms = platform_name(row.platform, ctx);
    std::vector<std::string> cells{
        row.group.empty() ? "—" : row.group,
        row.rank ? std::to_string(*row.rank) + "/" + std::to_string(row.group_size) : "—", row.name, platforms};
    bool below_floor = false;
    for (const ScoreLine& l : row.lines) {
      cells.push_back(format_value(l.metric, l.value, lang));
      cells.push_back(l.points ? fixed(*l.points) : tr(lang, l.value ? "无目标" : "无数据", l.value ? "no target" : "no data"));
      cells.push_back(l.contribution ? fixed(*l.contribution) : "—");
      below_floor = below_floor || (l.points && *l.points == 0);
    }
    cells.push_back(row.score ? fixed(*row.score) : "—");
    s.rows.push_back(std::move(cells));
    s.row_missed.push_back(below_floor);
  }
  if (const std::string t = not_in_roster_text(card.not_in_roster, lang); !t.empty()) s.lines.push_back(t);
  if (card.rows.empty())
    s.lines.push_back(tr(lang, "本期没有花名册中人员的数据。", "No data of roster people in this period."));
  return s;
}

void render_scorecard_table(const Scorecard& card, const RenderContext& ctx, std::ostream& out) {
  const Section s = scorecard_section(card, ctx);
  out << s.title << "\n";
  for (const auto& line : s.lines) out << wrap(line, 100, "  ", "  ");
  if (s.rows.empty()) return;
  Table table(s.header);
  for (const auto& row : s.rows) table.add(row);
  table.print(out);
}

void render_scorecard_json(const Scorecard& card, std::ostream& out) { out << json::write(card) << "\n"; }

}  // namespace kefu::host::report
