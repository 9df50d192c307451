// One platform export file through its plugin: read the bytes, decode GBK/UTF-8 for the
// plugin, import, keep the rejects next to the file (or in --rejects-dir). Shared by `kefu metrics import` and
// `kefu ingest`, so both read an export the same way.
#pragma once

#include "base/encoding.h"
#include "platforms/plugin.h"

#include <kefu/model.hpp>

#include <optional>
#include <string>

namespace kefu::host::metrics {

struct NativeFile {
  std::string encoding;  // as read: utf-8 | gb18030
  ImportResult result;
  std::string rejects_file;  // "" when every row was read
};

// Throws std::runtime_error naming the file when it cannot be read or the plugin cannot import.
NativeFile import_native_file(const LoadedPlugin& plugin, const std::string& path, const std::string& shop,
                              const std::string& day, std::optional<Encoding> forced,
                              const std::string& rejects_dir = "");

}  // namespace kefu::host::metrics
