// Why a plugin file was not loaded: a stable code for machines and one sentence for people.
#pragma once

#include <string>
#include <string_view>

namespace kefu::host {

enum class RefusalCode {
  file_unsafe,               // missing, not a regular file, or writable by others
  not_shared_library,        // not a loadable ELF shared object for this machine
  dependency_missing,        // dlopen failed: a needed library or symbol is missing
  not_kefu_plugin,           // no ABI record or factory
  sdk_version_mismatch,      // SDK major differs, or plugin minor newer than the host
  abi_fingerprint_mismatch,  // built for another data model
  descriptor_incomplete,     // the function table is too short or has null entries
  init_failed,               // the factory threw or reported failure
  identity_invalid,          // info() failed or returned a malformed identity
  duplicate_platform,        // the platform id is already loaded from another file
};

std::string_view to_string(RefusalCode code);
// The code named `name` (as to_string spells it); init_failed for a name that is no code.
RefusalCode refusal_code_named(std::string_view name);

struct Refusal {
  RefusalCode code;
  std::string file;     // absolute path
  std::string message;  // "plugin <file>: <what>: expected <x>, found <y>. <what to do>"
};

// Builds the one-line message every refusal uses, so they all read alike.
std::string refusal_message(std::string_view file, std::string_view what, std::string_view expected,
                            std::string_view found, std::string_view remedy);

}  // namespace kefu::host
