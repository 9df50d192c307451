// Kuaishou e-commerce (快手电商 / 快手小店).
#include <kefu/toolkit/native_export.hpp>
#include <kefu/plugin.hpp>

#include <string_view>

namespace kefu::embedded {
std::string_view words_txt();    // words.txt, compiled in by kefu_embed
std::string_view metrics_json();  // metrics.json: metric profile and export layout
std::string_view rules_json();    // rules.json: dated CS rules, each with its source
}

namespace {

class KuaishouPlugin final : public kefu::Plugin {
 public:
  explicit KuaishouPlugin(kefu::Host host)
      : kefu::Plugin(host), metrics_(kefu::json::read<kefu::MetricsFile>(kefu::embedded::metrics_json(), "metrics.json")) {}

  kefu::PlatformInfo info() const override {
    kefu::PlatformInfo info;
    info.id = "kuaishou";
    info.name_zh = "快手电商";
    info.name_en = "Kuaishou";
    info.version = "0.4.0";
    info.capabilities = {std::string(kefu::kCapRules), std::string(kefu::kCapWords), std::string(kefu::kCapMetricProfile),
                         std::string(kefu::kCapNativeImport)};
    info.limitations = {"the only official Kuaishou wording found binds service-market vendors, not shops; add the shop's own list with --words, or a team list through kefu update",
        "no API fetch: the 快手 CS APIs (merchant_cs) manage routing groups (open.cs.dispatching.group.*), not metrics or chat logs (platforms.md §3.4); import the export with kefu ingest. The roster from routing groups has no place in the metric model yet"};
    return info;
  }

  kefu::WordList words() const override {
    return shipped_and_merchant_words(kefu::embedded::words_txt(), {});
  }

  kefu::RuleSet rules() const override { return kefu::json::read<kefu::RuleSet>(kefu::embedded::rules_json(), "rules.json"); }

  kefu::MetricProfile metric_profile() const override { return metrics_.profile(); }

  kefu::ImportResult import_native(const kefu::ImportRequest& request, std::string_view text) override {
    return kefu::import_export(text, request, "kuaishou", metrics_.profile(), metrics_.export_layout);
  }

 private:
  kefu::MetricsFile metrics_;
};

}  // namespace

KEFU_PLUGIN(KuaishouPlugin)
