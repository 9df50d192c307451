// The matching semantics of docs/words.md, one behaviour per test, on the original-span mapping.
#include "words/matcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kefu::host::words {
namespace {

constexpr PlatformMask kA = 1, kB = 2;

struct Found {
  std::string span;
  std::string term;
  bool operator==(const Found&) const = default;
};
std::ostream& operator<<(std::ostream& os, const Found& f) { return os << f.span << "=" << f.term; }

// Builds a matcher from terms (block on A) and allow phrases (on A), scans `text` and returns
// each hit as (original span, term as listed).
std::vector<Found> scan(std::vector<std::string> terms, std::string text, std::vector<std::string> allow = {},
                        MatchOptions options = {}, Normalization n = {}) {
  std::vector<PatternSpec> specs;
  for (auto& t : terms) specs.push_back({t, kA, 0, 0});
  for (auto& a : allow) specs.push_back({a, 0, 0, kA});
  Matcher m(specs, n);
  std::vector<Hit> hits;
  m.find(text, options, hits);
  std::vector<Found> out;
  for (const Hit& h : hits) out.push_back({text.substr(h.begin, h.end - h.begin), specs[h.pattern].text});
  return out;
}

using V = std::vector<Found>;

TEST(Matcher, FindsPlainTermsWithByteSpans) {
  std::vector<PatternSpec> specs{{"微信", kA, 0, 0}};
  Matcher m(specs, {});
  std::vector<Hit> hits;
  m.find("加我微信吧", {}, hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].begin, 6u);  // 加我 = 6 bytes
  EXPECT_EQ(hits[0].end, 12u);
  EXPECT_EQ(hits[0].block, kA);
}

TEST(Matcher, WidthFoldsFullWidthAsciiAndIdeographicSpace) {
  EXPECT_EQ(scan({"vx"}, "加ＶＸ聊"), (V{{"ＶＸ", "vx"}}));
  EXPECT_EQ(scan({"100元"}, "返１００元"), (V{{"１００元", "100元"}}));
  EXPECT_EQ(scan({"微信"}, "微　信"), (V{{"微　信", "微信"}}));  // U+3000 is noise after folding
}

TEST(Matcher, CaseFoldsLatinLetters) {
  EXPECT_EQ(scan({"vx"}, "加VX"), (V{{"VX", "vx"}}));
  EXPECT_EQ(scan({"VX"}, "加vx"), (V{{"vx", "VX"}}));
}

TEST(Matcher, TraditionalFoldsToSimplifiedFromOpenCC) {
  ASSERT_GT(t2s_table_size(), 3000u);  // generated from OpenCC's TSCharacters, not hand-typed
  EXPECT_EQ(scan({"国家级"}, "國家級產品"), (V{{"國家級", "国家级"}}));
  EXPECT_EQ(scan({"國家級"}, "国家级"), (V{{"国家级", "國家級"}}));  // terms fold too
  EXPECT_EQ(scan({"微信"}, "加微信"), (V{{"微信", "微信"}}));
}

TEST(Matcher, DigitVariantsFoldToAsciiDigits) {
  EXPECT_EQ(scan({"123"}, "①⑵⒊"), (V{{"①⑵⒊", "123"}}));
  EXPECT_EQ(scan({"qq12345"}, "QQ➀❷③⁴₅"), (V{{"QQ➀❷③⁴₅", "qq12345"}}));
  EXPECT_EQ(scan({"1"}, "⑩"), V{});  // two-digit variants are not folded
}

TEST(Matcher, SkipsUpToThreeNoiseCharactersInsideATerm) {
  EXPECT_EQ(scan({"微信"}, "微 信"), (V{{"微 信", "微信"}}));
  EXPECT_EQ(scan({"微信"}, "微*信"), (V{{"微*信", "微信"}}));
  EXPECT_EQ(scan({"微信"}, "微-_-信"), (V{{"微-_-信", "微信"}}));
  EXPECT_EQ(scan({"微信"}, "微----信"), V{});
  EXPECT_EQ(scan({"微信"}, "微。，、信"), (V{{"微。，、信", "微信"}}));
  EXPECT_EQ(scan({"微信"}, "微·～|信"), (V{{"微·～|信", "微信"}}));
  EXPECT_EQ(scan({"微信"}, "微★信"), (V{{"微★信", "微信"}}));
}

