#include "present/rules_render.h"
#include "present/stance_text.h"

#include <kefu/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

namespace kefu::host {
namespace {

using rules::Briefing;
using rules::RuleChange;
using rules::Verdict;

constexpr std::size_t kWidth = kTextWidth;

std::string clock(int minutes) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%d:%02d", minutes / 60, minutes % 60);
  return buf;
}

std::string number(double n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", n);
  return buf;
}

std::string duration_en(double seconds) {
  if (seconds >= 86400 && std::fmod(seconds, 86400) == 0) return number(seconds / 86400) + " days";
  if (seconds >= 3600 && std::fmod(seconds, 3600) == 0) return number(seconds / 3600) + " h";
  if (seconds >= 60 && std::fmod(seconds, 60) == 0) return number(seconds / 60) + " min";
  return number(seconds) + " s";
}

// Labels of the catalog's enum levels.
std::string level_label(const std::string& level, Lang lang) {
  static const std::map<std::string, std::pair<const char*, const char*>> labels = {
      {"message", {"按消息（每条都算）", "per message (every one counts)"}},
      {"round", {"按对话轮次", "per round (question → first answer)"}},
      {"session", {"按会话（只算首次应答）", "per session (first answer only)"}},
      {"person", {"按人", "per person"}},
      {"all", {"机器人回复也算", "bot replies count"}},
      {"assist_only", {"只有人工阶段的辅助应答算", "only assist replies in the human stage count"}},
      {"none", {"只算人工回复", "human replies only"}},
  };
  const auto it = labels.find(level);
  return it == labels.end() ? level : tr(lang, it->second.first, it->second.second);
}

std::string side_name(const rules::BriefingSide& s, Lang lang) {
  std::string name = lang == Lang::zh ? s.name_zh : s.name_en;
  if (name.empty()) name = s.platform;
  return name;
}

// Two sides of one platform are told apart by their dates.
std::pair<std::string, std::string> side_labels(const Briefing& b, Lang lang) {
  std::string from = side_name(b.from, lang), to = side_name(b.to, lang);
  if (b.from.platform == b.to.platform) from += " " + b.from.as_of, to += " " + b.to.as_of;
  return {from, to};
}

std::string penalty_text(const std::optional<Rule>& r, Lang lang) {
  if (!r || r->penalty.system.empty()) return tr(lang, "未写明", "none stated");
  std::string t = r->penalty.system;
  if (!r->penalty.amount.empty()) t += " " + r->penalty.amount;
  if (!r->penalty.text.empty()) t += tr(lang, "：", ": ") + r->penalty.text;
  return t;
}

std::string source_text(const Source& s, Lang lang) {
  std::string t = s.title + tr(lang, "（", " (") + confidence_label(s.confidence, lang) + tr(lang, "，", ", ") +
                  source_read_text(s, lang) + tr(lang, "）", ")");
  if (!s.url.empty()) t += " " + s.url;
  return t;
}

std::string verdict_label(Verdict v, Lang lang) {
  switch (v) {
    case Verdict::stricter:
      return tr(lang, "更严", "stricter");
    case Verdict::looser:
      return tr(lang, "更宽松", "looser");
    case Verdict::changed:
      return tr(lang, "不同", "different");
    case Verdict::same:
      return tr(lang, "相同", "same");
    case Verdict::unknown:
      return tr(lang, "未知", "unknown");
  }
  return "?";
}

std::string side_value(const RuleKeyDef* def, const std::optional<Rule>& r, Lang lang) {
  return r ? rule_value_text(def, r->value, lang) : tr(lang, "无此规则", "no such rule");
}

const RuleChange* find_change(const Briefing& b, const std::string& key) {
  for (const auto* section : {&b.rules.stricter, &b.rules.only_to, &b.rules.unknown, &b.rules.changed, &b.rules.looser,
                              &b.rules.only_from, &b.rules.same})
    for (const RuleChange& c : *section)
      if (c.key == key) return &c;
  return nullptr;
}

// One side's stance on a category, as `kefu words` and `kefu scan` word it (present/stance_text.h).
std::string side_stance_text(const rules::SideStance& s, Lang lang) {
  words::CategoryStance c;
  c.stance = s.stance == "banned"    ? words::Stance::banned
             : s.stance == "allowed" ? words::Stance::allowed
             : s.stance == "unknown" ? words::Stance::unknown
                                     : words::Stance::listed;
  c.rule_name = s.rule_name;
  c.inherited = s.inherited;
  c.source = s.source;
  return stance_basis(c, lang);
}

std::string words_summary(const rules::WordShift& shift, Lang lang, std::size_t examples) {
  std::string t;
  for (const rules::CategoryShift& g : shift.by_category) {
    if (!t.empty()) t += tr(lang, "；", "; ");
    t += g.category + " " + std::to_string(g.count);
    std::string ex;
    for (std::size_t i = 0; i < g.examples.size() && i < examples; ++i) ex += (i ? "、" : "") + g.examples[i].text;
    if (!ex.empty())
      t += tr(lang, "（", " (") + ex + (static_cast<std::size_t>(g.count) > examples ? "…" : "") + tr(lang, "）", ")");
  }
  return t;
}

std::string headline_text(const Briefing& b, const rules::HeadlineItem& h, Lang lang,
                          const std::pair<std::string, std::string>& names) {
  if (h.kind == "words") {
    std::string t = tr(lang, "[新禁用词] ", "[newly banned words] ") + std::to_string(b.words.newly_banned.count) +
                    tr(lang, " 个词在", " terms are banned on ") + names.second + tr(lang, "禁用而在", " but not on ") +
                    names.first + tr(lang, "不禁用：", ": ") + words_summary(b.words.newly_banned, lang, 3);
    if (b.scripts && !b.scripts->violations.empty())
      t += tr(lang, "；你的话术有 ", "; ") + std::to_string(b.scripts->lines_violating) +
           tr(lang, " 行会命中", " of your script lines hit them");
    return t;
  }
  const RuleChange* c = find_change(b, h.key);
  if (!c) return h.key;
  const RuleKeyDef* def = find_rule_key(c->key);
  std::string t =
      "[" +
      (h.section == "unknown" ? std::string(tr(lang, "新处罚线", "penalty line")) : verdict_label(c->verdict, lang)) +
      "] " + rule_name(def, c->key, lang) + tr(lang, "：", ": ") + side_value(def, c->from, lang) + " → " +
      side_value(def, c->to, lang);
  if (c->to && !c->to->penalty.system.empty()) t += tr(lang, "；处罚：", "; penalty: ") + penalty_text(c->to, lang);
  return t;
}

std::string ranking_rule(Lang lang) {
  return tr(
      lang,
      "排序规则：到岗平台更严或新增、且写明处罚的规则 100 分（对方未知时同样计入），没有处罚的 60 分，"
      "无法排严宽的变化 40 分；新禁用词 75 分，话术命中时 95 分；再按类别加分（服务/响应、处罚 +30，服务时间 +20，"
      "沟通/引流 +15，营销/评价 +10，其他 +5），同分按规则目录顺序，取前 5 项。",
      "Ranking: a rule that is stricter or new on the destination and carries a penalty scores 100 (also when the "
      "origin's is unknown), without a penalty 60, a change that cannot be ordered 40; newly banned words 75, or 95 "
      "when a script line hits one; plus a category weight (service/response and penalties +30, hours +20, "
      "diversion +15, marketing/reviews +10, others +5); ties keep catalog order; the top 5 are shown.");
}

// An unchanged rule's name, with the platform's rename when the value stayed but the name moved.
std::string same_text(const RuleChange& c, Lang lang) {
  std::string t = rule_name(find_rule_key(c.key), c.key, lang);
  if (c.from && c.to && c.from->native_name != c.to->native_name)
    t += tr(lang, "（改名：", " (renamed: ") + c.from->native_name + " → " + c.to->native_name + tr(lang, "）", ")");
  return t;
}

// A definition difference from pair_metrics ("unit: a → b"), with its parameter named for people.
std::string difference_text(const std::string& d, Lang lang) {
  if (lang == Lang::en) return d;
  static const std::pair<const char*, const char*> names[] = {{"unit: ", "计数单位："},
                                                              {"window: ", "考核时段："},
                                                              {"bot_replies: ", "机器人回复："},
                                                              {"threshold: ", "时限："}};
  for (const auto& [en, zh] : names)
    if (d.starts_with(en)) return zh + d.substr(std::strlen(en));
  return d;
}

// "（暂不可用：rules_only 插件没有提供词表）": a section the plugins cannot fill yet.
std::string unavailable_text(const std::string& platform, const std::string& reason_en, const char* what_zh,
                             Lang lang) {
  if (lang == Lang::en) return "(not available yet: " + reason_en + ")";
  return "（暂不可用：" + platform + " 插件没有提供" + what_zh + "）";
}

// ---- text ---------------------------------------------------------------------------------

void text_change(const RuleChange& c, const std::pair<std::string, std::string>& names, Lang lang, std::ostream& out) {
  const RuleKeyDef* def = find_rule_key(c.key);
  out << wrap(rule_name(def, c.key, lang) + " " + c.key + " [" + c.category + "]", kWidth, "  ▸ ", "    ");
  auto side = [&](const std::string& name, const std::optional<Rule>& r, bool inherited) {
    std::string t = name + tr(lang, "：", ": ") + side_value(def, r, lang);
    if (r) {
      t += " — " + r->native_name;
      if (!r->effective_from.empty())
        t += tr(lang, "（", " (") + effective_from_text(r->effective_from, lang) + tr(lang, "）", ")");
      if (inherited) t += tr(lang, " ［法律，各平台通用］", " [law, every platform]");
    }
    out << wrap(t, kWidth, "    ", "      ");
  };
  side(names.first, c.from, c.from_inherited);
  side(names.second, c.to, c.to_inherited);
  if ((c.from && !c.from->penalty.system.empty()) || (c.to && !c.to->penalty.system.empty()))
    out << wrap(tr(lang, "处罚：", "penalty: ") + names.first + " " + penalty_text(c.from, lang) + " ｜ " +
                    names.second + " " + penalty_text(c.to, lang),
                kWidth, "    ", "      ");
  const std::optional<Rule>& detail = c.to ? c.to : c.from;
  if (detail && !detail->detail.empty())
    out << wrap(tr(lang, "说明：", "detail: ") + detail->detail, kWidth, "    ", "      ");
  if (c.to)
    out << wrap(
        tr(lang, "来源（", "source (") + names.second + tr(lang, "）：", "): ") + source_text(c.to->source, lang),
        kWidth, "    ", "      ");
  if (c.from)
    out << wrap(
        tr(lang, "来源（", "source (") + names.first + tr(lang, "）：", "): ") + source_text(c.from->source, lang),
        kWidth, "    ", "      ");
}

void text_section(const char* title, const std::vector<RuleChange>& changes,
                  const std::pair<std::string, std::string>& names, Lang lang, std::ostream& out) {
  out << "\n【" << title << "】（" << changes.size() << "）\n";
  if (changes.empty()) out << tr(lang, "  （无）\n", "  (none)\n");
  for (const RuleChange& c : changes) text_change(c, names, lang, out);
}

void text_rules(const Briefing& b, const std::pair<std::string, std::string>& names, Lang lang, std::ostream& out) {
  out << "\n" << tr(lang, "二、规则对比（以 ", "2. Rules (seen from ") << names.second << tr(lang, " 为准）\n", ")\n");
  const std::string to = names.second, from = names.first;
  text_section(tr(lang, "更严", "Stricter"), b.rules.stricter, names, lang, out);
  text_section((lang == Lang::zh ? "仅 " + to + " 有" : "Only on " + to).c_str(), b.rules.only_to, names, lang, out);
  text_section(tr(lang, "不同（无法排严宽）", "Different (cannot be ordered)"), b.rules.changed, names, lang, out);
  text_section(tr(lang, "更宽松", "Looser"), b.rules.looser, names, lang, out);
  text_section((lang == Lang::zh ? "仅 " + from + " 有" : "Only on " + from).c_str(), b.rules.only_from, names, lang,
               out);
  // Unknowns: one line each, so the reader sees what nobody could source.
  out << "\n【" << tr(lang, "未知（来源里找不到，不作猜测）", "Unknown (no source found; never guessed)") << "】（"
      << b.rules.unknown.size() << "）\n";
  for (const RuleChange& c : b.rules.unknown) {
    const RuleKeyDef* def = find_rule_key(c.key);
    std::string t = rule_name(def, c.key, lang) + tr(lang, "：", ": ") + names.first + " " +
                    side_value(def, c.from, lang) + " ｜ " + names.second + " " + side_value(def, c.to, lang);
    if (c.to && !c.to->penalty.system.empty())
      t += tr(lang, "（处罚：", " (penalty: ") + penalty_text(c.to, lang) + tr(lang, "）", ")");
    out << wrap(t, kWidth, "  ▸ ", "    ");
  }
  std::string same;
  for (const RuleChange& c : b.rules.same) same += (same.empty() ? "" : tr(lang, "、", ", ")) + same_text(c, lang);
  out << "\n【" << tr(lang, "相同", "Unchanged") << "】（" << b.rules.same.size()
      << tr(lang, "，已折叠）\n", ", collapsed)\n");
  if (!same.empty()) out << wrap(same, kWidth, "  ", "  ");
}

void text_metrics(const Briefing& b, const std::pair<std::string, std::string>& names, Lang lang, std::ostream& out) {
  out << "\n"
      << tr(lang, "三、在 ", "3. Metrics you will be judged on at ") << names.second
      << tr(lang, " 被考核的指标\n", "\n");
  if (!b.metrics.available) {
    out << "  " << unavailable_text(b.metrics.missing_in, b.metrics.unavailable, "指标档案", lang) << "\n";
    return;
  }
  if (!b.metrics.missing_in.empty())
    out << "  " << unavailable_text(b.metrics.missing_in, b.metrics.unavailable, "指标档案", lang) << "\n";
  for (const rules::MetricPair& p : b.metrics.items) {
    const MetricDef* canon = find_metric(p.to.canonical_key);
    std::string head = p.to.native_name;
    if (canon)
      head += " → " + std::string(lang == Lang::zh ? canon->name_zh : canon->name_en) + " " + std::string(canon->key);
    out << wrap(head, kWidth, "  ▸ ", "    ");
    if (!p.to.target.empty())
      out << wrap(tr(lang, "目标/处罚线：", "target / penalty line: ") + p.to.target, kWidth, "    ", "      ");
    out << wrap(tr(lang, "定义：", "definition: ") + p.to.definition, kWidth, "    ", "      ");
    if (!p.from) {
      out << wrap(names.first + tr(lang, "：没有对应指标", ": no counterpart"), kWidth, "    ", "      ");
      continue;
    }
    std::string cmp =
        names.first + tr(lang, "对应：", " counterpart: ") + p.from->native_name + " — " +
        (p.comparable ? tr(lang, "可直接比较", "comparable") : tr(lang, "不可直接比较", "not directly comparable"));
    for (const std::string& d : p.differences) cmp += tr(lang, "；", "; ") + difference_text(d, lang);
    out << wrap(cmp, kWidth, "    ", "      ");
    if (!p.why.empty()) out << wrap(tr(lang, "原因：", "why: ") + tr(lang, p.why_zh, p.why), kWidth, "    ", "      ");
  }
}

void text_words(const Briefing& b, const std::pair<std::string, std::string>& names, Lang lang, std::ostream& out) {
  out << "\n" << tr(lang, "四、敏感词\n", "4. Sensitive words\n");
  if (!b.words.available) {
    out << "  " << unavailable_text(b.words.missing_in, b.words.unavailable, "词表", lang) << "\n";
    return;
  }
  auto shift = [&](const std::string& title, const rules::WordShift& s) {
    out << wrap(title + tr(lang, "：", ": ") + std::to_string(s.count), kWidth, "  ", "    ");
    for (const rules::CategoryShift& g : s.by_category) {
      std::string ex;
      for (const rules::WordExample& e : g.examples) {
        ex += (ex.empty() ? "" : tr(lang, "、", ", ")) + e.text;
        if (!e.suggestion.empty()) ex += "→" + e.suggestion;
      }
      out << wrap(g.category + " " + std::to_string(g.count) + tr(lang, "：", ": ") + ex +
                      (static_cast<std::size_t>(g.count) > g.examples.size() ? " …" : ""),
                  kWidth, "    ▸ ", "      ");
    }
  };
  shift(lang == Lang::zh ? names.second + " 禁用、" + names.first + " 不禁用"
                         : "Banned on " + names.second + ", not on " + names.first,
        b.words.newly_banned);
  shift(lang == Lang::zh ? names.first + " 禁用、" + names.second + " 不禁用"
                         : "Banned on " + names.first + ", not on " + names.second,
        b.words.no_longer_banned);
  if (b.words.unknown_on_to.count > 0)
    shift(lang == Lang::zh ? names.first + " 禁用、" + names.second + " 未知（未找到" + names.second +
                                 "的规定，不等于允许，请按禁用对待）"
                           : "Banned on " + names.first + ", not known for " + names.second +
                                 " (no rule found there: not the same as allowed, treat as banned)",
          b.words.unknown_on_to);
  for (const rules::CategoryStances& c : b.words.stances) {
    if (c.from.stance == c.to.stance && c.to.stance == "banned") continue;
    out << wrap(tr(lang, "平台立场 ", "stance ") + c.category + tr(lang, "：", ": ") + names.first + " " +
                    side_stance_text(c.from, lang) + tr(lang, "；", "; ") + names.second + " " +
                    side_stance_text(c.to, lang),
                kWidth, "  ", "    ");
  }
}

void text_scripts(const Briefing& b, const std::pair<std::string, std::string>& names, Lang lang, std::ostream& out) {
  if (!b.scripts) return;
  const rules::ScriptsSection& s = *b.scripts;
  out << "\n" << tr(lang, "五、话术检查（", "5. Script check (") << s.lines << tr(lang, " 行）\n", " lines)\n");
  for (const std::string& p : s.problems) out << wrap(p, kWidth, "  ! ", "    ");
  for (const rules::ScriptViolation& v : s.violations) {
    std::string t = v.file + ":" + std::to_string(v.line) + ":" + std::to_string(v.column) + "  「" + v.matched +
                    "」 → " + v.term + " [" + v.category + "]";
    if (!v.suggestion.empty()) t += tr(lang, " 建议：", " suggestion: ") + v.suggestion;
    out << wrap(t, kWidth, "  ▸ ", "    ");
    if (!v.script.empty()) out << wrap(tr(lang, "原句：", "line: ") + v.script, kWidth, "    ", "      ");
  }
  out << wrap(lang == Lang::zh ? "共 " + std::to_string(s.lines_violating) + " 行会在 " + names.second +
                                     " 被判违规（在 " + names.first + " 不会）。"
                               : std::to_string(s.lines_violating) + " line(s) would be violations on " + names.second +
                                     " (not on " + names.first + ").",
              kWidth, "  ", "  ");
}

// ---- markdown -----------------------------------------------------------------------------

std::string cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string md_source(const Source& s, Lang lang) {
  std::string title = cell(s.title);
  if (!s.url.empty()) title = "[" + title + "](" + s.url + ")";
  return title + tr(lang, "（", " (") + confidence_label(s.confidence, lang) + ", " + cell(source_read_text(s, lang)) +
         tr(lang, "）", ")");
}

void md_section(const std::string& title, const std::vector<RuleChange>& changes,
                const std::pair<std::string, std::string>& names, Lang lang, std::ostream& out) {
  out << "\n### " << title << "（" << changes.size() << "）\n\n";
  if (changes.empty()) {
    out << tr(lang, "（无）\n", "(none)\n");
    return;
  }
  out << "| " << tr(lang, "规则", "rule") << " | " << cell(names.first) << " | " << cell(names.second) << " | "
      << tr(lang, "处罚", "penalty") << " | " << tr(lang, "说明", "detail") << " | " << tr(lang, "来源", "sources")
      << " |\n|---|---|---|---|---|---|\n";
  for (const RuleChange& c : changes) {
    const RuleKeyDef* def = find_rule_key(c.key);
    std::string penalty;
    if (c.from && !c.from->penalty.system.empty())
      penalty += cell(names.first) + "：" + cell(penalty_text(c.from, lang));
    if (c.to && !c.to->penalty.system.empty())
      penalty += (penalty.empty() ? "" : "<br>") + cell(names.second) + "：" + cell(penalty_text(c.to, lang));
    std::string sources;
    if (c.from) sources += cell(names.first) + "：" + md_source(c.from->source, lang);
    if (c.to) sources += (sources.empty() ? "" : "<br>") + cell(names.second) + "：" + md_source(c.to->source, lang);
    const std::optional<Rule>& detail = c.to ? c.to : c.from;
    out << "| " << cell(rule_name(def, c.key, lang)) << " `" << c.key << "` | " << cell(side_value(def, c.from, lang))
        << " | " << cell(side_value(def, c.to, lang)) << " | " << (penalty.empty() ? "—" : penalty) << " | "
        << cell(detail ? detail->detail : "") << " | " << sources << " |\n";
  }
}

}  // namespace

