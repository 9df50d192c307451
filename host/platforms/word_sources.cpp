#include "platforms/word_sources.h"

namespace kefu::host::words {

std::vector<PlatformWords> plugin_word_lists(const PluginRegistry& registry, const std::vector<std::string>& ids) {
  std::vector<PlatformWords> out;
  auto add = [&](const LoadedPlugin& plugin) {
    const std::optional<WordList>& list = plugin.valid_words();
    if (!list)
      throw std::runtime_error("plugin " + plugin.info().id + " (" + plugin.path() + ") provides no word list");
    out.push_back({plugin.info().id, *list, {}});
  };
  if (ids.empty()) {
    for (const auto& p : registry.plugins()) {
      if (p->provides(kCapWords)) add(*p);
    }
    return out;
  }
  for (const std::string& id : ids) add(registry.require(id));
  return out;
}

}  // namespace kefu::host::words
