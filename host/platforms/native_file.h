// One platform export file through its plugin: read the bytes, decode GBK/UTF-8 (or convert a
// workbook or UTF-16 text to CSV, base/table_text.h) for the plugin, import, keep the rejects
// next to the file (or in --rejects-dir). Shared by `kefu metrics import` and `kefu ingest`, so
// both read an export the same way.
#pragma once

#include "base/encoding.h"
#include "base/table_text.h"
#include "platforms/plugin.h"

#include <kefu/model.hpp>

#include <optional>
#include <string>

namespace kefu::host::metrics {

struct NativeFile {
  std::string encoding;  // as read: utf-8 | gb18030 | utf-16le | utf-16be
  TableSource source;    // a workbook or UTF-16 text converted to CSV first
  ImportResult result;
  std::string rejects_file;  // "" when every row was read
};

// Throws std::runtime_error naming the file when it cannot be read or the plugin cannot import.
NativeFile import_native_file(const LoadedPlugin& plugin, const std::string& path, const std::string& shop,
                              const std::string& day, std::optional<Encoding> forced,
                              const std::string& rejects_dir = "", const std::string& sheet = "");

}  // namespace kefu::host::metrics
