#include "present/definitions_output.h"

#include "present/parameter_labels.h"

#include "model/catalog.h"
#include "model/definition_names.h"
#include "model/native_definition.h"

#include <kefu/json.hpp>

#include <cmath>
#include <cstdio>

namespace kefu::host {
namespace {

constexpr std::size_t kWidth = 100;

// One parameter as both outputs show it. `name` is its key in metrics.json's computation.
struct ParamView {
  const char* name = "";
  std::string label_zh;
  std::string label_en;
  bool known = false;
  std::string value_zh, value_en;  // people's words, known values only
  std::string value;               // the machine form (JSON)
  std::string unknown, note;
  ParamSource source;
};

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string duration(std::int64_t ms, Lang lang) {
  if (ms % 60000 == 0) return std::to_string(ms / 60000) + tr(lang, "分钟", " min");
  return number(static_cast<double>(ms) / 1000) + tr(lang, "秒", " s");
}

bool is_ratio(const MetricDefinition& m) {
  const MetricDef* def = find_metric(m.metric.canonical_key);
  return def ? def->unit == "ratio" : m.metric.value_format == "percent" || m.metric.value_format == "ratio";
}

template <class T, class Words>
ParamView view(const char* name, const Param<T>& p, const std::string& note, Words&& words) {
  ParamView v;
  v.name = name;
  v.label_zh = parameter_label(name, Lang::zh);
  v.label_en = parameter_label(name, Lang::en);
  v.known = p.known();
  v.unknown = p.unknown_reason;
  v.note = note;
  v.source = p.source;
  if (p.known()) words(*p.value, v);
  return v;
}

const char* unit_zh(CountUnit u) {
  switch (u) {
    case CountUnit::turn:
      return "轮次（一问到答复）";
    case CountUnit::session:
      return "会话（整段对话）";
    case CountUnit::segment:
      return "分段（一位客服接待的部分）";
    case CountUnit::message:
      return "每条顾客消息";
    case CountUnit::customer_day:
      return "顾客·日（每店每天每位顾客计一次）";
  }
  return "?";
}

const char* unit_en(CountUnit u) {
  switch (u) {
    case CountUnit::turn:
      return "turn (a question and its answer)";
    case CountUnit::session:
      return "session (the whole conversation)";
    case CountUnit::segment:
      return "segment (one agent's part)";
    case CountUnit::message:
      return "each customer message";
    case CountUnit::customer_day:
      return "customer-day (one buyer per shop per day)";
  }
  return "?";
}

std::vector<ParamView> views(const MetricDefinition& m) {
  const Definition& d = m.definition;
  const std::optional<MetricComputation>& c = m.metric.computation;
  auto note = [&](auto member) { return c ? ((*c).*member).note : std::string(); };
  std::vector<ParamView> out;
  out.push_back(view("unit", d.unit, note(&MetricComputation::unit), [](CountUnit u, ParamView& v) {
    v.value_zh = unit_zh(u);
    v.value_en = unit_en(u);
    v.value = name_of(u);
  }));
  out.push_back(view("assessed_hours", d.hours, note(&MetricComputation::assessed_hours),
                     [](const std::optional<AssessedHours>& h, ParamView& v) {
                       if (!h) {
                         v.value_zh = "全天";
                         v.value_en = "all day";
                         v.value = "all_day";
                         return;
                       }
                       const std::string window = hhmm(h->from_min) + "-" + hhmm(h->to_min);
                       const char* zh = h->applies_to == HoursApplyTo::turn_start      ? "按轮次开始时间"
                                        : h->applies_to == HoursApplyTo::session_start ? "按会话开始时间"
                                                                                       : "按每条消息的时间";
                       const char* en = h->applies_to == HoursApplyTo::turn_start      ? "by the turn's start"
                                        : h->applies_to == HoursApplyTo::session_start ? "by the session's start"
                                                                                       : "by each message's time";
                       v.value_zh = window + "（" + zh + "）";
                       v.value_en = window + " (" + en + ")";
                       v.value = window + " " + std::string(name_of(h->applies_to));
                     }));
  out.push_back(view("bot_replies", d.bots, note(&MetricComputation::bot_replies),
                     [](BotReplies b, ParamView& v) {
                       v.value_zh = b == BotReplies::none  ? "不算回复"
                                    : b == BotReplies::all ? "算回复"
                                                           : "仅人工阶段的辅助应答算回复";
                       v.value_en = b == BotReplies::none  ? "do not answer"
                                    : b == BotReplies::all ? "answer like an agent"
                                                           : "only agent-assisted bot replies answer";
                       v.value = name_of(b);
                     }));
  out.push_back(view("transfers", d.transfers, note(&MetricComputation::transfers),
                     [](Transfers t, ParamView& v) {
                       v.value_zh =
                           t == Transfers::carry ? "转接时未答的问题由接手客服回答" : "转接时未答的问题算未回复";
                       v.value_en = t == Transfers::carry
                                        ? "a question open at a transfer is answered by the next agent"
                                        : "a question open at a transfer counts as unanswered";
                       v.value = name_of(t);
                     }));
  out.push_back(view("closings", d.closings, note(&MetricComputation::closings), [](Closings cl, ParamView& v) {
        v.value_zh = cl == Closings::ignore ? "只含结束语的消息不开启新轮次" : "结束语也开启轮次";
        v.value_en = cl == Closings::ignore ? "closing-only messages open no turn" : "closing-only messages open turns";
        v.value = name_of(cl);
      }));
  out.push_back(view("threshold_s", d.threshold_ms, note(&MetricComputation::threshold_s),
                     [](std::int64_t ms, ParamView& v) {
                       v.value_zh = ms == 0 ? "无" : duration(ms, Lang::zh);
                       v.value_en = ms == 0 ? "none" : duration(ms, Lang::en);
                       v.value = number(static_cast<double>(ms) / 1000);
                     }));
  out.push_back(view("period_days", d.period_days, note(&MetricComputation::period_days),
                     [](int n, ParamView& v) {
                       v.value_zh = n == 1 ? "每天单独计" : "近" + std::to_string(n) + "天滚动";
                       v.value_en = n == 1 ? "each day alone" : "rolling " + std::to_string(n) + " days";
                       v.value = std::to_string(n);
                     }));
  out.push_back(view("min_sample", d.min_sample, note(&MetricComputation::min_sample),
                     [](std::int64_t n, ParamView& v) {
                       v.value_zh = n == 0 ? "无" : "不足" + std::to_string(n) + "不考核";
                       v.value_en = n == 0 ? "none" : "not assessed below " + std::to_string(n);
                       v.value = std::to_string(n);
                     }));
  const bool ratio = is_ratio(m);
  out.push_back(view("line", d.line, note(&MetricComputation::line),
                     [ratio](const std::optional<Line>& l, ParamView& v) {
                       if (!l) {
                         v.value_zh = "平台未设考核线";
                         v.value_en = "the platform states no line";
                         v.value = "none";
                         return;
                       }
                       const std::string op(name_of(l->op));
                       const std::string at = ratio ? number(l->value * 100) + "%" : number(l->value);
                       v.value_zh = op + " " + at + (l->penalty.empty() ? "" : "；否则：" + l->penalty);
                       v.value_en = op + " " + at + (l->penalty.empty() ? "" : "; else: " + l->penalty);
                       v.value = op + " " + number(l->value);
                     }));
  return out;
}

std::string source_text(const ParamSource& s, Lang lang) {
  if (s.title.empty()) return "";
  Source as_source{s.title, s.url, s.seen, Confidence::third_party, "", s.quoted_in};
  json::detail::enum_from_name(s.confidence, as_source.confidence);
  // "kefu" (Kefu's own definitions) is no kefu::Confidence: shown as it is named.
  const std::string label = s.confidence == "kefu" ? "Kefu" : confidence_label(as_source.confidence, lang);
  const std::string where = tr(lang, "（", " (") + label + tr(lang, "，", ", ") + source_read_text(as_source, lang) +
                            tr(lang, "）", ")");
  return s.title + where + (s.url.empty() ? "" : " " + s.url);
}

// JSON shapes (docs/metrics.md).
struct ParamJson {
  std::string name;
  bool known = false;
  std::string value, unknown, note;
  std::optional<Source> source;  // null: none named
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("name", s.name);
    v("known", s.known);
    v("value", s.value);
    v("unknown", s.unknown);
    v("note", s.note);
    v("source", s.source);
  }
};
struct DefinitionJson {
  std::string platform, native_name, id, measure;
  bool computable = false;
  std::vector<std::string> unknown_parameters;
  std::vector<ParamJson> parameters;
  std::optional<MetricComputation> computation;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("native_name", s.native_name);
    v("id", s.id);
    v("measure", s.measure);
    v("computable", s.computable);
    v("unknown_parameters", s.unknown_parameters);
    v("parameters", s.parameters);
    v("computation", s.computation);
  }
};
struct DefinitionsJson {
  std::vector<DefinitionJson> definitions;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("definitions", s.definitions);
  }
};

}  // namespace

