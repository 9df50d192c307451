#include "present/explain_output.h"

#include "base/calendar.h"
#include "base/output_file.h"
#include "metrics/engine.h"
#include "model/catalog.h"
#include "present/metrics_output.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <cstdio>
#include <map>

namespace kefu::host::metrics {
namespace {

constexpr std::array kReasons = {Shortfall::closing_courtesy,
                                 Shortfall::open_at_transfer,
                                 Shortfall::never_assigned,
                                 Shortfall::bot_only,
                                 Shortfall::late,
                                 Shortfall::unanswered};

std::map<Shortfall, std::int64_t> totals(const Explanation& e) {
  std::map<Shortfall, std::int64_t> out;
  for (const Finding& f : e.findings) ++out[f.reason];
  return out;
}

// num/den as a percentage with one decimal, rounded half-up: 97.3
std::string percent1(std::int64_t num, std::int64_t den) {
  const std::int64_t tenths = (num * 2000 + den) / (2 * den);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

std::string seconds(std::int64_t ms) { return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100); }

const std::vector<chatlog::TailMessage>* tail_of(const ExplainReport& r, const Finding& f) {
  std::string key;
  chatlog::session_key(key, f.platform, f.shop_id, f.session_id);
  const auto it = r.tails.find(key);
  return it == r.tails.end() ? nullptr : &it->second;
}

std::string sender_label(const chatlog::TailMessage& m, Lang lang) {
  if (m.event == "transfer") return std::string(tr(lang, "转接 → ", "transfer → ")) + m.agent_id;
  if (m.sender == "customer") return tr(lang, "客户", "customer");
  if (m.sender == "bot") return std::string(tr(lang, "机器人 ", "bot ")) + m.agent_id;
  if (m.sender == "system") return tr(lang, "系统", "system");
  return std::string(tr(lang, "客服 ", "agent ")) + m.agent_id;
}

std::string metric_name(const std::string& key, Lang lang) {
  const MetricDef* def = find_metric(key);
  if (!def) return key;
  return std::string(lang == Lang::zh ? def->name_zh : def->name_en);
}

// A ratio as a percentage with two decimals: 0.912345 → "91.23%".
std::string percent2(double ratio) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", ratio * 100.0);
  return buf;
}

// The definition's own lines: what was assumed, what its hours leave out, and its (rolling)
// figure against its line — the "how far from the penalty" a supervisor asks first.
void write_definition_view(std::ostream& out, const DefinitionView& v, Lang lang) {
  if (!v.assumed.empty()) {
    out << tr(lang, "假设（平台未公开的参数）：", "assumed (not published by the platform): ");
    for (std::size_t i = 0; i < v.assumed.size(); ++i) out << (i ? ", " : "") << v.assumed[i];
    out << '\n';
  }
  if (v.not_assessed > 0)
    out << tr(lang, "考核时段 ", "assessed hours ") << v.hours << tr(lang, " 之外的 ", ": ") << v.not_assessed
        << tr(lang, " 个单位平台不计入（不在下面的分母里）\n", " units outside them are not counted (not in the figures below)\n");
  if (!v.window) return;
  const DefinitionCounts& p = v.window->period;
  out << (v.period_days > 1 ? (lang == Lang::zh ? "滚动 " + std::to_string(v.period_days) + " 天"
                                                : "rolling " + std::to_string(v.period_days) + " days")
                            : std::string(tr(lang, "当天", "the day")))
      << tr(lang, "（截至 ", " (to ") << calendar::format_day(v.window->day) << tr(lang, "）：", "): ") << p.hits << " / "
      << p.units;
  if (p.units > 0) out << " = " << percent2(static_cast<double>(p.hits) / static_cast<double>(p.units));
  if (!v.window->assessed)
    out << tr(lang, "；样本不足 ", "; fewer than ") << v.min_sample
        << tr(lang, "，平台不考核", " units: the platform does not assess it");
  out << '\n';
  if (v.line == "unknown") {
    out << tr(lang, "红线：未知（未公开）\n", "line: unknown (not published)\n");
  } else if (v.standing) {
    const LineStanding& s = *v.standing;
    out << tr(lang, "红线 ", "line ");
    if (v.line_value) {
      const Comparator op = v.line_value->op;
      out << (op == Comparator::ge ? "≥ " : op == Comparator::gt ? "> " : op == Comparator::le ? "≤ " : "< ")
          << percent2(v.line_value->value);
    } else {
      out << v.line;
    }
    out << tr(lang, "：", ": ");
    if (s.meets)
      out << tr(lang, "达线，余量 ", "met, margin ") << percent2(s.margin)
          << (s.can_afford ? (lang == Lang::zh ? "，还能承受 " + std::to_string(*s.can_afford) + " 个未达标单位"
                                               : ", can afford " + std::to_string(*s.can_afford) + " more misses")
                           : std::string());
    else
      out << tr(lang, "未达线，差 ", "below, by ") << percent2(-s.margin)
          << (s.to_meet ? (lang == Lang::zh ? "，还需 " + std::to_string(*s.to_meet) + " 个达标单位才到线"
                                            : ", " + std::to_string(*s.to_meet) + " more good units to reach it")
                        : std::string(tr(lang, "，本窗口内已无法到线", ", out of reach in this window")));
    out << '\n';
  }
}

}  // namespace