std::string rule_name(const RuleKeyDef* def, const std::string& key, Lang lang) {
  if (!def) return key;
  return std::string(lang == Lang::zh ? def->name_zh : def->name_en);
}

std::string rule_value_text(const RuleKeyDef* def, const RuleValue& v, Lang lang) {
  // An unknown value may say why in its own words (来源冲突：40秒/45秒): a conflict stays visible.
  if (!v.known) return lang == Lang::zh && !v.text.empty() ? "未知（" + v.text + "）" : tr(lang, "未知", "unknown");
  switch (v.type) {
    case ValueType::enumeration:
      return level_label(v.text, lang);
    case ValueType::time_window:
      return clock(v.window_from_min) + "-" + clock(v.window_to_min);
    case ValueType::duration:
      return lang == Lang::zh && !v.text.empty() ? v.text : duration_en(v.number);
    case ValueType::percentage:
      return lang == Lang::zh && !v.text.empty() ? v.text : number(v.number) + "%";
    case ValueType::count:
      return lang == Lang::zh && !v.text.empty() ? v.text : number(v.number);
    case ValueType::boolean:
      if (lang == Lang::zh && !v.text.empty()) return v.text;
      return v.flag ? (def && def->strictness == Strictness::true_is_stricter ? tr(lang, "是", "yes (required)")
                                                                              : tr(lang, "是", "yes"))
                    : tr(lang, "否", "no");
    case ValueType::text:
      return v.text;
  }
  return v.text;
}

