#include "platforms/plugin.h"

#include "model/validate.h"

#include <algorithm>
#include <kefu/json.hpp>

namespace kefu::host {

LoadedPlugin::LoadedPlugin(std::string path, std::string sdk_version, std::unique_ptr<PluginCalls> calls)
    : path_(std::move(path)), sdk_version_(std::move(sdk_version)), calls_(std::move(calls)) {}

std::string LoadedPlugin::label() const { return info_.id.empty() ? path_ : "\"" + info_.id + "\" (" + path_ + ")"; }

std::optional<RawAnswer> LoadedPlugin::raw_call(PluginCall call, std::string_view request,
                                                std::string_view payload) const {
  return calls_->call(call, request, payload);
}

template <class T>
std::optional<T> LoadedPlugin::call(PluginCall which, std::string_view request, std::string_view payload) const {
  const std::string name(call_name(which));
  std::optional<RawAnswer> answer;
  try {
    answer = calls_->call(which, request, payload);
  } catch (const PluginCallError& e) {
    throw PluginCallError(e.kind(), "plugin " + label() + ": " + name + "() " + e.what());
  }
  if (!answer || answer->status == KEFU_UNSUPPORTED) return std::nullopt;
  if (answer->status != KEFU_OK) {
    if (answer->error.empty()) {
      throw PluginCallError(
          PluginCallError::Kind::plugin_bug,
          "plugin " + label() + ": " + name + "() failed but reported no error; this is a bug in the plugin");
    }
    throw PluginCallError(PluginCallError::Kind::failed,
                          "plugin " + label() + ": " + name + "() failed: " + answer->error);
  }
  try {
    return json::read<T>(answer->out, name + "() of plugin " + label());
  } catch (const json::ParseError& e) {
    throw PluginCallError(PluginCallError::Kind::plugin_bug, std::string("unreadable answer from ") + e.what());
  }
}

bool declares(const PlatformInfo& info, std::string_view capability) {
  return std::find(info.capabilities.begin(), info.capabilities.end(), capability) != info.capabilities.end();
}

bool LoadedPlugin::provides(std::string_view capability) const { return declares(info_, capability); }

PlatformInfo LoadedPlugin::query_info() {
  auto answer = call<PlatformInfo>(PluginCall::info);
  if (!answer)
    throw PluginCallError(PluginCallError::Kind::plugin_bug,
                          "plugin " + label() + ": info() answered 'unsupported'; every plugin must say who it is");
  info_ = std::move(*answer);
  calls_->identified(info_.id);
  return info_;
}

std::optional<RuleSet> LoadedPlugin::rules() const { return call<RuleSet>(PluginCall::rules); }

std::optional<WordList> LoadedPlugin::words() const { return call<WordList>(PluginCall::words); }

std::optional<MetricProfile> LoadedPlugin::metric_profile() const {
  return call<MetricProfile>(PluginCall::metric_profile);
}

namespace {

// Asks once through `ask`, checks with `validate`, keeps the answer.
template <class T, class Ask, class Validate>
const std::optional<T>& kept(auto& slot, const LoadedPlugin& plugin, std::string_view what, std::string_view capability,
                             Ask&& ask, Validate&& validate) {
  if (slot.asked) return slot.answer;
  std::optional<T> answer = plugin.provides(capability) ? ask() : std::nullopt;
  if (answer) {
    if (const auto problems = validate(*answer); !problems.empty()) {
      std::string message = "plugin " + plugin.info().id + " (" + plugin.path() + ") answered " + std::string(what) +
                            " the host cannot use:";
      for (const std::string& p : problems) message += "\n  " + p;
      throw std::runtime_error(message + "\nfix the plugin's data (see `kefu plugins check " + plugin.path() + "`)");
    }
  }
  slot.answer = std::move(answer);
  slot.asked = true;
  return slot.answer;
}

}  // namespace

const std::optional<RuleSet>& LoadedPlugin::valid_rules() const {
  return kept<RuleSet>(
      rules_, *this, "rules", kCapRules, [&] { return rules(); }, validate_rules);
}

const std::optional<WordList>& LoadedPlugin::valid_words() const {
  return kept<WordList>(
      words_, *this, "a word list", kCapWords, [&] { return words(); }, validate_words);
}

const std::optional<MetricProfile>& LoadedPlugin::valid_profile() const {
  return kept<MetricProfile>(
      profile_, *this, "a metric profile", kCapMetricProfile, [&] { return metric_profile(); },
      validate_metric_profile);
}

std::optional<ImportResult> LoadedPlugin::import_native(const ImportRequest& request, std::string_view payload) const {
  const std::string req = json::write(request);
  return call<ImportResult>(PluginCall::import_native, req, payload);
}

std::optional<FetchResult> LoadedPlugin::fetch(const FetchRequest& request) const {
  const std::string req = json::write(request);
  return call<FetchResult>(PluginCall::fetch, req);
}

}  // namespace kefu::host