std::string shortfall_label(Shortfall s, Lang lang) {
  switch (s) {
    case Shortfall::closing_courtesy:
      return tr(lang, "客户最后只说了客气话（谢谢/好的）", "customer's closing courtesy only (thanks / ok)");
    case Shortfall::open_at_transfer:
      return tr(lang, "转接时问题未答", "question open at a transfer");
    case Shortfall::never_assigned:
      return tr(lang, "从未分配给客服", "never assigned to an agent");
    case Shortfall::bot_only:
      return tr(lang, "只有机器人回复", "answered only by a bot");
    case Shortfall::late:
      return tr(lang, "回复超时", "answered late");
    case Shortfall::unanswered:
      return tr(lang, "确实未回复", "truly unanswered");
  }
  return "?";
}

std::string day_ranges(const std::vector<std::string>& days) {
  std::string out;
  for (std::size_t i = 0; i < days.size();) {
    std::size_t j = i;
    const auto first = calendar::parse_day(days[i]);
    while (j + 1 < days.size() && first && calendar::parse_day(days[j + 1]) == *first + static_cast<int>(j + 1 - i))
      ++j;
    out += (out.empty() ? "" : ", ") + days[i] + (j > i ? ".." + days[j] : "");
    i = j + 1;
  }
  return out;
}

std::string not_stored_message(const NotStored& n, Lang lang) {
  std::string out;
  auto add = [&](const std::string& line) { out += (out.empty() ? "" : "\n  ") + line; };
  if (!n.nothing_stored.empty())
    add(lang == Lang::zh
            ? "存储 " + n.store + " 中没有店铺 " + n.shop_id + " 在 " + day_ranges(n.nothing_stored) +
                  " 由聊天记录算出的指标：这些天的聊天记录没有导入。请先用 kefu ingest 导入，或把聊天记录文件交给 kefu "
                  "explain"
            : "the store " + n.store + " holds no figures from chat logs for shop " + n.shop_id + " on " +
                  day_ranges(n.nothing_stored) +
                  ": their chat logs were not ingested. Ingest them (kefu ingest), or give the chat-log files to "
                  "kefu explain");
  if (!n.never_explained.empty())
    add(lang == Lang::zh
            ? "店铺 " + n.shop_id + " 在 " + day_ranges(n.never_explained) +
                  " 有指标，但没有保存解释明细（这些天是在 kefu 开始保存解释之前导入的）。请重新导入这些天的聊天记录"
                  "（kefu ingest），或把聊天记录文件交给 kefu explain"
            : "the store has figures for shop " + n.shop_id + " on " + day_ranges(n.never_explained) +
                  " but no explanations: those days were ingested before kefu kept them. Ingest their "
                  "chat logs again (kefu ingest), or give the chat-log files to kefu explain");
  if (!n.not_kept.empty())
    add(lang == Lang::zh ? "店铺 " + n.shop_id + " 在 " + day_ranges(n.not_kept) +
                               " 的解释明细按保留设置没有保存或已删除（kefu.json 的 explain.keep_days；0 表示不保存）。"
                               "请把聊天记录文件交给 kefu explain"
                         : "the explanations of shop " + n.shop_id + " on " + day_ranges(n.not_kept) +
                               " were not kept, or were removed, under the retention (kefu.json explain.keep_days; 0 "
                               "keeps none). Give the chat-log files to kefu explain");
  if (!n.other_definition.empty())
    add(lang == Lang::zh ? "店铺 " + n.shop_id + " 在 " + day_ranges(n.other_definition) + " 是按 " +
                               n.stored_definition + " 口径导入的，不是 " + n.definitions + "。请用 --definitions " +
                               n.stored_definition + "，或用 --definitions " + n.definitions + " 重新导入"
                         : "shop " + n.shop_id + " on " + day_ranges(n.other_definition) + " was ingested under " +
                               n.stored_definition + ", not " + n.definitions + ": explain with --definitions " +
                               n.stored_definition + ", or ingest again with --definitions " + n.definitions);
  return out;
}

