// The QC part of the report (report/compliance.h) for people: a section of counts per agent
// (person, group) and category against the previous period, and one of the hit lines with their
// sentence, bounded (the workbook's 质检明细 sheet and the JSON hold them all). Printed by the
// terminal, Markdown and HTML outputs next to the response metrics; the workbook gives each a
// sheet (report_xlsx.cpp) and the CSV its lines (report_text.cpp).
#pragma once

#include "present/sections.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::report {

// Hit lines the terminal, Markdown and HTML list; the rest is counted ("另有 N 处").
inline constexpr std::size_t kComplianceListed = 30;

// compliance (the counts) and compliance_hits (the lines), when the report has its QC part.
std::vector<Section> compliance_sections(const Report& report, const RenderContext& ctx,
                                         std::size_t listed = kComplianceListed);

// 禁用 / 提示 / 未知 (block / warn / unknown: the platform's stance on the category is not known).
std::string verdict_label(std::string_view severity, Lang lang);
// How the text matched the term: 原文 / 拼音 / 拼音首字母 / 形近字 (words::hit_mode_name's keys).
std::string hit_mode_label(std::string_view mode, Lang lang);
// "微信" or "威信 → 微信（拼音）": the matched text, and the term it stands for when it differs.
std::string matched_text(const ComplianceHit& hit, Lang lang);

}  // namespace kefu::host::report