void print_rule_view_text(const rules::RuleView& view, const PlatformInfo& info, Lang lang, std::ostream& out) {
  const std::string name = lang == Lang::zh ? info.name_zh : info.name_en;
  out << wrap(
      name + " (" + view.platform + ")" + tr(lang, " 规则，截至 ", " rules as of ") + view.as_of +
          tr(lang, "；规则数据 ", "; rule data ") + view.data_version +
          (view.version.empty() ? ""
                                : tr(lang, "；最近一次变更生效于 ", "; latest change in force since ") + view.version),
      kWidth, "", "  ");
  std::string category;
  for (const rules::RuleInForce& r : view.rules) {
    if (r.rule.category != category) out << "\n【" << (category = r.rule.category) << "】\n";
    const RuleKeyDef* def = find_rule_key(r.rule.key);
    std::string head = rule_name(def, r.rule.key, lang) + tr(lang, "：", ": ") +
                       rule_value_text(def, r.rule.value, lang) + "  — " + r.rule.native_name;
    if (r.inherited) head += tr(lang, " ［法律，各平台通用］", " [law, every platform]");
    out << wrap(head, kWidth, "  ▸ ", "    ");
    out << wrap(r.rule.key +
                    (r.rule.effective_from.empty() ? "" : tr(lang, "，", ", ") + effective_from_text(r.rule.effective_from, lang)) +
                    (r.versions > 1 ? tr(lang, "，有 ", ", ") + std::to_string(r.versions) +
                                          tr(lang, " 个版本（--history）", " versions (--history)")
                                    : ""),
                kWidth, "    ", "      ");
    if (!r.rule.penalty.system.empty())
      out << wrap(tr(lang, "处罚：", "penalty: ") + penalty_text(r.rule, lang), kWidth, "    ", "      ");
    if (!r.rule.detail.empty()) out << wrap(tr(lang, "说明：", "detail: ") + r.rule.detail, kWidth, "    ", "      ");
    out << wrap(tr(lang, "来源：", "source: ") + source_text(r.rule.source, lang), kWidth, "    ", "      ");
  }
  std::size_t unknown = 0;
  for (const auto& r : view.rules) unknown += !r.rule.value.known;
  out << "\n"
      << view.rules.size() << tr(lang, " 条规则，其中 ", " rules, ") << unknown
      << tr(lang, " 条未知（来源里找不到，不作猜测）\n", " unknown (no source found; never guessed)\n");
}

