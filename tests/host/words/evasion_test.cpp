// The evasion modes (docs/words.md "Evasions"): pinyin, look-alikes, per-category modes, and the
// build-time tables behind them.
#include "words/evasion.h"
#include "words/matcher.h"
#include "words/modes.h"

#include <kefu/toolkit/wordfile.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kefu::host::words {
namespace {

struct Found {
  std::string span, term, mode;
  bool operator==(const Found&) const = default;
};
std::ostream& operator<<(std::ostream& os, const Found& f) { return os << f.span << "=" << f.term << "/" << f.mode; }
using V = std::vector<Found>;

// Terms blocked on one platform, all with `modes`; allow phrases literal.
V scan(std::vector<std::string> terms, const std::string& text, ModeSet modes, std::vector<std::string> allow = {},
       Normalization n = {}) {
  std::vector<PatternSpec> specs;
  for (auto& t : terms) specs.push_back({t, 1, 0, 0, modes});
  for (auto& a : allow) specs.push_back({a, 0, 0, 1});
  const Matcher m(specs, n);
  std::vector<Hit> hits;
  m.find(text, {}, hits);
  V out;
  for (const Hit& h : hits)
    out.push_back({text.substr(h.begin, h.end - h.begin), specs[h.pattern].text, hit_mode_name(h.mode)});
  return out;
}

constexpr ModeSet kBoth = kModePinyin | kModeLookalike;

TEST(EvasionTables, ReadingsComeFromUnihanWithTheCustomaryOneFirst) {
  EXPECT_GT(han_reading_table_size(), 20000u);
  const HanReadings* xing = readings_of(U'行');
  ASSERT_NE(xing, nullptr);
  EXPECT_EQ(reading_name(xing->id[0]), "xing");
  EXPECT_TRUE(has_reading(U'行', xing->id[0]));
  EXPECT_TRUE(share_reading(U'行', U'杭'));  // hang, a second reading
  EXPECT_TRUE(share_reading(U'威', U'微'));
  EXPECT_FALSE(share_reading(U'信', U'深'));  // kHanyuPinyin's archaic shen is left out
  EXPECT_EQ(readings_of(U'a'), nullptr);
}

TEST(EvasionTables, LookalikesHoldIcuConfusablesAndTheListedPairs) {
  bool kangxi = false, listed = false;
  for (const LookalikePair& p : lookalike_pairs()) {
    kangxi |= p.from == U'⼆' && p.to == U'二';
    listed |= p.from == U'徽' && p.to == U'微';
  }
  EXPECT_TRUE(kangxi);
  EXPECT_TRUE(listed);
}

TEST(Evasion, ATermWithoutModesMatchesOnlyAsWritten) {
  EXPECT_EQ(scan({"微信"}, "威信 徽信 weixin", 0), V{});
  EXPECT_EQ(scan({"微信"}, "加微 信", 0), (V{{"微 信", "微信", "literal"}}));
}

TEST(Evasion, PinyinModeMatchesHomophonesAndSaysSo) {
  EXPECT_EQ(scan({"微信"}, "加我威信吧", kModePinyin), (V{{"威信", "微信", "pinyin"}}));
  EXPECT_EQ(scan({"微信"}, "加我微信吧", kModePinyin), (V{{"微信", "微信", "literal"}}));
}

TEST(Evasion, HomophoneSpansIncludeSkippedNoiseAndMapToTheOriginalBytes) {
  EXPECT_EQ(scan({"微信"}, "加我薇 - 信", kModePinyin), (V{{"薇 - 信", "微信", "pinyin"}}));
  EXPECT_EQ(scan({"微信"}, "加我薇信", kModePinyin), (V{{"薇信", "微信", "pinyin"}}));
}

TEST(Evasion, AHomophoneSpellingMustKeepOneCharacterOfTheTerm) {
  EXPECT_EQ(scan({"微信"}, "为新客户准备", kModePinyin), V{});
  EXPECT_EQ(scan({"钉钉"}, "顶顶好", kModePinyin), V{});
}

TEST(Evasion, APolyphonicTermCharacterMatchesOnAnyOfItsReadings) {
  EXPECT_EQ(scan({"银行卡号"}, "银杭卡号", kModePinyin), (V{{"银杭卡号", "银行卡号", "pinyin"}}));
  EXPECT_EQ(scan({"银行卡号"}, "银星卡号", kModePinyin), (V{{"银星卡号", "银行卡号", "pinyin"}}));
}

TEST(Evasion, PinyinModeMatchesSpelledOutPinyinAndMixes) {
  EXPECT_EQ(scan({"微信"}, "加 wei xin 吧", kModePinyin), (V{{"wei xin", "微信", "pinyin"}}));
  EXPECT_EQ(scan({"微信"}, "加WeiXin吧", kModePinyin), (V{{"WeiXin", "微信", "pinyin"}}));
  EXPECT_EQ(scan({"微信"}, "加wei信吧", kModePinyin), (V{{"wei信", "微信", "pinyin"}}));
  EXPECT_EQ(scan({"微信"}, "加威xin吧", kModePinyin), (V{{"威xin", "微信", "pinyin"}}));
}

TEST(Evasion, SpelledPinyinKeepsTheLatinWordBoundary) {
  EXPECT_EQ(scan({"微信"}, "weixinabc", kModePinyin), V{});
  EXPECT_EQ(scan({"微信"}, "xweixin", kModePinyin), V{});
}

TEST(Evasion, InitialsMatchForTermsOfThreeCharactersOrMore) {
  EXPECT_EQ(scan({"支付宝"}, "转到zfb吧", kModePinyin), (V{{"zfb", "支付宝", "initials"}}));
  EXPECT_EQ(scan({"微信"}, "加wx", kModePinyin), V{});  // two letters: a list lists wx itself
  EXPECT_EQ(scan({"支付宝"}, "zfbx", kModePinyin), V{});
}

TEST(Evasion, LookalikeModeMatchesCharactersThatLookAlike) {
  EXPECT_EQ(scan({"微信"}, "加我徽信", kModeLookalike), (V{{"徽信", "微信", "lookalike"}}));
  EXPECT_EQ(scan({"二维码"}, "扫⼆维码", kModeLookalike), (V{{"⼆维码", "二维码", "lookalike"}}));
  EXPECT_EQ(scan({"vx"}, "加vх", kModeLookalike), (V{{"vх", "vx", "lookalike"}}));  // Cyrillic х
  EXPECT_EQ(scan({"微信"}, "加我威信", kModeLookalike), V{});                       // sound is not shape
  EXPECT_EQ(scan({"微信"}, "加我徽信", kModePinyin), V{});                          // shape is not sound
}

TEST(Evasion, ModesAreThoseOfEachTerm) {
  std::vector<PatternSpec> specs{{"微信", 1, 0, 0, kBoth}, {"最好", 1, 0, 0, 0}};
  const Matcher m(specs, {});
  std::vector<Hit> hits;
  m.find("威信 醉好 最好", {}, hits);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].pattern, 0u);
  EXPECT_EQ(hits[0].mode, HitMode::pinyin);
  EXPECT_EQ(hits[1].pattern, 1u);
  EXPECT_EQ(hits[1].mode, HitMode::literal);
}

