// Douyin e-commerce (抖音电商 / 抖店), chat through 飞鸽.
#include "service_requests.h"

#include <kefu/toolkit/native_export.hpp>
#include <kefu/plugin.hpp>

#include <string_view>

namespace kefu::embedded {
std::string_view words_txt();    // words.txt, compiled in by kefu_embed
std::string_view metrics_json();  // metrics.json: metric profile and export layout
std::string_view rules_json();    // rules.json: dated CS rules, each with its source
}

namespace {

class DouyinPlugin final : public kefu::Plugin {
 public:
  explicit DouyinPlugin(kefu::Host host)
      : kefu::Plugin(host), metrics_(kefu::json::read<kefu::MetricsFile>(kefu::embedded::metrics_json(), "metrics.json")) {}

  kefu::PlatformInfo info() const override {
    kefu::PlatformInfo info;
    info.id = "douyin";
    info.name_zh = "抖音电商";
    info.name_en = "Douyin";
    info.version = "0.5.0";
    info.capabilities = {std::string(kefu::kCapRules), std::string(kefu::kCapWords), std::string(kefu::kCapMetricProfile),
                         std::string(kefu::kCapNativeImport), std::string(kefu::kCapApiFetch)};
    info.limitations = {"no public Douyin CS word list found: ships no own words (inherits the common list); add the shop's own list with --words, or a team list through kefu update",
        "api_fetch fetches only 服务请求 (order.getServiceList): requests created and replied per day. 抖店 open APIs have no 飞鸽 CS metrics or chat logs (collected by RPA from the merchant backend, platforms.md §3.3): import the 飞鸽 export with kefu ingest for those"};
    return info;
  }

  kefu::WordList words() const override {
    return shipped_and_merchant_words(kefu::embedded::words_txt(), {});
  }

  kefu::RuleSet rules() const override { return kefu::json::read<kefu::RuleSet>(kefu::embedded::rules_json(), "rules.json"); }

  kefu::MetricProfile metric_profile() const override { return metrics_.profile(); }

  kefu::ImportResult import_native(const kefu::ImportRequest& request, std::string_view text) override {
    return kefu::import_export(text, request, "douyin", metrics_.profile(), metrics_.export_layout);
  }

  kefu::FetchResult fetch(const kefu::FetchRequest& request) override { return douyin::fetch_service_requests(host(), request); }

 private:
  kefu::MetricsFile metrics_;
};

}  // namespace

KEFU_PLUGIN(DouyinPlugin)
