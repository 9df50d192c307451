// The report as titled tables of text, built once and printed by the terminal, Markdown and
// HTML outputs, so all three say the same thing in the same order.
#pragma once

#include "present/report_render.h"

#include <string>
#include <vector>

namespace kefu::host::report {

struct Section {
  std::string id;  // stable: grid, misses, anomalies, movers, native:<platform>, notes
  std::string title;
  std::vector<std::string> lines;  // text before the table (rules, explanations)
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> row_missed = {};  // per row: it holds a KPI miss (the grid, the misses)
  // HTML only, per row ("" for none): an anchor the row carries, and one its first cell links to
  // (a grid row to its shop's missed sessions).
  std::vector<std::string> row_ids = {}, row_links = {};
  // HTML only, per row and cell ("" or absent for none): a CSS class — "better" / "worse" for a
  // change in the catalog's direction (the period views), so the cell is coloured, not the row.
  std::vector<std::vector<std::string>> cell_classes = {};
};

// The anchor of a shop's missed sessions in the HTML report.
std::string missed_anchor(const std::string& platform, const std::string& shop_id);

std::string report_title(const Report& report, Lang lang);
std::vector<Section> report_sections(const Report& report, const RenderContext& ctx);

}  // namespace kefu::host::report
