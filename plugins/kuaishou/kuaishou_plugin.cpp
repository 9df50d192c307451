// Kuaishou e-commerce (快手电商 / 快手小店).
#include <kefu/plugin.hpp>

namespace {

class KuaishouPlugin final : public kefu::Plugin {
 public:
  using kefu::Plugin::Plugin;

  kefu::PlatformInfo info() const override {
    kefu::PlatformInfo info;
    info.id = "kuaishou";
    info.name_zh = "快手电商";
    info.name_en = "Kuaishou";
    info.version = "0.1.0";
    return info;
  }
};

}  // namespace

KEFU_PLUGIN(KuaishouPlugin)
