#include "platforms/native_file.h"

#include "base/input_file.h"
#include "base/output_file.h"

#include <stdexcept>

namespace kefu::host::metrics {

NativeFile import_native_file(const LoadedPlugin& plugin, const std::string& path, const std::string& shop,
                              const std::string& day, std::optional<Encoding> forced, const std::string& rejects_dir,
                              const std::string& sheet) {
  InputBytes input = read_input_file(path);
  if (!input.bytes) throw std::runtime_error(input.error);
  TableText table = table_text(std::move(*input.bytes), path, TableOptions{sheet, forced});
  const DecodedText& text = table.decoded;
  NativeFile out;
  out.source = std::move(table.source);
  out.encoding = encoding_name(text.encoding);
  auto result = plugin.import_native(ImportRequest{path, shop, out.encoding, day}, text.text);
  if (!result) throw std::runtime_error("plugin " + plugin.info().id + " cannot import native exports");
  out.result = std::move(*result);
  out.rejects_file = write_rejects_file(path, out.result.rejects, rejects_dir);
  return out;
}

}  // namespace kefu::host::metrics
