// The SDK's JSON model reader (what the host reads from every plugin), and the round trip:
// whatever it reads, it writes as JSON it reads back the same.
#include <kefu/json.hpp>
#include <kefu/model.hpp>
#include <kefu/toolkit/native_export.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

template <class T>
void round_trip(std::string_view text) {
  T value;
  try {
    value = kefu::json::read<T>(text, "fuzz");
  } catch (const kefu::json::ParseError&) {
    return;
  }
  const std::string once = kefu::json::write(value);
  const std::string twice = kefu::json::write(kefu::json::read<T>(once, "fuzz again"));
  if (once != twice) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  round_trip<kefu::RuleSet>(text);
  round_trip<kefu::MetricsFile>(text);
  round_trip<kefu::FetchResult>(text);
  round_trip<kefu::ImportResult>(text);
  round_trip<kefu::WordList>(text);
  return 0;
}
