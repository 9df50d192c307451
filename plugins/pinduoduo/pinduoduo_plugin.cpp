// Pinduoduo (拼多多) shops, chat through 多多客服. Rules, metrics and words: the DATA files; every
// fact's source is in docs/sources/pinduoduo.md.
#include <kefu/data_plugin.hpp>

namespace {

struct PinduoduoPlugin final : kefu::DataPlugin {
  explicit PinduoduoPlugin(kefu::Host host)
      : DataPlugin(
            host,
            {.id = "pinduoduo",
             .name_zh = "拼多多",
             .name_en = "Pinduoduo",
             .version = "0.1.0",
             .limitations = {
                 "no API fetch: no documented open-platform (open.pinduoduo.com) API for 多多客服 metrics or "
                 "chat logs was found (searched 2026-12-04; pdd.logistics.cs.* serve logistics companies, not shops); "
                 "import the 多多客服 客服数据 export with kefu ingest",
                 "the export's column names come from public ETL code that reads the 多多客服 export (repository "
                 "not identified), not from a Pinduoduo document; 日期 is Kefu's assumption (give --day for a "
                 "file without it) (docs/sources/pinduoduo.md §export)",
                 "the current 3分钟人工回复率 and 30秒应答率: no published definition (what is counted, whether "
                 "by person or message), target or penalty line was found; they show as unknown, and only the "
                 "older 有效回复率 (1 hour, 50%) has a known line",
                 "chat-record exports (多多客服 聊天记录): no public description of their columns was found "
                 "(searched 2026-12-04), so no chat layout ships; a team describes its own export in kefu.json "
                 "chat_layouts or with --layout (docs/data-in.md)",
                 "no Pinduoduo CS word list was found: the plugin adds only the contact and payment forms its "
                 "诱导非官方交易 rule names, and otherwise inherits the common list"}}) {}
};

}  // namespace

KEFU_PLUGIN(PinduoduoPlugin)
