// Tmall / Taobao (天猫 / 淘宝): one plugin for both; they share 千牛, 旺旺 and the TOP open platform.
#include <kefu/plugin.hpp>

namespace {

class TmallPlugin final : public kefu::Plugin {
 public:
  using kefu::Plugin::Plugin;

  kefu::PlatformInfo info() const override {
    kefu::PlatformInfo info;
    info.id = "tmall";
    info.name_zh = "天猫/淘宝";
    info.name_en = "Tmall/Taobao";
    info.version = "0.1.0";
    return info;
  }
};

}  // namespace

KEFU_PLUGIN(TmallPlugin)
