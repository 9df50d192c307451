// JD (京东) POP shops, chat through 咚咚 / 京麦.
#include <kefu/plugin.hpp>

namespace {

class JdPlugin final : public kefu::Plugin {
 public:
  using kefu::Plugin::Plugin;

  kefu::PlatformInfo info() const override {
    kefu::PlatformInfo info;
    info.id = "jd";
    info.name_zh = "京东";
    info.name_en = "JD";
    info.version = "0.1.0";
    return info;
  }
};

}  // namespace

KEFU_PLUGIN(JdPlugin)
