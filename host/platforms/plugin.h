// One loaded plugin instance, seen from the host: every call goes through its PluginCalls (in
// this process or in a plugin host process of its own), is guarded against exceptions and
// misbehaviour, and answers in model types.
#pragma once

#include "platforms/plugin_calls.h"

#include <kefu/abi.h>
#include <kefu/model.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host {

// Whether `info` declares `capability` (kCapRules, kCapWords ...).
bool declares(const PlatformInfo& info, std::string_view capability);

// A plugin call failed. The message names the plugin, its file and the call. `plugin_bug`
// marks failures no input excuses: an escaped exception, a failure without a message, an
// unreadable answer, and out of process a crash, an exit, a timeout or too much memory.
class PluginCallError : public std::runtime_error {
 public:
  enum class Kind { failed, plugin_bug };
  PluginCallError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class LoadedPlugin {
 public:
  // `sdk_version` is the plugin's, "1.4.0".
  LoadedPlugin(std::string path, std::string sdk_version, std::unique_ptr<PluginCalls> calls);
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;

  const std::string& path() const { return path_; }
  const std::string& sdk_version() const { return sdk_version_; }
  const PlatformInfo& info() const { return info_; }
  // Whether the plugin declares `capability` (kCapRules, kCapWords ...), the one place this is
  // asked; a capability it does not declare is never called.
  bool provides(std::string_view capability) const;
  const std::vector<std::string>& notes() const { return notes_; }
  void add_note(std::string note) { notes_.push_back(std::move(note)); }

  // Asks the plugin who it is; called once by the loader, then cached in info().
  PlatformInfo query_info();

  // Each returns nullopt when the plugin does not provide the capability and throws
  // PluginCallError when the call fails or answers something unreadable.
  std::optional<RuleSet> rules() const;
  std::optional<WordList> words() const;
  std::optional<MetricProfile> metric_profile() const;
  std::optional<ImportResult> import_native(const ImportRequest& request, std::string_view payload) const;
  std::optional<FetchResult> fetch(const FetchRequest& request) const;

  // The answers every command uses: asked once, checked against the catalog
  // (model/validate.h) and kept, so no command sees unvalidated plugin data and none asks twice.
  // nullopt when the plugin does not declare the capability; std::runtime_error listing every
  // problem (and the `kefu plugins check` to run) when the answer is not valid.
  const std::optional<RuleSet>& valid_rules() const;
  const std::optional<WordList>& valid_words() const;
  const std::optional<MetricProfile>& valid_profile() const;

  // The plugin's answer as it gave it, unread: what the plugin host process passes on.
  // Throws PluginCallError as PluginCalls::call does, without the plugin and the call named.
  std::optional<RawAnswer> raw_call(PluginCall call, std::string_view request = {},
                                    std::string_view payload = {}) const;

 private:
  template <class T>
  std::optional<T> call(PluginCall call, std::string_view request = {}, std::string_view payload = {}) const;
  std::string label() const;

  std::string path_;
  std::string sdk_version_;
  std::unique_ptr<PluginCalls> calls_;
  PlatformInfo info_;
  std::vector<std::string> notes_;
  template <class T>
  struct Kept {
    bool asked = false;
    std::optional<T> answer;
  };
  mutable Kept<RuleSet> rules_;
  mutable Kept<WordList> words_;
  mutable Kept<MetricProfile> profile_;
};

}  // namespace kefu::host
