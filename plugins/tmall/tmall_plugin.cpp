// Tmall / Taobao (天猫 / 淘宝): one plugin for both; they share 千牛, 旺旺 and the TOP open platform.
#include <kefu/plugin.hpp>

#include <string_view>

namespace kefu::embedded {
std::string_view words_txt();  // words.txt, compiled in by kefu_embed
}

namespace {

class TmallPlugin final : public kefu::Plugin {
 public:
  using kefu::Plugin::Plugin;

  kefu::PlatformInfo info() const override {
    kefu::PlatformInfo info;
    info.id = "tmall";
    info.name_zh = "天猫/淘宝";
    info.name_en = "Tmall/Taobao";
    info.version = "0.2.0";
    info.capabilities = {std::string(kefu::kCapWords)};
    info.limitations = {"no official Tmall/Taobao CS word list is public: the shipped list is third-party guides, labelled so; configure words_files with the shop's own list"};
    return info;
  }

  kefu::WordList words() const override {
    return shipped_and_merchant_words(kefu::embedded::words_txt(), {});
  }
};

}  // namespace

KEFU_PLUGIN(TmallPlugin)
