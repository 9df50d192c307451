#include "platforms/elf_probe.h"

#include <elf.h>

#include <array>
#include <cstdio>
#include <fstream>

namespace kefu::host {
namespace {

#if defined(__x86_64__)
constexpr int kHostMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr int kHostMachine = EM_AARCH64;
#elif defined(__i386__)
constexpr int kHostMachine = EM_386;
#elif defined(__arm__)
constexpr int kHostMachine = EM_ARM;
#else
constexpr int kHostMachine = EM_NONE;
#endif
constexpr int kHostClass = sizeof(void*) == 8 ? ELFCLASS64 : ELFCLASS32;
constexpr int kHostData = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? ELFDATA2LSB : ELFDATA2MSB;

std::string machine_name(int machine) {
  switch (machine) {
    case EM_X86_64:
      return "x86-64";
    case EM_AARCH64:
      return "AArch64";
    case EM_386:
      return "i386";
    case EM_ARM:
      return "ARM";
    case EM_RISCV:
      return "RISC-V";
    case EM_PPC64:
      return "PowerPC64";
    case EM_S390:
      return "s390";
    default:
      return "machine " + std::to_string(machine);
  }
}

std::string type_name(int type) {
  switch (type) {
    case ET_DYN:
      return "shared object";
    case ET_EXEC:
      return "executable";
    case ET_REL:
      return "object file (.o)";
    case ET_CORE:
      return "core dump";
    default:
      return "file of ELF type " + std::to_string(type);
  }
}

std::string describe(int elf_class, int data, int type, int machine) {
  std::string s = elf_class == ELFCLASS64 ? "ELF64 " : "ELF32 ";
  if (data != kHostData) s += data == ELFDATA2MSB ? "big-endian " : "little-endian ";
  return s + machine_name(machine) + " " + type_name(type);
}

// Names common non-ELF formats by their magic bytes.
std::string describe_other(const unsigned char* b, std::size_t n) {
  if (n == 0) return "an empty file";
  if (n >= 2 && b[0] == 'M' && b[1] == 'Z') return "a Windows PE file (.dll/.exe)";
  if (n >= 4 && ((b[0] == 0xcf && b[1] == 0xfa && b[2] == 0xed && b[3] == 0xfe) ||
                 (b[0] == 0xca && b[1] == 0xfe && b[2] == 0xba && b[3] == 0xbe)))
    return "a macOS Mach-O file";
  if (n >= 2 && b[0] == '#' && b[1] == '!') return "a script";
  if (n >= 7 && std::string(reinterpret_cast<const char*>(b), 7) == "!<arch>") return "a static library archive (.a)";
  bool text = true;
  for (std::size_t i = 0; i < n; ++i) {
    if (b[i] < 0x09 || (b[i] > 0x0d && b[i] < 0x20)) text = false;
  }
  if (text) return "a text file";
  char hex[32];
  std::snprintf(hex, sizeof hex, "%02x %02x %02x %02x", b[0], n > 1 ? b[1] : 0, n > 2 ? b[2] : 0, n > 3 ? b[3] : 0);
  return std::string("an unknown format (first bytes ") + hex + ")";
}

}  // namespace

std::string expected_elf_description() { return describe(kHostClass, kHostData, ET_DYN, kHostMachine); }

ElfProbe probe_elf(const std::string& path) {
  std::array<unsigned char, sizeof(Elf64_Ehdr)> b{};
  std::ifstream in(path, std::ios::binary);
  in.read(reinterpret_cast<char*>(b.data()), b.size());
  const auto n = static_cast<std::size_t>(in.gcount());
  if (n < EI_NIDENT || b[EI_MAG0] != ELFMAG0 || b[EI_MAG1] != ELFMAG1 || b[EI_MAG2] != ELFMAG2 ||
      b[EI_MAG3] != ELFMAG3) {
    return {false, describe_other(b.data(), n)};
  }
  const int elf_class = b[EI_CLASS], data = b[EI_DATA];
  // e_type and e_machine sit at the same offsets in ELF32 and ELF64 headers.
  if (n < 20) return {false, "a truncated ELF file"};
  auto u16 = [&](std::size_t off) {
    return data == ELFDATA2MSB ? (b[off] << 8) | b[off + 1] : b[off] | (b[off + 1] << 8);
  };
  const int type = u16(16), machine = u16(18);
  ElfProbe probe;
  probe.found = describe(elf_class, data, type, machine);
  probe.loadable = elf_class == kHostClass && data == kHostData && type == ET_DYN && machine == kHostMachine;
  return probe;
}

}  // namespace kefu::host