void print_rule_view_markdown(const rules::RuleView& view, const PlatformInfo& info, Lang lang, std::ostream& out) {
  out << "# " << (lang == Lang::zh ? info.name_zh : info.name_en) << " (" << view.platform << ")"
      << tr(lang, " 规则", " rules") << "\n\n> " << tr(lang, "截至 ", "As of ") << view.as_of
      << tr(lang, "；规则数据 ", "; rule data ") << view.data_version << "\n\n"
      << "| " << tr(lang, "类别", "category") << " | " << tr(lang, "规则", "rule") << " | " << tr(lang, "值", "value")
      << " | " << tr(lang, "平台叫法", "native name") << " | " << tr(lang, "处罚", "penalty") << " | "
      << tr(lang, "生效", "effective") << " | " << tr(lang, "来源", "source") << " |\n|---|---|---|---|---|---|---|\n";
  for (const rules::RuleInForce& r : view.rules) {
    const RuleKeyDef* def = find_rule_key(r.rule.key);
    out << "| " << r.rule.category << " | " << cell(rule_name(def, r.rule.key, lang)) << " `" << r.rule.key << "` | "
        << cell(rule_value_text(def, r.rule.value, lang)) << " | " << cell(r.rule.native_name) << " | "
        << (r.rule.penalty.system.empty() ? "—" : cell(penalty_text(r.rule, lang))) << " | "
        << (r.rule.effective_from.empty() ? "—" : effective_from_text(r.rule.effective_from, lang)) << " | "
        << md_source(r.rule.source, lang)
        << " |\n";
  }
}

