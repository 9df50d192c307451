#include "platforms/refusal.h"

namespace kefu::host {

std::string_view to_string(RefusalCode code) {
  switch (code) {
    case RefusalCode::file_unsafe:
      return "file_unsafe";
    case RefusalCode::not_shared_library:
      return "not_shared_library";
    case RefusalCode::dependency_missing:
      return "dependency_missing";
    case RefusalCode::not_kefu_plugin:
      return "not_kefu_plugin";
    case RefusalCode::sdk_version_mismatch:
      return "sdk_version_mismatch";
    case RefusalCode::abi_fingerprint_mismatch:
      return "abi_fingerprint_mismatch";
    case RefusalCode::descriptor_incomplete:
      return "descriptor_incomplete";
    case RefusalCode::init_failed:
      return "init_failed";
    case RefusalCode::identity_invalid:
      return "identity_invalid";
    case RefusalCode::duplicate_platform:
      return "duplicate_platform";
  }
  return "unknown";
}

RefusalCode refusal_code_named(std::string_view name) {
  for (int c = 0; c <= static_cast<int>(RefusalCode::duplicate_platform); ++c)
    if (to_string(static_cast<RefusalCode>(c)) == name) return static_cast<RefusalCode>(c);
  return RefusalCode::init_failed;
}

std::string refusal_message(std::string_view file, std::string_view what, std::string_view expected,
                            std::string_view found, std::string_view remedy) {
  std::string m = "plugin ";
  m += file;
  m += ": ";
  m += what;
  if (!expected.empty() || !found.empty()) {
    m += ": expected ";
    m += expected;
    m += ", found ";
    m += found;
  }
  m += ".";
  if (!remedy.empty()) {
    m += " ";
    m += remedy;
  }
  return m;
}

}  // namespace kefu::host
