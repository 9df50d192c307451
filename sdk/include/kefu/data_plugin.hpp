// A platform plugin is mostly data: its rules, its metric profile and export layout, its word
// list, each fact with its source. DataPlugin answers all of that from the files compiled in by
// kefu_add_plugin(... DATA rules.json metrics.json words.txt), so the C++ of a plugin is its
// identity and, when it has one, its API code:
//
//   #include <kefu/data_plugin.hpp>
//
//   struct PddPlugin final : kefu::DataPlugin {
//     explicit PddPlugin(kefu::Host host)
//         : DataPlugin(host, {.id = "pdd", .name_zh = "拼多多", .name_en = "Pinduoduo", .version = "0.1.0",
//                             .limitations = {"no CS metrics API"}}) {}
//   };
//   KEFU_PLUGIN(PddPlugin)
//
// Capabilities follow the data: rules.json gives `rules`, words.txt `words`, metrics.json
// `metric_profile`, and `native_import` when it also names export columns. What code adds is
// declared by the subclass: override fetch() and list kCapApiFetch in the identity's
// capabilities. A subclass may override any answer; the others keep answering from the data.
#pragma once

#include <kefu/catalog.hpp>
#include <kefu/json.hpp>
#include <kefu/model.hpp>
#include <kefu/plugin.hpp>
#include <kefu/toolkit/native_export.hpp>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace kefu {

// A plugin's data files; nullopt for a file it does not ship.
struct PluginData {
  std::optional<std::string_view> rules_json;    // a RuleSet
  std::optional<std::string_view> metrics_json;  // a MetricsFile: metric profile and export layout
  std::optional<std::string_view> words_txt;     // a word file (kefu/toolkit/wordfile.hpp)
};

namespace embedded {
// The files given to kefu_add_plugin(... DATA ...), defined by the source it generates.
PluginData plugin_data();
}  // namespace embedded

class DataPlugin : public Plugin {
 public:
  // `identity` is info() without the capabilities the data gives. Reads metrics.json now, so a
  // broken one fails the plugin's creation with its path in the message; rules.json and
  // words.txt are read on each call, as the host asks.
  DataPlugin(Host host, PlatformInfo identity, PluginData data = embedded::plugin_data())
      : Plugin(host), identity_(std::move(identity)), data_(data) {
    if (data_.metrics_json) {
      metrics_ = json::read<MetricsFile>(*data_.metrics_json, "metrics.json");
      check_export_versions(*metrics_);
    }
  }

  PlatformInfo info() const override {
    PlatformInfo info = identity_;
    auto declared = [&](std::string_view cap) {
      return std::find(identity_.capabilities.begin(), identity_.capabilities.end(), cap) !=
             identity_.capabilities.end();
    };
    info.capabilities.clear();
    for (std::string_view cap : kAllCapabilities)
      if (declared(cap) || provides(cap)) info.capabilities.emplace_back(cap);
    for (const std::string& cap : identity_.capabilities)  // unknown names: kept, for the check to name
      if (std::find(kAllCapabilities.begin(), kAllCapabilities.end(), cap) == kAllCapabilities.end())
        info.capabilities.push_back(cap);
    return info;
  }

  RuleSet rules() const override {
    if (!data_.rules_json) throw Unsupported();
    return json::read<RuleSet>(*data_.rules_json, "rules.json");
  }

  // The shipped list plus the merchant's own (see Plugin::shipped_and_merchant_words).
  WordList words() const override {
    if (!data_.words_txt) throw Unsupported();
    return shipped_and_merchant_words(*data_.words_txt, {});
  }

  MetricProfile metric_profile() const override {
    if (!metrics_) throw Unsupported();
    return metrics_->profile();
  }

  ImportResult import_native(const ImportRequest& request, std::string_view text) override {
    if (!provides(kCapNativeImport)) throw Unsupported();
    return import_export(text, request, identity_.id, metrics_->profile(), metrics_->export_layouts());
  }

 protected:
  // The metrics file as read at creation; nullopt without metrics.json.
  const std::optional<MetricsFile>& metrics_file() const { return metrics_; }

 private:
  // Versions of the export are told apart by name, and rename only metrics the file has.
  static void check_export_versions(const MetricsFile& file) {
    const auto layouts = file.export_layouts();
    for (std::size_t i = 0; i < layouts.size(); ++i) {
      const std::string at = i == 0 ? "$.export" : "$.export_versions[" + std::to_string(i - 1) + "]";
      if (layouts.size() > 1 && layouts[i].name.empty())
        throw std::runtime_error("metrics.json: " + at + ".name: missing; with several versions of the export, " +
                                 "each needs a name (the import says which one it used)");
      for (std::size_t c = 0; c < layouts[i].columns.size(); ++c) {
        const std::string& name = layouts[i].columns[c].native_name;
        if (std::none_of(file.metrics.begin(), file.metrics.end(),
                         [&](const NativeMetric& m) { return m.native_name == name; }))
          throw std::runtime_error("metrics.json: " + at + ".columns[" + std::to_string(c) + "].native_name: \"" +
                                   name + "\" is no metric of this file");
      }
    }
  }

  bool provides(std::string_view cap) const {
    if (cap == kCapRules) return data_.rules_json.has_value();
    if (cap == kCapWords) return data_.words_txt.has_value();
    if (cap == kCapMetricProfile) return metrics_.has_value();
    if (cap == kCapNativeImport)
      return metrics_ && !metrics_->export_layout.agent_columns.empty() &&
             std::any_of(metrics_->metrics.begin(), metrics_->metrics.end(),
                         [](const NativeMetric& m) { return !m.export_columns.empty(); });
    return false;
  }

  PlatformInfo identity_;
  PluginData data_;
  std::optional<MetricsFile> metrics_;
};

}  // namespace kefu
