// Kuaishou e-commerce (快手电商 / 快手小店). Rules, metrics and words: the DATA files.
#include <kefu/data_plugin.hpp>

namespace {

struct KuaishouPlugin final : kefu::DataPlugin {
  explicit KuaishouPlugin(kefu::Host host)
      : DataPlugin(
            host,
            {.id = "kuaishou",
             .name_zh = "快手电商",
             .name_en = "Kuaishou",
             .version = "0.4.0",
             .limitations = {
                 "the only official Kuaishou wording found binds service-market vendors, not shops; add the "
                 "shop's own list with --words, or a team list through kefu update",
                 "no API fetch: the 快手 CS APIs (merchant_cs) manage routing groups "
                 "(open.cs.dispatching.group.*), not metrics or chat logs (platforms.md §3.4); import the export "
                 "with kefu ingest. The roster from routing groups has no place in the metric model yet",
                 "chat-record exports (快手小店 客服聊天记录): no public description of their columns was "
                 "found (searched 2026-12-04, docs/research/platforms.md §4), so no chat layout ships; a "
                 "team describes its own export in kefu.json chat_layouts or with --layout (docs/data-in.md)"}}) {}
};

}  // namespace

KEFU_PLUGIN(KuaishouPlugin)