TEST(Matcher, NoiseIsNotPartOfTheSpanOutsideTheTerm) { EXPECT_EQ(scan({"微信"}, "-- 微信 --"), (V{{"微信", "微信"}})); }

TEST(Matcher, NoiseInsideATermIsMatchedLiterally) {
  EXPECT_EQ(scan({"100%"}, "100%有效"), (V{{"100%", "100%"}}));
  EXPECT_EQ(scan({"100%"}, "满100减10"), V{});
  EXPECT_EQ(scan({"100%"}, "1 0 0 ％"), (V{{"1 0 0 ％", "100%"}}));
}

TEST(Matcher, ALineBreakEndsEveryTerm) {
  EXPECT_EQ(scan({"微信"}, "微\n信"), V{});
  EXPECT_EQ(scan({"微信"}, "微\r\n信"), V{});
}

TEST(Matcher, LatinTermsNeedWordBoundaries) {
  EXPECT_EQ(scan({"vx"}, "加VX"), (V{{"VX", "vx"}}));
  EXPECT_EQ(scan({"vx"}, "vx123"), (V{{"vx", "vx"}}));
  EXPECT_EQ(scan({"vx"}, "wvxyz"), V{});
  EXPECT_EQ(scan({"vx"}, "wvx"), V{});
  EXPECT_EQ(scan({"vx"}, "vxz"), V{});
  EXPECT_EQ(scan({"vx"}, "ＷＶＸ"), V{});  // the neighbour is folded before the test
  EXPECT_EQ(scan({"qq"}, "qq号"), (V{{"qq", "qq"}}));
  EXPECT_EQ(scan({"v信"}, "加v信"), (V{{"v信", "v信"}}));
  EXPECT_EQ(scan({"v信"}, "wv信"), V{});  // starts with a letter: needs a boundary before
  EXPECT_EQ(scan({"加v"}, "加vx"), V{});  // ends with a letter: needs a boundary after
}

TEST(Matcher, LeftmostLongestNonOverlappingByDefault) {
  EXPECT_EQ(scan({"最", "最好", "最好的"}, "这是最好的"), (V{{"最好的", "最好的"}}));
  EXPECT_EQ(scan({"第一", "一品"}, "第一品牌"), (V{{"第一", "第一"}}));  // leftmost wins
  EXPECT_EQ(scan({"最"}, "最最"), (V{{"最", "最"}, {"最", "最"}}));
}

TEST(Matcher, OverlappingReportsEveryHit) {
  MatchOptions all;
  all.overlapping = true;
  EXPECT_EQ(scan({"最", "最好", "好的"}, "最好的", {}, all), (V{{"最好", "最好"}, {"最", "最"}, {"好的", "好的"}}));
}

TEST(Matcher, AllowListedPhraseCoveringAHitSuppressesIt) {
  EXPECT_EQ(scan({"最"}, "最近好吗", {"最近"}), V{});
  EXPECT_EQ(scan({"第一"}, "第一时间发货", {"第一时间"}), V{});
  EXPECT_EQ(scan({"第一"}, "全网第一", {"第一时间"}), (V{{"第一", "第一"}}));
  // The allow phrase must match at the hit's position: 最近 elsewhere does not cover this 最.
  EXPECT_EQ(scan({"最"}, "最近最好", {"最近"}), (V{{"最", "最"}}));
  // Normalization applies to allow phrases too.
  EXPECT_EQ(scan({"第一"}, "第 一 時 間", {"第一时间"}), V{});
}

TEST(Matcher, AllowOnlySuppressesOnThePlatformsThatAllowIt) {
  std::vector<PatternSpec> specs{{"最", kA | kB, 0, 0}, {"最近", 0, 0, kA}};
  Matcher m(specs, {});
  std::vector<Hit> hits;
  m.find("最近", {}, hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].block, kB);
}

