#include "corpus.h"

#include "base/utf8.h"

#include <string_view>
#include <unordered_set>

namespace kefu::bench {
namespace {

// splitmix64: tiny, fast, and the same everywhere.
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

constexpr std::string_view kAgentLines[] = {
    "亲，在的呢，请问有什么可以帮您？",
    "您好，欢迎光临本店，很高兴为您服务～",
    "这款今天下单的话四十八小时内发货哦",
    "好的亲，我这边帮您查一下物流信息，请稍等",
    "亲亲，收到货如果有质量问题可以申请退换货的",
    "尺码的话建议您参考详情页的尺码表，身高一米七体重六十公斤选M码",
    "已经帮您备注加急了，仓库会尽快安排发出",
    "抱歉让您久等了，快递显示已经到达您所在的城市",
    "这个颜色目前有现货，下单后当天就能发出",
    "亲，满两百减二十的优惠券可以在首页领取哦",
    "退款申请已经收到了，审核通过后原路退回",
    "感谢您的耐心等待，还有其他问题随时联系我们",
    "面料是纯棉的，透气性很好，夏天穿很舒服",
    "亲，七天无理由退换是支持的，运费险也已经给您开通了",
    "这边看到您的订单已经签收了，使用过程中有任何问题都可以找我",
};
constexpr std::string_view kCustomerLines[] = {
    "你好在吗",
    "什么时候发货啊",
    "能便宜一点吗",
    "这个有没有大一码的",
    "快递到哪里了",
    "我昨天买的怎么还没发",
    "质量怎么样，会不会起球",
    "可以开发票吗",
    "帮我改一下地址",
    "收到了，衣服有点小，想换一个",
    "颜色和图片不一样",
    "好的谢谢",
    "发什么快递",
    "优惠券怎么用不了",
    "我要退款",
    "洗了会不会缩水",
    "这个和那个有什么区别",
    "嗯嗯",
};
constexpr std::string_view kExtras[] = {
    " 订单号 2811092233445566", " 😊", " 👍", " ok", " thanks", "！！", "？", " [图片]", " 1688元", "～～",
};
// Characters agents slip between a term's characters to dodge filters.
constexpr std::string_view kNoise[] = {" ", "*", "-", "·", "/", "_", "。"};

std::vector<char32_t> chars_of(std::string_view text) {
  std::u32string u = host::utf8::to_u32(text);
  return {u.begin(), u.end()};
}

// The CJK characters of the phrase banks: "common in chat".
std::vector<char32_t> common_chars() {
  std::unordered_set<char32_t> seen;
  std::vector<char32_t> out;
  auto add = [&](std::string_view s) {
    for (char32_t c : chars_of(s))
      if (c >= 0x4E00 && c <= 0x9FA5 && seen.insert(c).second) out.push_back(c);
  };
  for (auto s : kAgentLines) add(s);
  for (auto s : kCustomerLines) add(s);
  return out;
}

}  // namespace

std::vector<std::string> make_lexicon(std::size_t count, std::uint64_t seed) {
  Rng rng{seed};
  const std::vector<char32_t> common = common_chars();
  std::unordered_set<std::string> seen;
  std::vector<std::string> out;
  while (out.size() < count) {
    const std::size_t length = 2 + rng.below(4);
    std::string term;
    for (std::size_t i = 0; i < length; ++i) {
      const bool first = i == 0;
      // 70% of terms start with a common chat character; later characters are mostly rare.
      const char32_t c = (first && rng.below(100) < 70) || (!first && rng.below(100) < 4)
                             ? common[rng.below(common.size())]
                             : static_cast<char32_t>(0x4E00 + rng.below(0x9FA5 - 0x4E00));
      host::utf8::append(term, c);
    }
    if (seen.insert(term).second) out.push_back(std::move(term));
  }
  return out;
}

Corpus make_corpus(std::size_t bytes, const std::vector<std::string>& lexicon, std::size_t bytes_per_hit,
                   std::uint64_t seed) {
  Rng rng{seed};
  Corpus corpus;
  corpus.text.reserve(bytes + 256);
  std::size_t next_plant = bytes_per_hit;
  while (corpus.text.size() < bytes) {
    const bool agent = rng.below(2) == 0;
    corpus.text +=
        agent ? kAgentLines[rng.below(std::size(kAgentLines))] : kCustomerLines[rng.below(std::size(kCustomerLines))];
    if (rng.below(4) == 0) corpus.text += kExtras[rng.below(std::size(kExtras))];
    if (corpus.text.size() >= next_plant && !lexicon.empty()) {
      const std::string& term = lexicon[rng.below(lexicon.size())];
      corpus.text += "，";
      if (rng.below(3) == 0) {  // an evasion: noise between the characters
        const std::vector<char32_t> cs = chars_of(term);
        for (std::size_t i = 0; i < cs.size(); ++i) {
          if (i) corpus.text += kNoise[rng.below(std::size(kNoise))];
          host::utf8::append(corpus.text, cs[i]);
        }
      } else {
        corpus.text += term;
      }
      ++corpus.planted;
      next_plant += bytes_per_hit / 2 + rng.below(bytes_per_hit);
    }
    corpus.text += '\n';
    ++corpus.lines;
  }
  return corpus;
}

}  // namespace kefu::bench
