// The report for people in a terminal or a wiki, and for machines as CSV and JSON.
#include "present/report_render.h"
#include "present/sections.h"

#include "base/output_file.h"

#include <kefu/json.hpp>

#include <cstdio>

namespace kefu::host::report {
namespace {

std::string md_cell(std::string s) {
  for (std::size_t at = 0; (at = s.find('|', at)) != std::string::npos; at += 2) s.replace(at, 1, "\\|");
  return s;
}

std::string number(std::optional<double> v) {
  if (!v) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", *v);
  return buf;
}

}  // namespace

void render_table(const Report& report, const RenderContext& ctx, std::ostream& out) {
  out << report_title(report, ctx.lang) << "\n";
  for (const Section& s : report_sections(report, ctx)) {
    out << "\n" << s.title << "\n";
    for (const auto& line : s.lines) out << wrap(line, 100, "  ", "  ");
    if (s.rows.empty()) continue;
    Table table(s.header);
    for (const auto& row : s.rows) table.add(row);
    table.print(out);
  }
}

void render_markdown(const Report& report, const RenderContext& ctx, std::ostream& out) {
  out << "# " << report_title(report, ctx.lang) << "\n";
  for (const Section& s : report_sections(report, ctx)) {
    out << "\n## " << s.title << "\n\n";
    for (const auto& line : s.lines) out << line << "\n\n";
    if (s.rows.empty()) continue;
    out << "|";
    for (const auto& h : s.header) out << " " << md_cell(h) << " |";
    out << "\n|";
    for (std::size_t i = 0; i < s.header.size(); ++i) out << (i == 0 ? "---|" : "---:|");
    out << "\n";
    for (const auto& row : s.rows) {
      out << "|";
      for (const auto& c : row) out << " " << md_cell(c) << " |";
      out << "\n";
    }
  }
}

void render_csv(const Report& report, std::ostream& out) {
  out << "period,from,to,previous_period,by,row_key,label,platform,shop_id,group,metric,value,previous,change,change_"
         "pct,"
         "target,target_scope,status,gap,denominator\n";
  const std::string previous = report.previous ? report.previous->label : "";
  for (const Row& row : report.rows) {
    for (std::size_t i = 0; i < report.metrics.size(); ++i) {
      const Cell& c = row.cells[i];
      const std::vector<std::string> fields{report.period.label,
                                            report.period.from(),
                                            report.period.to(),
                                            previous,
                                            std::string(json::detail::enum_name(report.by)),
                                            row.key,
                                            row.total ? "" : row.label,
                                            row.platform,
                                            row.shop_id,
                                            row.group,
                                            report.metrics[i],
                                            number(c.value),
                                            number(c.previous),
                                            number(c.change),
                                            number(c.change_pct),
                                            number(c.target ? std::optional(c.target->value) : std::nullopt),
                                            c.target ? c.target->scope : "",
                                            std::string(json::detail::enum_name(c.status)),
                                            number(c.gap),
                                            number(c.denominator)};
      for (std::size_t f = 0; f < fields.size(); ++f) out << (f ? "," : "") << csv_field(fields[f]);
      out << "\n";
    }
  }
  // QC (report/compliance.h): per row, qc_messages (agent messages scanned), then per category
  // qc_block:<category>, qc_warn:<category>, qc_unknown:<category> (hits; the denominator is the
  // messages scanned). A period not scanned has an empty value: unknown, not 0.
  if (!report.compliance) return;
  const Compliance& qc = *report.compliance;
  for (const ComplianceRow& row : qc.rows) {
    auto line = [&](const std::string& metric, std::int64_t now, std::int64_t before) {
      const std::optional<double> value = row.scanned ? std::optional<double>(static_cast<double>(now)) : std::nullopt;
      const std::optional<double> prev =
          row.previous_scanned ? std::optional<double>(static_cast<double>(before)) : std::nullopt;
      const std::vector<std::string> fields{report.period.label, report.period.from(), report.period.to(), previous,
                                            qc.by, row.key, row.label, row.platform, row.shop_id, row.group, metric,
                                            number(value), number(prev),
                                            number(value && prev ? std::optional(*value - *prev) : std::nullopt), "",
                                            "", "", "none", "", number(static_cast<double>(row.messages))};
      for (std::size_t f = 0; f < fields.size(); ++f) out << (f ? "," : "") << csv_field(fields[f]);
      out << "\n";
    };
    line("qc_messages", row.messages, row.previous_messages);
    for (const ComplianceCount& n : row.categories) {
      line("qc_block:" + n.category, n.block, n.previous_block);
      line("qc_warn:" + n.category, n.warn, n.previous_warn);
      line("qc_unknown:" + n.category, n.unknown, n.previous_unknown);
    }
  }
}

void render_json(const Report& report, std::ostream& out) { out << json::write(report) << "\n"; }

}  // namespace kefu::host::report
