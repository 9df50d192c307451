// All plugins of one host run: loads every plugin file of the search path in order, keeps the
// first plugin of each platform id and the reason for every file it refused.
#pragma once

#include "platforms/loader.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host {

class PluginRegistry {
 public:
  explicit PluginRegistry(LoadOptions options = {}) : options_(std::move(options)) {}

  // Loads every *.so directly inside `dir`, in file-name order.
  void load_directory(const std::string& dir);
  void load_file(const std::string& path);

  const std::vector<std::unique_ptr<LoadedPlugin>>& plugins() const { return plugins_; }
  const std::vector<Refusal>& refusals() const { return refusals_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  const LoadedPlugin* find(std::string_view platform_id) const;
  // The plugin of `platform_id`; throws std::runtime_error naming the loaded ones otherwise.
  const LoadedPlugin& require(std::string_view platform_id) const;
  // The HTTP client the plugins share (null when the host gave none).
  HttpClient* http() const { return options_.http.get(); }

 private:
  // Keeps a loaded plugin, or the refusal (a second plugin for a platform is one).
  void add(LoadResult result);

  LoadOptions options_;
  std::vector<std::unique_ptr<LoadedPlugin>> plugins_;
  std::vector<Refusal> refusals_;
  std::vector<std::string> warnings_;
};

// Where plugins are looked for: --plugin-dir flags if any, else KEFU_PLUGIN_PATH (':'-separated),
// else <dir of the kefu binary>/../lib/kefu/plugins — the same relative place in the build tree
// and in an installed prefix.
std::vector<std::string> plugin_search_path(const std::vector<std::string>& flag_dirs, const char* env_value);

}  // namespace kefu::host
