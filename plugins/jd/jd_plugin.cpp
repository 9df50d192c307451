// JD (京东) POP shops, chat through 咚咚 / 京麦.
#include <kefu/toolkit/native_export.hpp>
#include <kefu/plugin.hpp>

#include <string_view>

namespace kefu::embedded {
std::string_view words_txt();    // words.txt, compiled in by kefu_embed
std::string_view metrics_json();  // metrics.json: metric profile and export layout
std::string_view rules_json();    // rules.json: dated CS rules, each with its source
}

namespace {

class JdPlugin final : public kefu::Plugin {
 public:
  explicit JdPlugin(kefu::Host host)
      : kefu::Plugin(host), metrics_(kefu::json::read<kefu::MetricsFile>(kefu::embedded::metrics_json(), "metrics.json")) {}

  kefu::PlatformInfo info() const override {
    kefu::PlatformInfo info;
    info.id = "jd";
    info.name_zh = "京东";
    info.name_en = "JD";
    info.version = "0.4.0";
    info.capabilities = {std::string(kefu::kCapRules), std::string(kefu::kCapWords), std::string(kefu::kCapMetricProfile),
                         std::string(kefu::kCapNativeImport)};
    info.limitations = {"no public JD CS word list found: ships no own words (inherits the common list); add the shop's own list with --words, or a team list through kefu update",
        "no API fetch: no JOS API for 咚咚 CS metrics or chat logs was found (platforms.md §3.2); import the 风向标/咚咚 export with kefu ingest (the JOS signing and _responce envelope are implemented and tested for when one is published)"};
    return info;
  }

  kefu::WordList words() const override {
    return shipped_and_merchant_words(kefu::embedded::words_txt(), {});
  }

  kefu::RuleSet rules() const override { return kefu::json::read<kefu::RuleSet>(kefu::embedded::rules_json(), "rules.json"); }

  kefu::MetricProfile metric_profile() const override { return metrics_.profile(); }

  kefu::ImportResult import_native(const kefu::ImportRequest& request, std::string_view text) override {
    return kefu::import_export(text, request, "jd", metrics_.profile(), metrics_.export_layout);
  }

 private:
  kefu::MetricsFile metrics_;
};

}  // namespace

KEFU_PLUGIN(JdPlugin)
