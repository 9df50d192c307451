// Kuaishou e-commerce (快手电商 / 快手小店). Rules, metrics and words: the DATA files.
#include <kefu/data_plugin.hpp>

namespace {

struct KuaishouPlugin final : kefu::DataPlugin {
  explicit KuaishouPlugin(kefu::Host host)
      : DataPlugin(
            host, {.id = "kuaishou",
                   .name_zh = "快手电商",
                   .name_en = "Kuaishou",
                   .version = "0.4.0",
                   .limitations = {
                       "the only official Kuaishou wording found binds service-market vendors, not shops; add the "
                       "shop's own list with --words, or a team list through kefu update",
                       "no API fetch: the 快手 CS APIs (merchant_cs) manage routing groups "
                       "(open.cs.dispatching.group.*), not metrics or chat logs (platforms.md §3.4); import the export "
                       "with kefu ingest. The roster from routing groups has no place in the metric model yet"}}) {}
};

}  // namespace

KEFU_PLUGIN(KuaishouPlugin)
