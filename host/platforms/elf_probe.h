// Reads the first bytes of a file to say what it is, without loading it: the host must be able
// to tell "a Windows DLL" or "an ARM build" from "a library whose dependency is missing",
// because the two need different fixes.
#pragma once

#include <string>

namespace kefu::host {

struct ElfProbe {
  bool loadable = false;  // an ELF shared object for the machine this host runs on
  std::string found;      // what the file is, in words: "ELF64 x86-64 shared object", "a text file"
};

ElfProbe probe_elf(const std::string& path);

// What a loadable plugin looks like on this machine, in the same words.
std::string expected_elf_description();

}  // namespace kefu::host