void print_briefing_text(const Briefing& b, Lang lang, std::ostream& out) {
  const auto names = side_labels(b, lang);
  const bool same_platform = b.from.platform == b.to.platform;
  out << wrap((same_platform ? std::string(tr(lang, "规则变化  ", "Rule changes  "))
                             : std::string(tr(lang, "轮岗简报  ", "Rotation briefing  "))) +
                  names.first + " → " + names.second,
              kWidth, "", "  ");
  out << wrap(tr(lang, "规则截至 ", "rules as of ") + b.from.as_of + " / " + b.to.as_of +
                  tr(lang, "；规则数据 ", "; rule data ") + b.from.platform + " " + b.from.data_version + ", " +
                  b.to.platform + " " + b.to.data_version +
                  tr(lang, "。找不到来源的规则标为「未知」，不作猜测。",
                     ". Rules without a source are shown as unknown, never guessed."),
              kWidth, "", "");
  out << "\n"
      << tr(lang, "一、第一周最要注意的 ", "1. What will hurt most in the first week: ") << b.headline.size()
      << tr(lang, " 件事\n", "\n");
  if (b.headline.empty())
    out << tr(lang, "  （没有更严或新增的规则，也没有新禁用词）\n", "  (nothing stricter, new or newly banned)\n");
  for (const rules::HeadlineItem& h : b.headline)
    out << wrap(headline_text(b, h, lang, names), kWidth, "  " + std::to_string(h.rank) + ". ", "     ");
  out << wrap(ranking_rule(lang), kWidth, "  ", "  ");
  text_rules(b, names, lang, out);
  text_metrics(b, names, lang, out);
  text_words(b, names, lang, out);
  text_scripts(b, names, lang, out);
}

