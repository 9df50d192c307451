// JD (京东) POP shops, chat through 咚咚 / 京麦.
#include <kefu/plugin.hpp>

#include <string_view>

namespace kefu::embedded {
std::string_view words_txt();  // words.txt, compiled in by kefu_embed
}

namespace {

class JdPlugin final : public kefu::Plugin {
 public:
  using kefu::Plugin::Plugin;

  kefu::PlatformInfo info() const override {
    kefu::PlatformInfo info;
    info.id = "jd";
    info.name_zh = "京东";
    info.name_en = "JD";
    info.version = "0.2.0";
    info.capabilities = {std::string(kefu::kCapWords)};
    info.limitations = {"no public JD CS word list found: ships no own words (inherits the common list); configure words_files with the shop's own list"};
    return info;
  }

  kefu::WordList words() const override {
    return shipped_and_merchant_words(kefu::embedded::words_txt(), {});
  }
};

}  // namespace

KEFU_PLUGIN(JdPlugin)
