// The monthly scorecard (绩效表, report/scorecard.h) for people: a terminal table, JSON, a
// section of the HTML report (through sections.h), and a sheet of the Excel workbook
// (scorecard_xlsx.cpp). The rule is always stated beside the scores.
#pragma once

#include "present/report_render.h"
#include "present/sections.h"
#include "report/scorecard.h"

#include <ostream>
#include <string>
#include <vector>

struct lxw_workbook;

namespace kefu::host::report {

// The rule in words: the formula, then each metric's weight, floor and target.
std::vector<std::string> scorecard_rule_lines(const Scorecard& card, const RenderContext& ctx);
// One row per person: group, rank, name, platforms, then per metric value · points · contribution, score.
Section scorecard_section(const Scorecard& card, const RenderContext& ctx);
// "3 accounts not in the roster: ...", and the roster lines to add; "" when none.
std::string not_in_roster_text(const std::vector<std::string>& accounts, Lang lang);

void render_scorecard_table(const Scorecard& card, const RenderContext& ctx, std::ostream& out);
void render_scorecard_json(const Scorecard& card, std::ostream& out);
// Adds the 绩效表 sheet to an open workbook (report_xlsx.cpp's).
void scorecard_sheet(lxw_workbook* book, const Scorecard& card, const RenderContext& ctx);

}  // namespace kefu::host::report
