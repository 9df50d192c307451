#include "platforms/registry.h"

#include "platforms/plugin_process.h"

#include <stdexcept>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace kefu::host {

void PluginRegistry::load_directory(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    warnings_.push_back("plugin directory " + dir + " does not exist or is not a directory");
    return;
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".so") files.push_back(entry.path().string());
  }
  if (ec) warnings_.push_back("cannot list plugin directory " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  if (options_.isolated) {
    // Each in its own process, all started at once: they load side by side.
    for (LoadResult& result : load_isolated_plugins(files, options_)) add(std::move(result));
    return;
  }
  for (const auto& file : files) load_file(file);
}

void PluginRegistry::load_file(const std::string& path) {
  add(options_.isolated ? load_isolated_plugin(path, options_) : load_plugin(path, options_));
}

void PluginRegistry::add(LoadResult result) {
  if (result.refusal) {
    refusals_.push_back(std::move(*result.refusal));
    return;
  }
  const std::string& id = result.plugin->info().id;
  if (const LoadedPlugin* first = find(id)) {
    refusals_.push_back(
        {RefusalCode::duplicate_platform, result.plugin->path(),
         refusal_message(result.plugin->path(), "platform \"" + id + "\" is already loaded", "one plugin per platform",
                         "another copy; the first, " + first->path() + ", stays loaded",
                         "Remove one of the two files or take its directory out of the plugin path")});
    return;
  }
  plugins_.push_back(std::move(result.plugin));
}

const LoadedPlugin* PluginRegistry::find(std::string_view id) const {
  for (const auto& p : plugins_) {
    if (p->info().id == id) return p.get();
  }
  return nullptr;
}

const LoadedPlugin& PluginRegistry::require(std::string_view id) const {
  if (const LoadedPlugin* plugin = find(id)) return *plugin;
  std::string loaded;
  for (const auto& p : plugins_) loaded += (loaded.empty() ? "" : ", ") + p->info().id;
  throw std::runtime_error("no plugin for platform \"" + std::string(id) +
                           "\" is loaded (loaded: " + (loaded.empty() ? "none" : loaded) + "; see `kefu plugins`)");
}

std::vector<std::string> plugin_search_path(const std::vector<std::string>& flag_dirs, const char* env_value) {
  if (!flag_dirs.empty()) return flag_dirs;
  std::vector<std::string> dirs;
  if (env_value && *env_value) {
    std::stringstream in(env_value);
    std::string dir;
    while (std::getline(in, dir, ':')) {
      if (!dir.empty()) dirs.push_back(dir);
    }
    return dirs;
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) dirs.push_back((exe.parent_path() / ".." / "lib" / "kefu" / "plugins").lexically_normal().string());
  return dirs;
}

}  // namespace kefu::host
