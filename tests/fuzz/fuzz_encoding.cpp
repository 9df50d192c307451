// Encodings: detection and decoding (UTF-8 and GB18030) of any bytes; every invalid offset is
// inside the input.
#include "base/encoding.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  using kefu::host::Encoding;
  for (std::optional<Encoding> forced : {std::optional<Encoding>(), std::optional<Encoding>(Encoding::utf8),
                                         std::optional<Encoding>(Encoding::gb18030)}) {
    const kefu::host::DecodedText d = kefu::host::decode_text(bytes, forced);
    for (std::size_t at : d.invalid)
      if (at >= size) std::abort();
  }
  kefu::host::parse_encoding(std::string_view(bytes).substr(0, 16));
  return 0;
}
