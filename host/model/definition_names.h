// The names a definition's parameters are written and read under: the JSON names of
// metrics.json's `computation` (kefu/model.hpp, SDK 1.5), also used by the engine's messages and
// by `kefu metrics definitions --format json`. Machine names, English and stable; people's words
// are made in present/.
#pragma once

#include "model/definition.h"

#include <array>
#include <string>
#include <string_view>

namespace kefu::host {

std::string_view name_of(CountUnit u);     // turn | session | segment | message | customer_day
std::string_view name_of(HoursApplyTo a);  // turn_start | session_start | message
std::string_view name_of(BotReplies b);    // none | all | assist_only
std::string_view name_of(Transfers t);     // carry | split
std::string_view name_of(Closings c);      // ignore | count
std::string_view name_of(Comparator c);    // >= | > | <= | <

// The parameters a definition needs to be computed, in declaration order, by their metrics.json
// names (the line is not needed: it only places the figure).
inline constexpr std::array<std::string_view, 8> kParameterNames = {
    "unit", "assessed_hours", "bot_replies", "transfers", "closings", "threshold_s", "period_days", "min_sample"};

// The line as machines read it: ">=0.900000"; "unknown" when unknown; "" when the platform
// states none.
std::string line_text(const Definition& d);

// Minutes since midnight as HH:MM; 1440 is "24:00".
std::string hhmm(int minutes);
// "HH:MM" (00:00-24:00) as minutes since midnight; -1 when it is not one.
int minutes_of(std::string_view hhmm);

}  // namespace kefu::host
