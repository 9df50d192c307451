// Douyin e-commerce (抖音电商 / 抖店), chat through 飞鸽.
// Rules, metrics and words: the DATA files; fetch: 服务请求 (service_requests.cpp).
#include "service_requests.h"

#include <kefu/data_plugin.hpp>

namespace {

struct DouyinPlugin final : kefu::DataPlugin {
  explicit DouyinPlugin(kefu::Host host)
      : DataPlugin(host,
                   {.id = "douyin",
                    .name_zh = "抖音电商",
                    .name_en = "Douyin",
                    .version = "0.5.0",
                    .capabilities = {std::string(kefu::kCapApiFetch)},
                    .limitations = {
                        "no public Douyin CS word list found: ships no own words (inherits the common list); add the "
                        "shop's own list with --words, or a team list through kefu update",
                        "api_fetch fetches only 服务请求 (order.getServiceList): requests created and replied per day. "
                        "抖店 open APIs have no 飞鸽 CS metrics or chat logs (collected by RPA from the merchant "
                        "backend, platforms.md §3.3): import the 飞鸽 export with kefu ingest for those",
                        "chat-record exports (飞鸽 聊天记录): no public description of their columns was found "
                        "(searched 2026-12-04, docs/research/platforms.md §4), so no chat layout ships; a team "
                        "describes its own export in kefu.json chat_layouts or with --layout (docs/data-in.md)"}}) {}

  kefu::FetchResult fetch(const kefu::FetchRequest& request) override {
    return douyin::fetch_service_requests(host(), request);
  }
};

}  // namespace

KEFU_PLUGIN(DouyinPlugin)