void print_briefing_markdown(const Briefing& b, Lang lang, std::ostream& out) {
  const auto names = side_labels(b, lang);
  out << "# "
      << (b.from.platform == b.to.platform ? tr(lang, "规则变化：", "Rule changes: ")
                                           : tr(lang, "轮岗简报：", "Rotation briefing: "))
      << names.first << " → " << names.second << "\n\n> " << tr(lang, "规则截至 ", "Rules as of ") << b.from.as_of
      << " / " << b.to.as_of
      << tr(lang, "。找不到来源的规则标为「未知」，不作猜测。",
            ". Rules without a source are shown as unknown, never guessed.")
      << "\n\n## " << tr(lang, "1. 第一周最要注意的", "1. What will hurt most in the first week") << "\n\n";
  for (const rules::HeadlineItem& h : b.headline) out << h.rank << ". " << headline_text(b, h, lang, names) << "\n";
  out << "\n_" << ranking_rule(lang) << "_\n\n## " << tr(lang, "2. 规则对比", "2. Rules") << "\n";
  md_section(tr(lang, "更严", "Stricter"), b.rules.stricter, names, lang, out);
  md_section(lang == Lang::zh ? "仅 " + names.second + " 有" : "Only on " + names.second, b.rules.only_to, names, lang,
             out);
  md_section(tr(lang, "不同（无法排严宽）", "Different (cannot be ordered)"), b.rules.changed, names, lang, out);
  md_section(tr(lang, "更宽松", "Looser"), b.rules.looser, names, lang, out);
  md_section(lang == Lang::zh ? "仅 " + names.first + " 有" : "Only on " + names.first, b.rules.only_from, names, lang,
             out);
  md_section(tr(lang, "未知（来源里找不到，不作猜测）", "Unknown (no source found; never guessed)"), b.rules.unknown,
             names, lang, out);
  out << "\n### " << tr(lang, "相同", "Unchanged") << "（" << b.rules.same.size() << "）\n\n";
  for (const RuleChange& c : b.rules.same) out << "- " << same_text(c, lang) << " `" << c.key << "`\n";

  out << "\n## " << tr(lang, "3. 在 ", "3. Metrics judged on ") << names.second << tr(lang, " 被考核的指标", "")
      << "\n\n";
  if (!b.metrics.available) {
    out << unavailable_text(b.metrics.missing_in, b.metrics.unavailable, "指标档案", lang) << "\n";
  } else {
    out << "| " << cell(names.second) << tr(lang, " 指标", " metric") << " | "
        << tr(lang, "目标/处罚线", "target / penalty line") << " | " << tr(lang, "定义", "definition") << " | "
        << cell(names.first) << tr(lang, " 对应", " counterpart") << " | " << tr(lang, "可比", "comparable") << " | "
        << tr(lang, "差异与原因", "differences and why") << " |\n|---|---|---|---|---|---|\n";
    for (const rules::MetricPair& p : b.metrics.items) {
      std::string diff;
      for (const std::string& d : p.differences) diff += (diff.empty() ? "" : "; ") + cell(difference_text(d, lang));
      if (!p.why.empty()) diff += (diff.empty() ? "" : "<br>") + cell(tr(lang, p.why_zh, p.why));
      out << "| " << cell(p.to.native_name) << " | " << (p.to.target.empty() ? "—" : cell(p.to.target)) << " | "
          << cell(p.to.definition) << " | " << (p.from ? cell(p.from->native_name) : "—") << " | "
          << (p.from ? (p.comparable ? tr(lang, "是", "yes") : tr(lang, "否", "no")) : "—") << " | "
          << (diff.empty() ? "—" : diff) << " |\n";
    }
  }

  out << "\n## " << tr(lang, "4. 敏感词", "4. Sensitive words") << "\n\n";
  if (!b.words.available) {
    out << unavailable_text(b.words.missing_in, b.words.unavailable, "词表", lang) << "\n";
  } else {
    out << "- "
        << (lang == Lang::zh ? names.second + " 禁用、" + names.first + " 不禁用："
                             : "Banned on " + names.second + ", not on " + names.first + ": ")
        << b.words.newly_banned.count
        << (b.words.newly_banned.count ? " — " + words_summary(b.words.newly_banned, lang, rules::kWordExamples) : "")
        << "\n";
    out << "- "
        << (lang == Lang::zh ? names.first + " 禁用、" + names.second + " 不禁用："
                             : "Banned on " + names.first + ", not on " + names.second + ": ")
        << b.words.no_longer_banned.count
        << (b.words.no_longer_banned.count ? " — " + words_summary(b.words.no_longer_banned, lang, rules::kWordExamples)
                                           : "")
        << "\n";
    if (b.words.unknown_on_to.count > 0)
      out << "- "
          << (lang == Lang::zh ? names.first + " 禁用、" + names.second + " 未知（不等于允许）："
                               : "Banned on " + names.first + ", not known for " + names.second + " (not allowed): ")
          << b.words.unknown_on_to.count << " — " << words_summary(b.words.unknown_on_to, lang, rules::kWordExamples)
          << "\n";
    for (const rules::CategoryStances& c : b.words.stances) {
      if (c.from.stance == c.to.stance && c.to.stance == "banned") continue;
      out << "- " << tr(lang, "平台立场 ", "stance ") << cell(c.category) << tr(lang, "：", ": ") << names.first << " "
          << cell(side_stance_text(c.from, lang)) << tr(lang, "；", "; ") << names.second << " "
          << cell(side_stance_text(c.to, lang)) << "\n";
    }
  }
  if (b.scripts) {
    out << "\n## " << tr(lang, "5. 话术检查", "5. Script check") << "\n\n"
        << (lang == Lang::zh
                ? "共 " + std::to_string(b.scripts->lines_violating) + " 行会在 " + names.second + " 被判违规（在 " +
                      names.first + " 不会）。"
                : std::to_string(b.scripts->lines_violating) + " line(s) would be violations on " + names.second + ".")
        << "\n\n";
    if (!b.scripts->violations.empty()) {
      out << "| " << tr(lang, "位置", "where") << " | " << tr(lang, "命中", "matched") << " | "
          << tr(lang, "禁用词", "term") << " | " << tr(lang, "类别", "category") << " | "
          << tr(lang, "建议", "suggestion") << " | " << tr(lang, "原句", "line") << " |\n|---|---|---|---|---|---|\n";
      for (const rules::ScriptViolation& v : b.scripts->violations)
        out << "| " << cell(v.file) << ":" << v.line << ":" << v.column << " | " << cell(v.matched) << " | "
            << cell(v.term) << " | " << v.category << " | " << (v.suggestion.empty() ? "—" : cell(v.suggestion))
            << " | " << cell(v.script) << " |\n";
    }
  }
}

}  // namespace kefu::host
