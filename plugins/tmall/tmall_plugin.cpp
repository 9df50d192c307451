// Tmall / Taobao (天猫 / 淘宝): one plugin for both; they share 千牛, 旺旺 and the TOP open platform.
#include "wangwang.h"

#include <kefu/toolkit/native_export.hpp>
#include <kefu/plugin.hpp>

#include <string_view>

namespace kefu::embedded {
std::string_view words_txt();    // words.txt, compiled in by kefu_embed
std::string_view metrics_json();  // metrics.json: metric profile and export layout
std::string_view rules_json();    // rules.json: dated CS rules, each with its source
}

namespace {

class TmallPlugin final : public kefu::Plugin {
 public:
  explicit TmallPlugin(kefu::Host host)
      : kefu::Plugin(host), metrics_(kefu::json::read<kefu::MetricsFile>(kefu::embedded::metrics_json(), "metrics.json")) {}

  kefu::PlatformInfo info() const override {
    kefu::PlatformInfo info;
    info.id = "tmall";
    info.name_zh = "天猫/淘宝";
    info.name_en = "Tmall/Taobao";
    info.version = "0.5.0";
    info.capabilities = {std::string(kefu::kCapRules), std::string(kefu::kCapWords), std::string(kefu::kCapMetricProfile),
                         std::string(kefu::kCapNativeImport), std::string(kefu::kCapApiFetch)};
    info.limitations = {
        "no official Tmall/Taobao CS word list is public: the shipped list is third-party guides, labelled so; add the shop's own list with --words, or a team list through kefu update",
        "api_fetch (TOP 旺旺 E客服): per-agent daily waiting time, not-replied, received and evaluations, plus chat logs; not today, at most 90 days back, chat logs only for the last 30 days; 3-minute response rate, inquiry conversion and satisfaction rate are not offered by these APIs: import the 千牛 export for them",
        "chat-log message direction: no public source defines logquery's `direction`; Kefu reads 0 as sent by the agent"};
    return info;
  }

  kefu::WordList words() const override {
    return shipped_and_merchant_words(kefu::embedded::words_txt(), {});
  }

  kefu::RuleSet rules() const override { return kefu::json::read<kefu::RuleSet>(kefu::embedded::rules_json(), "rules.json"); }

  kefu::MetricProfile metric_profile() const override { return metrics_.profile(); }

  kefu::ImportResult import_native(const kefu::ImportRequest& request, std::string_view text) override {
    return kefu::import_export(text, request, "tmall", metrics_.profile(), metrics_.export_layout);
  }

  kefu::FetchResult fetch(const kefu::FetchRequest& request) override { return tmall::fetch_wangwang(host(), request); }

 private:
  kefu::MetricsFile metrics_;
};

}  // namespace

KEFU_PLUGIN(TmallPlugin)