void print_definitions_text(const std::vector<PlatformDefinitions>& platforms, Lang lang, std::ostream& out) {
  out << tr(
      lang,
      "各平台指标的口径参数（每个参数：取值与来源，或“未知”及原因）。参数齐全的指标才能按平台口径从聊天记录重算。\n",
      "Each platform metric's definition parameters (each: its value and source, or unknown and why). Only "
      "a metric whose parameters are all known can be recomputed the platform's way from chat logs.\n");
  // Kefu's own versions are not platform data: docs/metrics.md states them (R1-R15, C1-C6), and
  // `metrics compute --assume kefu/2` fills a platform's unknowns with kefu/2's parameters.
  for (const PlatformDefinitions& p : platforms) {
    out << '\n' << (lang == Lang::zh ? p.info.name_zh : p.info.name_en) << " (" << p.info.id << ")\n";
    for (const MetricDefinition& m : p.metrics) {
      out << '\n'
          << wrap(m.metric.native_name + "  → " + (m.metric.canonical_key.empty() ? "-" : m.metric.canonical_key) +
                      "  [" + m.definition.id + "]",
                  kWidth, "  ■ ", "    ");
      // Most parameters come from the metric's own source: it is printed once.
      const ParamSource own = param_source(m.metric.source);
      out << wrap(tr(lang, "指标来源：", "metric's source: ") + source_text(own, lang), kWidth, "    ", "      ");
      auto source_of = [&](const ParamSource& s) {
        return s.title == own.title && s.url == own.url ? std::string(tr(lang, "同指标来源", "the metric's"))
                                                        : source_text(s, lang);
      };
      std::vector<std::string> unknown;
      for (const ParamView& v : views(m)) {
        const std::string label = lang == Lang::zh ? v.label_zh : v.label_en;
        if (v.known) {
          out << wrap(label + tr(lang, "：", ": ") + (lang == Lang::zh ? v.value_zh : v.value_en), kWidth, "    ",
                      "      ");
          out << wrap(tr(lang, "来源：", "source: ") + source_of(v.source), kWidth, "      ", "        ");
          if (!v.note.empty()) out << wrap(tr(lang, "说明：", "note: ") + v.note, kWidth, "      ", "        ");
        } else {
          out << wrap(label + tr(lang, "：未知（", ": unknown (") + v.unknown + tr(lang, "）", ")"), kWidth, "    ",
                      "      ");
          if (!v.source.title.empty())
            out << wrap(tr(lang, "查过：", "looked in: ") + source_of(v.source), kWidth, "      ", "        ");
          if (std::string(v.name) != "line") unknown.push_back(label);
        }
      }
      std::string summary;
      for (const auto& u : unknown) summary += (summary.empty() ? "" : tr(lang, "、", ", ")) + u;
      out << wrap(unknown.empty() ? tr(lang, "→ 参数齐全，可按平台口径重算", "→ all parameters known: computable")
                                  : tr(lang, "→ 不能按平台口径重算，未知：", "→ not computable; unknown: ") + summary,
                  kWidth, "    ", "      ");
    }
  }
}

void print_definitions_json(const std::vector<PlatformDefinitions>& platforms, std::ostream& out) {
  DefinitionsJson doc;
  for (const PlatformDefinitions& p : platforms) {
    for (const MetricDefinition& m : p.metrics) {
      DefinitionJson d;
      d.platform = p.info.id;
      d.native_name = m.metric.native_name;
      d.id = m.definition.id;
      d.measure = m.definition.measure;
      for (const ParamView& v : views(m)) {
        std::optional<Source> source;
        if (!v.source.title.empty()) {
          source = Source{v.source.title, v.source.url, v.source.seen, Confidence::third_party, "", v.source.quoted_in};
          json::detail::enum_from_name(v.source.confidence, source->confidence);
        }
        d.parameters.push_back({v.name, v.known, v.value, v.unknown, v.note, std::move(source)});
        if (!v.known && std::string(v.name) != "line") d.unknown_parameters.push_back(v.name);
      }
      d.computable = d.unknown_parameters.empty();
      d.computation = m.metric.computation;
      doc.definitions.push_back(std::move(d));
    }
  }
  out << json::write(doc) << '\n';
}

}  // namespace kefu::host
