// The config reader (kefu.json): valid, or a ConfigError listing problems; never a crash.
#include "config/config.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    kefu::host::config::parse_config(std::string_view(reinterpret_cast<const char*>(data), size), "/fuzz/kefu.json");
  } catch (const kefu::host::config::ConfigError&) {
  }
  return 0;
}
