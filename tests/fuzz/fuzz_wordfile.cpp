// Word files (wordfile.hpp): every line is read or becomes a problem with its line number.
#include <kefu/toolkit/wordfile.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  kefu::WordList list;
  kefu::WordFileDefaults defaults;
  const auto problems = kefu::read_word_file(text, defaults, list);
  std::size_t lines = 1;
  for (char c : text) lines += c == '\n';
  for (const auto& p : problems)
    if (p.line == 0 || p.line > lines) std::abort();  // a problem names a line of the file
  kefu::json::write(list);
  return 0;
}
