// Timestamps and days: parse_timestamp (chat logs), the SDK's and the exports' day readers,
// and the calendar arithmetic on whatever they accept.
#include "base/calendar.h"

#include <kefu/toolkit/dates.hpp>
#include <kefu/toolkit/native_export.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace kefu::host::calendar;
  if (const auto ts = parse_timestamp(text); ts && timestamp_in_range(*ts)) {
    const std::int32_t day = china_day(*ts);
    if (parse_day(format_day(day)) != day) std::abort();  // a day prints and reads back
  }
  if (const auto day = kefu::dates::parse_day(text)) {
    if (kefu::dates::parse_day(kefu::dates::format_day(*day)) != day) std::abort();
  }
  if (const auto day = kefu::native_export::parse_day(text)) {
    if (kefu::native_export::parse_day(*day) != day) std::abort();
  }
  return 0;
}
