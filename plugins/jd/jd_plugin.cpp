// JD (京东) POP shops, chat through 咚咚 / 京麦. Rules, metrics and words: the DATA files.
#include <kefu/data_plugin.hpp>

namespace {

struct JdPlugin final : kefu::DataPlugin {
  explicit JdPlugin(kefu::Host host)
      : DataPlugin(host,
                   {.id = "jd",
                    .name_zh = "京东",
                    .name_en = "JD",
                    .version = "0.4.0",
                    .limitations = {
                        "no public JD CS word list found: ships no own words (inherits the common list); "
                        "add the shop's own list with --words, or a team list through kefu update",
                        "no API fetch: no JOS API for 咚咚 CS metrics or chat logs was found (platforms.md "
                        "§3.2); import the 风向标/咚咚 export with kefu ingest (the JOS signing and "
                        "_responce envelope are implemented and tested for when one is published)",
                        "chat-record exports (咚咚/京麦 聊天记录): no public description of their columns was found "
                        "(searched 2026-12-04, docs/research/platforms.md §4), so no chat layout ships; a team "
                        "describes its own export in kefu.json chat_layouts or with --layout (docs/data-in.md)"}}) {}
};

}  // namespace

KEFU_PLUGIN(JdPlugin)
