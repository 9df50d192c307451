// A template platform plugin: a DataPlugin, like the four real ones. Its facts are the three
// DATA files next to this one — EXAMPLE DATA, each fact with its source — from which it
// declares rules, words, metric_profile and native_import. Replace them with your platform's
// facts and this identity with yours; to call the platform's API, override fetch() and list
// kefu::kCapApiFetch in the capabilities (plugins/tmall is the complete example).
#include <kefu/data_plugin.hpp>

namespace {

struct ExamplePlugin final : kefu::DataPlugin {
  explicit ExamplePlugin(kefu::Host host)
      : DataPlugin(host,
                   {.id = "example",  // lower-case, unique: "pdd", "xiaohongshu", ...
                    .name_zh = "示例平台",
                    .name_en = "Example",
                    .version = "0.1.0",
                    .limitations = {"example data only: replace with your platform's rules, metrics and words"}}) {}
};

}  // namespace

KEFU_PLUGIN(ExamplePlugin)
