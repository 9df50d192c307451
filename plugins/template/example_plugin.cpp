// A template platform plugin. It declares one capability, `rules`, with a single rule, so
// `kefu plugins check` exercises the whole path a real plugin takes. Replace every value with
// your platform's facts — each with its source — and add the capabilities you provide.
#include <kefu/plugin.hpp>

namespace {

class ExamplePlugin final : public kefu::Plugin {
 public:
  using kefu::Plugin::Plugin;

  kefu::PlatformInfo info() const override {
    kefu::PlatformInfo info;
    info.id = "example";          // lower-case, unique: "pdd", "xiaohongshu", ...
    info.name_zh = "示例平台";
    info.name_en = "Example";
    info.version = "0.1.0";       // your plugin's version
    info.capabilities = {"rules"};
    info.limitations = {"example data only: replace with your platform's rules"};
    return info;
  }

  kefu::RuleSet rules() const override {
    // National law binds every platform; the host already ships it in the common set, and
    // it is repeated here only to show the shape of a sourced rule.
    kefu::Rule rule;
    rule.key = "aftersale.no_reason_return";
    rule.category = "售后";
    rule.native_name = "七天无理由退货";
    rule.value.type = kefu::ValueType::duration;
    rule.value.known = true;
    rule.value.number = 7 * 24 * 3600;
    rule.value.text = "7天";
    rule.strictness = kefu::Strictness::higher_is_stricter;
    rule.effective_from = "2014-03-15";
    rule.detail = "Goods bought online may be returned within 7 days of receipt without a reason.";
    rule.source.title = "《中华人民共和国消费者权益保护法》第二十五条";
    rule.source.seen = "2026-11-23";
    rule.source.confidence = kefu::Confidence::law;
    host().log(kefu::LogLevel::debug, "example: answering rules()");
    return {"2026-11-23", {rule}};
  }
};

}  // namespace

KEFU_PLUGIN(ExamplePlugin)
