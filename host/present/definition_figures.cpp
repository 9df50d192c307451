#include "present/definition_figures.h"

#include "base/calendar.h"
#include "base/output_file.h"
#include "metrics/line_standing.h"
#include "present/parameter_labels.h"
#include "model/definition_names.h"
#include "model/whole_shop.h"
#include "present/metrics_output.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <set>

namespace kefu::host::metrics {
namespace {

const char* level_key(Level l) { return level_name(l); }

bool is_rate(Measure m) { return m == Measure::replied || m == Measure::within; }

// The period figure, what it divides, and (for rates) its standing against the line.
struct Cells {
  std::string value, numerator, denominator, day_value, line, margin, to_meet, can_afford;
};

std::string figure(Measure m, const DefinitionCounts& c) {
  switch (m) {
    case Measure::replied:
    case Measure::within:
      return c.units ? decimal6(c.hits, c.units) : "";
    case Measure::mean_response:
    case Measure::first_response:
      return c.answered ? decimal6(c.response_ms, c.answered * 1000) : "";
    case Measure::count:
      return std::to_string(c.units);
  }
  return "";
}

Cells cells_of(const ComputedDefinition& cd, const DefinitionRow& r) {
  const Measure m = *measure_of(cd.definition.measure);
  Cells c;
  c.value = figure(m, r.period);
  c.day_value = figure(m, r.daily);
  if (is_rate(m)) {
    c.numerator = std::to_string(r.period.hits);
    c.denominator = std::to_string(r.period.units);
  } else if (m == Measure::count) {
    c.numerator = std::to_string(r.period.units);
  } else {
    c.numerator = decimal6(r.period.response_ms, 1000);
    c.denominator = std::to_string(r.period.answered);
  }
  c.line = line_text(cd.definition);
  if (is_rate(m) && cd.definition.line.known() && *cd.definition.line.value)
    if (const auto s = standing(**cd.definition.line.value, r.period.hits, r.period.units)) {
      c.margin = decimal6(static_cast<__int128>(s->margin * 1e6 + (s->margin < 0 ? -0.5 : 0.5)), 1'000'000);
      if (!s->meets) c.to_meet = s->to_meet ? std::to_string(*s->to_meet) : "never";
      if (s->meets) c.can_afford = s->can_afford ? std::to_string(*s->can_afford) : "unlimited";
    }
  return c;
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::vector<std::string> row_cells(const ComputedDefinition& cd, const DefinitionRow& r) {
  const Cells c = cells_of(cd, r);
  return {cd.definition.id,
          cd.native_name,
          cd.definition.measure,
          level_key(r.level),
          r.platform,
          r.level == Level::platform ? "*" : r.shop_id,
          r.level == Level::agent ? r.agent_id : "*",
          calendar::format_day(r.day),
          std::to_string(*cd.definition.period_days.value),
          c.value,
          c.numerator,
          c.denominator,
          r.assessed ? "true" : "false",
          c.day_value,
          joined(cd.assumed, " "),
          c.line,
          c.margin,
          c.to_meet,
          c.can_afford};
}

}  // namespace

const std::vector<std::string_view>& definition_figure_columns() {
  static const std::vector<std::string_view> columns = {
      "definition", "native_name", "measure",  "level",    "platform", "shop_id", "agent_id",
      "day",        "period_days", "value",    "numerator", "denominator", "assessed", "day_value",
      "assumed",    "line",        "margin",   "to_meet",  "can_afford"};
  return columns;
}

void write_definition_figures_csv(std::ostream& out, const std::vector<ComputedDefinition>& defs) {
  const auto& columns = definition_figure_columns();
  for (std::size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << columns[i];
  out << '\n';
  for (const auto& cd : defs)
    for (const auto& r : cd.rows) {
      const auto cells = row_cells(cd, r);
      for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_field(cells[i]);
      out << '\n';
    }
}

void write_definition_figures_json(std::ostream& out, const std::vector<ComputedDefinition>& defs) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto str = [&](const std::string& s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); };
  w.StartObject();
  w.Key("definitions");
  w.StartArray();
  for (const auto& cd : defs) {
    w.StartObject();
    w.Key("definition");
    str(cd.definition.id);
    w.Key("native_name");
    str(cd.native_name);
    w.Key("measure");
    str(cd.definition.measure);
    w.Key("assumed");
    w.StartArray();
    for (const auto& a : cd.assumed) str(a);
    w.EndArray();
    w.Key("not_computable");
    w.StartArray();
    for (const auto& n : cd.not_computable) {
      w.StartObject();
      w.Key("parameter");
      str(n.parameter);
      w.Key("reason");
      str(n.reason);
      w.EndObject();
    }
    w.EndArray();
    w.Key("rows");
    w.StartArray();
    static const std::set<std::string_view> kNumbers = {"period_days", "value",   "numerator", "denominator",
                                                        "day_value",   "margin",  "to_meet",   "can_afford"};
    for (const auto& r : cd.rows) {
      const auto cells = row_cells(cd, r);
      w.StartObject();
      for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string_view key = definition_figure_columns()[i];
        if (key == "definition" || key == "native_name" || key == "measure" || key == "assumed")
          continue;  // said once, on the definition
        w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
        if (key == "assessed")
          w.Bool(r.assessed);
        else if (kNumbers.count(key) && cells[i].empty())
          w.Null();
        else if (kNumbers.count(key) && cells[i] != "never" && cells[i] != "unlimited")
          w.RawValue(cells[i].data(), cells[i].size(), rapidjson::kNumberType);
        else
          str(cells[i]);
      }
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out << buffer.GetString() << '\n';
}

void write_definition_figures_table(std::ostream& out, const std::vector<ComputedDefinition>& defs, Lang lang) {
  for (const auto& cd : defs) {
    out << "\n■ " << (cd.native_name.empty() ? cd.definition.id : cd.native_name + "  [" + cd.definition.id + "]")
        << '\n';
    if (!cd.not_computable.empty()) {
      out << tr(lang, "  无法按此口径重算：\n", "  cannot be computed this way:\n");
      for (const auto& n : cd.not_computable) out << wrap(not_computable_text(n, lang), 100, "    - ", "      ");
      continue;
    }
    if (!cd.assumed.empty())
      out << tr(lang, "  含假设（平台未公开，由 --assume 填入）：", "  assumed (the platform is silent; from --assume): ")
          << joined(cd.assumed, ", ") << '\n';
    const int period = *cd.definition.period_days.value;
    if (period > 1) out << tr(lang, "  滚动周期（天）：", "  rolling period (days): ") << period << '\n';
    Table table(lang == Lang::zh ? std::vector<std::string>{"层级", "平台", "店铺", "客服", "日期", "数值", "分子",
                                                            "分母", "考核", "红线", "差距", "还需达标", "尚可容许"}
                                 : std::vector<std::string>{"level", "platform", "shop", "agent", "day", "value", "num",
                                                            "den", "assessed", "line", "margin", "to meet",
                                                            "can afford"});
    const Measure m = *measure_of(cd.definition.measure);
    for (const auto& r : cd.rows) {
      const auto cells = row_cells(cd, r);
      const Cells c = cells_of(cd, r);
      const char* level = r.level == Level::agent  ? tr(lang, "客服", "agent")
                          : r.level == Level::shop ? tr(lang, "店铺", "shop")
                                                   : tr(lang, "平台", "platform");
      std::string value = c.value.empty() ? "-" : c.value;
      if (is_rate(m) && !c.value.empty()) value = percent(Counts{r.period.hits, r.period.units});
      const std::string agent =
          lang == Lang::zh && r.agent_id == kUnassigned ? std::string("未分配") : cells[6];
      table.add({level, cells[4], cells[5], agent, cells[7], value, c.numerator, c.denominator.empty() ? "-" : c.denominator,
                 r.assessed ? tr(lang, "是", "yes") : tr(lang, "否（样本不足）", "no (sample too small)"),
                 c.line == "unknown" ? tr(lang, "未知", "unknown") : c.line.empty() ? "-" : c.line,
                 c.margin.empty() ? "-" : c.margin, c.to_meet.empty() ? "-" : c.to_meet,
                 c.can_afford.empty() ? "-" : c.can_afford});
    }
    table.print(out);
  }
}

}  // namespace kefu::host::metrics
