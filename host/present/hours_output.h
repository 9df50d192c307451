// The hour-of-day profile (report/hours.h) for people: a table, an hour a line, with a bar of
// the turns, the response time and who was on; and JSON (schema kefu.hours/1).
#pragma once

#include "present/report_render.h"
#include "report/hours.h"

#include <ostream>

namespace kefu::host::report {

void render_hours_table(const HourProfile& profile, const RenderContext& ctx, std::ostream& out);
void render_hours_json(const std::vector<HourProfile>& profiles, std::ostream& out);

}  // namespace kefu::host::report