void write_explain_text(std::ostream& out, const ExplainReport& r, Lang lang) {
  const Explanation& e = r.explanation;
  const std::int64_t missed = static_cast<std::int64_t>(e.findings.size());
  out << metric_name(r.metric, lang) << " · " << r.platform << (r.platform.empty() ? "" : "/") << r.shop_id;
  if (!r.agent.empty()) out << " · " << (r.agent == kUnassigned ? tr(lang, "未分配", "unassigned") : r.agent);
  out << " · " << r.period_from << ".." << r.period_to << " · " << tr(lang, "口径 ", "definitions ") << r.definitions
      << '\n';
  if (r.definition) write_definition_view(out, *r.definition, lang);
  if (e.units == 0) {
    out << tr(lang, "这一时段没有可计的会话。\n", "no sessions to count in this period.\n");
    return;
  }
  const std::int64_t met = e.units - missed;
  out << tr(lang, "达标 ", "met ") << met << " / " << e.units << " = " << percent1(met, e.units) << "%"
      << tr(lang, "，", ", ") << tr(lang, "未达标 ", "missed ") << missed << '\n';
  if (missed == 0) return;
  const auto by_reason = totals(e);
  for (Shortfall s : kReasons)
    if (const auto it = by_reason.find(s); it != by_reason.end())
      out << "  " << it->second << "  " << shortfall_label(s, lang) << '\n';
  out << '\n';
  for (const Finding& f : e.findings) {
    out << tr(lang, "会话 ", "session ") << f.session_id << "  " << calendar::china_time(f.asked_ms) << "  "
        << (f.agent.empty()          ? std::string(tr(lang, "（无客服）", "(no agent)"))
            : f.agent == kUnassigned ? std::string(tr(lang, "未分配", "unassigned"))
                                     : f.agent)
        << "  " << shortfall_label(f.reason, lang);
    if (f.delay_ms >= 0) out << tr(lang, "，用时 ", ", took ") << seconds(f.delay_ms) << tr(lang, " 秒", " s");
    out << '\n';
    if (const auto* tail = tail_of(r, f))
      for (const auto& m : *tail)
        out << "    " << calendar::china_time(m.ts).substr(11) << "  " << sender_label(m, lang) << "  " << m.content << '\n';
  }
}

