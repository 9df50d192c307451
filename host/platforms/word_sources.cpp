#include "platforms/word_sources.h"

namespace kefu::host::words {

std::vector<PlatformWords> plugin_word_lists(const PluginRegistry& registry, const std::vector<std::string>& ids) {
  std::vector<PlatformWords> out;
  auto add = [&](const LoadedPlugin& plugin) {
    const std::optional<WordList>* answer = nullptr;
    try {
      answer = &plugin.valid_words();
    } catch (const PluginCallError& e) {
      // Whatever the command does with the lists, without this one its answer would be wrong:
      // a scan would call a banned message clean.
      throw std::runtime_error("the word list of " + plugin.info().id +
                               " could not be loaded, so nothing can be checked against it: " + e.what());
    }
    const std::optional<WordList>& list = *answer;
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
