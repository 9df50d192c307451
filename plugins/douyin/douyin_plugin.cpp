// Douyin e-commerce (抖音电商 / 抖店), chat through 飞鸽.
#include <kefu/plugin.hpp>

namespace {

class DouyinPlugin final : public kefu::Plugin {
 public:
  using kefu::Plugin::Plugin;

  kefu::PlatformInfo info() const override {
    kefu::PlatformInfo info;
    info.id = "douyin";
    info.name_zh = "抖音电商";
    info.name_en = "Douyin";
    info.version = "0.1.0";
    return info;
  }
};

}  // namespace

KEFU_PLUGIN(DouyinPlugin)