TEST(Evasion, AnAllowListedPhraseAsWrittenCoversAnEvasionHit) {
  EXPECT_EQ(scan({"评价返"}, "感谢评价反馈", kModePinyin, {"评价反馈"}), V{});
  EXPECT_EQ(scan({"评价返"}, "评价反3元", kModePinyin, {"评价反馈"}), (V{{"评价反", "评价返", "pinyin"}}));
}

TEST(Evasion, NormalizationWithoutEvasionsIgnoresTheModes) {
  Normalization n;
  n.evasions = false;
  EXPECT_EQ(scan({"微信"}, "威信", kBoth, {}, n), V{});
}

TEST(CategoryModes, TheCommonListTurnsModesOnForContactAndCashback) {
  const CategoryModes modes = category_modes();
  EXPECT_EQ(modes.of("引流/站外联系"), kBoth);
  EXPECT_EQ(modes.of("好评返现/虚假交易"), kBoth);
  EXPECT_EQ(modes.of("广告法极限词"), 0);
}

TEST(CategoryModes, AModesLineChangesACategory) {
  CategoryModes modes = category_modes();
  EXPECT_TRUE(read_mode_directives("#@modes\t引流/站外联系\tnone\n#@modes\t竞品\tpinyin\n", modes).empty());
  EXPECT_EQ(modes.of("引流/站外联系"), 0);
  EXPECT_EQ(modes.of("竞品"), kModePinyin);
}

TEST(CategoryModes, ABadModesLineIsAProblemWithItsLineNumber) {
  CategoryModes modes;
  const auto problems = read_mode_directives("x\n#@modes\t引流/站外联系\tsound\n", modes);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("line 2"), std::string::npos);
}

TEST(CategoryModes, TheWordFileReaderAcceptsModesLinesAndChecksThem) {
  WordList list;
  EXPECT_TRUE(read_word_file("#@modes\t引流/站外联系\tpinyin lookalike\n微信\n", {}, list).empty());
  EXPECT_EQ(list.terms.size(), 1u);
  const auto problems = read_word_file("#@modes\t引流/站外联系\n", {}, list);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 1u);
}

}  // namespace
}  // namespace kefu::host::words
