// Tmall / Taobao (天猫 / 淘宝): one plugin for both; they share 千牛, 旺旺 and the TOP open platform.
// Rules, metrics and words: the DATA files; fetch: the TOP 旺旺 E客服 APIs (wangwang.cpp).
#include "wangwang.h"

#include <kefu/data_plugin.hpp>

namespace {

struct TmallPlugin final : kefu::DataPlugin {
  explicit TmallPlugin(kefu::Host host)
      : DataPlugin(host,
                   {.id = "tmall",
                    .name_zh = "天猫/淘宝",
                    .name_en = "Tmall/Taobao",
                    .version = "0.5.0",
                    .capabilities = {std::string(kefu::kCapApiFetch)},
                    .limitations = {
                        "no official Tmall/Taobao CS word list is public: the shipped list is third-party guides, "
                        "labelled so; add the shop's own list with --words, or a team list through kefu update",
                        "api_fetch (TOP 旺旺 E客服): per-agent daily waiting time, not-replied, received and "
                        "evaluations, plus chat logs; not today, at most 90 days back, chat logs only for the "
                        "last 30 days; 3-minute response rate, inquiry conversion and satisfaction rate are not "
                        "offered by these APIs: import the 千牛 export for them",
                        "chat-log message direction: no public source defines logquery's `direction`; Kefu reads "
                        "0 as sent by the agent",
                        "chat-record exports (千牛/旺旺 聊天记录): no public description of their columns was found "
                        "(searched 2026-12-04, docs/research/platforms.md §4), so no chat layout ships; a team "
                        "describes its own export in kefu.json chat_layouts or with --layout (docs/data-in.md)"}}) {}

  kefu::FetchResult fetch(const kefu::FetchRequest& request) override { return tmall::fetch_wangwang(host(), request); }
};

}  // namespace

KEFU_PLUGIN(TmallPlugin)
