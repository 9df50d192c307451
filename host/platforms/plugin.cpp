#include "platforms/plugin.h"

#include "platforms/host_api.h"

#include "model/validate.h"

#include <algorithm>
#include <kefu/json.hpp>
#include <kefu/plugin.hpp>

#include <cstddef>

namespace kefu::host {

LoadedPlugin::LoadedPlugin(std::string path, const kefu_abi_record& record, kefu_plugin_instance instance,
                           std::unique_ptr<HostContext> context)
    : path_(std::move(path)),
      sdk_major_(record.sdk_major),
      sdk_minor_(record.sdk_minor),
      sdk_patch_(record.sdk_patch),
      context_(std::move(context)),
      instance_(instance) {}

LoadedPlugin::~LoadedPlugin() {
  // The library itself stays loaded for the life of the process (see loader.cpp).
  try {
    if (instance_.vtable && instance_.vtable->destroy) instance_.vtable->destroy(instance_.self);
  } catch (...) {
  }
}

std::string LoadedPlugin::sdk_version() const {
  return std::to_string(sdk_major_) + "." + std::to_string(sdk_minor_) + "." + std::to_string(sdk_patch_);
}

std::string LoadedPlugin::label() const { return info_.id.empty() ? path_ : "\"" + info_.id + "\" (" + path_ + ")"; }

template <class T, class Invoke>
std::optional<T> LoadedPlugin::call(std::string_view name, std::size_t slot_end, Invoke&& invoke) const {
  const kefu_plugin_vtable* vt = instance_.vtable;
  // A plugin built with an older minor SDK has a shorter table: the capability is absent.
  if (vt->struct_size < slot_end) return std::nullopt;
  std::string out, error;
  kefu_sink out_sink = detail::string_sink(out), error_sink = detail::string_sink(error);
  std::int32_t status;
  try {
    status = invoke(vt, &out_sink, &error_sink);
  } catch (const std::exception& e) {
    throw PluginCallError(PluginCallError::Kind::plugin_bug,
                          "plugin " + label() + ": " + std::string(name) +
                              "() let an exception escape (a bug in the plugin): " + e.what());
  } catch (...) {
    throw PluginCallError(
        PluginCallError::Kind::plugin_bug,
        "plugin " + label() + ": " + std::string(name) + "() let an unknown exception escape (a bug in the plugin)");
  }
  if (status == KEFU_UNSUPPORTED) return std::nullopt;
  if (status != KEFU_OK) {
    if (error.empty()) {
      throw PluginCallError(PluginCallError::Kind::plugin_bug,
                            "plugin " + label() + ": " + std::string(name) +
                                "() failed but reported no error; this is a bug in the plugin");
    }
    throw PluginCallError(PluginCallError::Kind::failed,
                          "plugin " + label() + ": " + std::string(name) + "() failed: " + error);
  }
  try {
    return json::read<T>(out, std::string(name) + "() of plugin " + label());
  } catch (const json::ParseError& e) {
    throw PluginCallError(PluginCallError::Kind::plugin_bug, std::string("unreadable answer from ") + e.what());
  }
}

#define KEFU_SLOT_END(field) (offsetof(kefu_plugin_vtable, field) + sizeof(kefu_plugin_vtable::field))

bool declares(const PlatformInfo& info, std::string_view capability) {
  return std::find(info.capabilities.begin(), info.capabilities.end(), capability) != info.capabilities.end();
}

bool LoadedPlugin::provides(std::string_view capability) const { return declares(info_, capability); }

PlatformInfo LoadedPlugin::query_info() {
  auto answer = call<PlatformInfo>("info", KEFU_SLOT_END(info),
                                   [&](auto vt, auto out, auto err) { return vt->info(instance_.self, out, err); });
  if (!answer)
    throw PluginCallError(PluginCallError::Kind::plugin_bug,
                          "plugin " + label() + ": info() answered 'unsupported'; every plugin must say who it is");
  info_ = std::move(*answer);
  context_->set_plugin_label(info_.id);
  return info_;
}

std::optional<RuleSet> LoadedPlugin::rules() const {
  return call<RuleSet>("rules", KEFU_SLOT_END(rules),
                       [&](auto vt, auto out, auto err) { return vt->rules(instance_.self, out, err); });
}

std::optional<WordList> LoadedPlugin::words() const {
  return call<WordList>("words", KEFU_SLOT_END(words),
                        [&](auto vt, auto out, auto err) { return vt->words(instance_.self, out, err); });
}

std::optional<MetricProfile> LoadedPlugin::metric_profile() const {
  return call<MetricProfile>("metric_profile", KEFU_SLOT_END(metric_profile),
                             [&](auto vt, auto out, auto err) { return vt->metric_profile(instance_.self, out, err); });
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
  return call<ImportResult>("import_native", KEFU_SLOT_END(import_native), [&](auto vt, auto out, auto err) {
    return vt->import_native(instance_.self, {req.data(), req.size()}, {payload.data(), payload.size()}, out, err);
  });
}

std::optional<FetchResult> LoadedPlugin::fetch(const FetchRequest& request) const {
  const std::string req = json::write(request);
  return call<FetchResult>("fetch", KEFU_SLOT_END(fetch), [&](auto vt, auto out, auto err) {
    return vt->fetch(instance_.self, {req.data(), req.size()}, out, err);
  });
}

#undef KEFU_SLOT_END

}  // namespace kefu::host