void write_explain_json(std::ostream& out, const ExplainReport& r) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto str = [&w](std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); };
  w.StartObject();
  w.Key("metric"), str(r.metric);
  w.Key("definitions"), str(r.definitions);
  w.Key("from"), str(r.period_from);
  w.Key("to"), str(r.period_to);
  w.Key("platform"), str(r.platform);
  w.Key("shop_id"), str(r.shop_id);
  w.Key("agent"), str(r.agent);
  if (r.definition) {
    const DefinitionView& v = *r.definition;
    w.Key("definition");
    w.StartObject();
    w.Key("native_name"), str(v.native_name);
    w.Key("assumed");
    w.StartArray();
    for (const auto& a : v.assumed) str(a);
    w.EndArray();
    w.Key("not_assessed"), w.Int64(v.not_assessed);
    w.Key("period_days"), w.Int(v.period_days);
    w.Key("line"), str(v.line);
    w.Key("window");
    if (v.window) {
      w.StartObject();
      w.Key("day"), str(calendar::format_day(v.window->day));
      w.Key("hits"), w.Int64(v.window->period.hits);
      w.Key("units"), w.Int64(v.window->period.units);
      w.Key("assessed"), w.Bool(v.window->assessed);
      w.EndObject();
    } else {
      w.Null();
    }
    w.Key("standing");
    if (v.standing) {
      w.StartObject();
      w.Key("margin"), w.Double(v.standing->margin);
      w.Key("meets"), w.Bool(v.standing->meets);
      w.Key("to_meet");
      v.standing->to_meet ? w.Int64(*v.standing->to_meet) : w.Null();
      w.Key("can_afford");
      v.standing->can_afford ? w.Int64(*v.standing->can_afford) : w.Null();
      w.EndObject();
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.Key("units"), w.Int64(r.explanation.units);
  w.Key("missed"), w.Int64(static_cast<std::int64_t>(r.explanation.findings.size()));
  w.Key("by_reason");
  w.StartObject();
  for (const auto& [reason, n] : totals(r.explanation)) w.Key(shortfall_name(reason)), w.Int64(n);
  w.EndObject();
  w.Key("findings");
  w.StartArray();
  for (const Finding& f : r.explanation.findings) {
    w.StartObject();
    w.Key("platform"), str(f.platform);
    w.Key("shop_id"), str(f.shop_id);
    w.Key("session_id"), str(f.session_id);
    w.Key("day"), str(calendar::format_day(f.day));
    w.Key("agent"), str(f.agent);
    w.Key("reason"), str(shortfall_name(f.reason));
    w.Key("asked_at"), str(calendar::china_time(f.asked_ms) + "+08:00");
    w.Key("delay_s");
    if (f.delay_ms >= 0)
      w.Double(static_cast<double>(f.delay_ms) / 1000.0);
    else
      w.Null();
    w.Key("last_messages");
    w.StartArray();
    if (const auto* tail = tail_of(r, f))
      for (const auto& m : *tail) {
        w.StartObject();
        w.Key("at"), str(calendar::china_time(m.ts) + "+08:00");
        w.Key("sender"), str(m.sender);
        w.Key("agent_id"), str(m.agent_id);
        w.Key("event"), str(m.event.empty() ? "msg" : m.event);
        w.Key("content"), str(m.content);
        w.EndObject();
      }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out << buffer.GetString() << '\n';
}

void write_explain_csv(std::ostream& out, const ExplainReport& r) {
  out << "platform,shop_id,session_id,day,agent,reason,asked_at,delay_s,last_messages\n";
  for (const Finding& f : r.explanation.findings) {
    std::string last;
    if (const auto* tail = tail_of(r, f))
      for (const auto& m : *tail)
        last += (last.empty() ? "" : " | ") + calendar::china_time(m.ts).substr(11) + " " + m.sender +
                (m.agent_id.empty() ? "" : "(" + m.agent_id + ")") + ": " + m.content;
    out << csv_field(f.platform) << ',' << csv_field(f.shop_id) << ',' << csv_field(f.session_id) << ','
        << calendar::format_day(f.day) << ',' << csv_field(f.agent) << ',' << shortfall_name(f.reason) << ','
        << calendar::china_time(f.asked_ms) << "+08:00," << (f.delay_ms >= 0 ? seconds(f.delay_ms) : "") << ',' << csv_field(last)
        << '\n';
  }
}

}  // namespace kefu::host::metrics
