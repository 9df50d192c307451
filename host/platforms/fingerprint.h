// Compares a plugin's build fingerprint (kefu/fingerprint.h) with the host's own.
//
// Only plain C structs cross the boundary, so what must match is the data model they are laid
// out in (architecture, pointer width, byte order): a mismatch there refuses the plugin. The
// compiler and the standard library may differ — no C++ object crosses — so a mismatch there
// is reported as a note, not a refusal.
#pragma once

#include <string>
#include <vector>

namespace kefu::host {

struct FingerprintCheck {
  std::vector<std::string> blocking;  // "arch: expected x86_64, found aarch64"
  std::vector<std::string> notes;     // "stdlib: host libstdc++-cxx11abi1, plugin libstdc++-cxx11abi0"
};

std::string host_fingerprint();
FingerprintCheck compare_fingerprints(const std::string& host, const std::string& plugin);

}  // namespace kefu::host
