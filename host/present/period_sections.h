// The period views (report/period_views.h) and each person's unusual days as sections of the
// report (sections.h): the terminal, Markdown and HTML outputs print them after the report's own,
// and the workbook gives each a sheet (report_xlsx.cpp, numbers as numbers).
#pragma once

#include "present/sections.h"

#include <utility>
#include <vector>

namespace kefu::host::report {

// month_weeks, day_check, person_anomalies, rotation:<person>: only those the report holds.
std::vector<Section> period_sections(const Report& report, const RenderContext& ctx);
// What the views leave out, said plainly: a column without any figure ("2025-11: no data, no
// comparison with last year"). Empty when every column has data.
// The changes a view shows, as (column, against column): month_weeks the month on last year;
// day_check the day on last week's and on the 4 weeks' mean; rotation the 4 weeks after on before.
std::vector<std::pair<std::size_t, std::size_t>> view_changes(const PeriodView& view);
std::vector<std::string> period_gaps(const PeriodView& view, Lang lang);

}  // namespace kefu::host::report
