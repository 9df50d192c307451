// Kuaishou e-commerce (快手电商 / 快手小店).
#include <kefu/plugin.hpp>

#include <string_view>

namespace kefu::embedded {
std::string_view words_txt();  // words.txt, compiled in by kefu_embed
}

namespace {

class KuaishouPlugin final : public kefu::Plugin {
 public:
  using kefu::Plugin::Plugin;

  kefu::PlatformInfo info() const override {
    kefu::PlatformInfo info;
    info.id = "kuaishou";
    info.name_zh = "快手电商";
    info.name_en = "Kuaishou";
    info.version = "0.2.0";
    info.capabilities = {std::string(kefu::kCapWords)};
    info.limitations = {"the only official Kuaishou wording found binds service-market vendors, not shops; configure words_files with the shop's own list"};
    return info;
  }

  kefu::WordList words() const override {
    return shipped_and_merchant_words(kefu::embedded::words_txt(), {});
  }
};

}  // namespace

KEFU_PLUGIN(KuaishouPlugin)