TEST(Matcher, PlatformAndSeverityFilters) {
  std::vector<PatternSpec> specs{{"微信", kA, kB, 0}, {"好评返现", kB, 0, 0}};
  Matcher m(specs, {});
  std::vector<Hit> hits;
  MatchOptions only_a;
  only_a.platforms = kA;
  m.find("好评返现加微信", only_a, hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].block, kA);
  hits.clear();
  MatchOptions block_only;
  block_only.include_warn = false;
  m.find("加微信", block_only, hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].block, kA);
  EXPECT_EQ(hits[0].warn, 0u);
}

TEST(Matcher, SpansMapBackThroughEveryNormalizationAtOnce) {
  // Traditional, full-width, case, digit variant and noise in one hit.
  const std::string text = "請加 ＶＸ：①２③ 號碼";
  EXPECT_EQ(scan({"vx123号"}, text), (V{{"ＶＸ：①２③ 號", "vx123号"}}));
}

TEST(Matcher, NormalizationOffMatchesBytesAsWritten) {
  const Normalization off = Normalization::none();
  EXPECT_EQ(scan({"微信"}, "微 信", {}, {}, off), V{});
  EXPECT_EQ(scan({"vx"}, "VX", {}, {}, off), V{});
  EXPECT_EQ(scan({"vx"}, "wvx", {}, {}, off), (V{{"vx", "vx"}}));
}

TEST(Matcher, InvalidUtf8NeverMatchesAndNeverCrashes) {
  EXPECT_EQ(scan({"微信"}, std::string("微\xFF信")), V{});
  EXPECT_EQ(scan({"微信"}, std::string("\xE5\xBE")), V{});  // truncated
  EXPECT_EQ(scan({"微信"}, std::string("\xE5\xBE微信")), (V{{"微信", "微信"}}));
  // Overlong forms (v as E0 81 B6) and surrogates (ED A0 80) are not the characters they spell.
  EXPECT_EQ(scan({"vx"}, std::string("\xE0\x81\xB6x")), V{});
  EXPECT_EQ(scan({"vx"}, std::string("\xE0\x81\xB6vx")), (V{{"vx", "vx"}}));
  EXPECT_EQ(scan({"微信"}, std::string("微\xED\xA0\x80信")), V{});
}

TEST(Matcher, TwoByteCharactersFoldAndMatch) {
  EXPECT_EQ(scan({"café"}, "CAFÉ au lait"), (V{{"CAFÉ", "café"}}));
  EXPECT_EQ(scan({"×"}, "3×4"), (V{{"×", "×"}}));  // noise, and a term of its own
}

TEST(Matcher, FailureLinksFindTermsInsideLongerPrefixes) {
  EXPECT_EQ(scan({"甲乙丙丁", "乙丙"}, "甲乙丙戊"), (V{{"乙丙", "乙丙"}}));
  EXPECT_EQ(scan({"abcd", "bc"}, "abce"), V{});  // bc has a letter on its left
  EXPECT_EQ(scan({"加微信", "微信号"}, "加微信号"), (V{{"加微信", "加微信"}}));
}

TEST(Matcher, AstralCharactersWork) {
  EXPECT_EQ(scan({"😀好"}, "x😀好"), (V{{"😀好", "😀好"}}));
  EXPECT_EQ(scan({"微信"}, "微😀信"), (V{{"微😀信", "微信"}}));  // emoji between is noise
}

TEST(Matcher, EmptyPatternIsRefused) {
  std::vector<PatternSpec> specs{{"", kA, 0, 0}};
  EXPECT_THROW(Matcher(specs, {}), std::invalid_argument);
}

}  // namespace
}  // namespace kefu::host::words

namespace kefu::host::words {
namespace {

TEST(Matcher, ALongerHitTakesTheStrictestVerdictOfTheTermsInsideIt) {
  std::vector<PatternSpec> specs{{"最", kA, 0, 0}, {"最好", 0, kA | kB, 0}};
  Matcher m(specs, {});
  std::vector<Hit> hits;
  m.find("全网最好", {}, hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].pattern, 1u);  // the span is the longest term's
  EXPECT_EQ(hits[0].block, kA);    // blocked on A because 最 is
  EXPECT_EQ(hits[0].warn, kB);
}

}  // namespace
}  // namespace kefu::host::words
