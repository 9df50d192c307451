// Native exports (native_export.hpp) with a profile of every value format: whatever the file
// holds, the result is rows, rejects with a line, or a clear error; and the result always
// travels as valid JSON (no NaN or infinity can reach the host).
#include <kefu/toolkit/native_export.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

kefu::MetricProfile profile() {
  kefu::MetricProfile p;
  int i = 0;
  for (const char* format : {"percent", "seconds", "count", "amount", "ratio"}) {
    kefu::NativeMetric m;
    m.native_name = std::string("m") + std::to_string(i);
    m.export_columns = {std::string("c") + std::to_string(i++)};
    m.value_format = format;
    p.metrics.push_back(m);
  }
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const kefu::MetricProfile metrics = profile();
  static const kefu::ExportLayout layout = [] {
    kefu::ExportLayout l;
    l.agent_columns = {"客服", "agent"};
    l.day_columns = {"日期", "day"};
    l.shop_columns = {"店铺"};
    l.pending_markers = {"延迟统计"};
    l.total_markers = {"合计"};
    return l;
  }();
  const std::string text = "agent,day,c0,c1,c2,c3,c4\n" + std::string(reinterpret_cast<const char*>(data), size);
  kefu::ImportResult result;
  try {
    result = kefu::import_export(text, kefu::ImportRequest{"fuzz.csv", "shop", "utf-8", "2026-11-16"}, "fuzz", metrics,
                                 layout);
  } catch (const std::runtime_error&) {
    return 0;
  }
  for (const auto& v : result.values)
    if (!(v.value >= 0)) std::abort();  // negative or NaN figures are rejects
  const std::string json = kefu::json::write(result);
  kefu::json::read<kefu::ImportResult>(json, "the plugin's answer");
  // The parsers on their own, on the raw bytes.
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  for (const char* format : {"percent", "seconds", "count", "amount", "ratio"})
    kefu::native_export::parse_value(raw, format);
  kefu::native_export::parse_day(raw);
  return 0;
}
