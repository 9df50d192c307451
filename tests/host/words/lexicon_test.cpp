// Composition of the effective lists: common ← platform ← user, unban, allow, one pattern per text.
#include "words/lexicon.h"
#include "platforms/word_sources.h"

#include "test_paths.hpp"

#include <gtest/gtest.h>

namespace kefu::host::words {
namespace {

Term term(std::string text, Severity s = Severity::block, std::string category = "其他") {
  Term t;
  t.text = std::move(text);
  t.severity = s;
  t.category = std::move(category);
  t.source.title = "test";
  return t;
}

std::vector<Hit> find(const Lexicon& lexicon, std::string_view text) {
  std::vector<Hit> hits;
  lexicon.matcher().find(text, {}, hits);
  return hits;
}

TEST(Lexicon, PlatformEntriesOverrideCommonOnesWithTheSameNormalizedText) {
  WordList common;
  common.terms = {term("第一", Severity::warn)};
  WordList strict;
  strict.terms = {term("第壹", Severity::block)};  // not the same text: both stay
  strict.terms.push_back(term("第一", Severity::block));
  Lexicon lexicon(common, {{"strict", strict}, {"loose", {}}}, {});
  const auto hits = find(lexicon, "全网第一");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].block, 1u);  // strict blocks
  EXPECT_EQ(hits[0].warn, 2u);   // loose inherits the common warning
  EXPECT_EQ(lexicon.entry(hits[0].pattern, 0)->layer, Layer::platform);
  EXPECT_EQ(lexicon.entry(hits[0].pattern, 1)->layer, Layer::common);
}

TEST(Lexicon, UnbanRemovesACommonTermForThatPlatformOnly) {
  WordList common;
  common.terms = {term("首选", Severity::warn)};
  WordList relaxed;
  relaxed.unban = {"首選"};  // normalized like everything else
  Lexicon lexicon(common, {{"relaxed", relaxed}, {"other", {}}}, {});
  const auto hits = find(lexicon, "首选");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].warn, 2u);
  EXPECT_EQ(lexicon.effective(0).size(), 0u);
}

TEST(Lexicon, UserListsApplyToEveryPlatformAndWinLast) {
  WordList user;
  user.terms = {term("包邮", Severity::warn)};
  user.allow = {term("最近")};
  WordList common;
  common.terms = {term("最", Severity::warn)};
  Lexicon lexicon(common, {{"a", {}}, {"b", {}}}, user);
  EXPECT_EQ(find(lexicon, "最近包邮").size(), 1u);  // 最 allowed inside 最近; 包邮 warned
  EXPECT_EQ(find(lexicon, "最近包邮")[0].warn, 3u);
}

TEST(Lexicon, TheCommonListIsSourcedAndTheLawIsMarkedAsLaw) {
  const WordList common = common_word_list();
  ASSERT_FALSE(common.terms.empty());
  int law = 0;
  for (const Term& t : common.terms) {
    EXPECT_FALSE(t.source.title.empty()) << t.text;
    if (t.source.confidence == Confidence::law) ++law;
    if (t.text == "国家级" || t.text == "最高级" || t.text == "最佳") {
      EXPECT_EQ(t.source.confidence, Confidence::law) << t.text;
      EXPECT_EQ(t.severity, Severity::block) << t.text;
    }
  }
  EXPECT_GE(law, 3);
  EXPECT_FALSE(common.allow.empty());
}

TEST(Lexicon, UserFilesWithBadLinesAreRefusedWithEveryProblem) {
  try {
    read_user_word_files({test::data_file("words/bad_words.txt")}, {});
    FAIL() << "expected WordFileError";
  } catch (const WordFileError& e) {
    EXPECT_NE(std::string(e.what()).find("bad_words.txt"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("line 1: severity \"严重\" is not block or warn"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("line 2: more than 4"), std::string::npos);
  }
}

TEST(Lexicon, AUserFileMayUseTheTeamsOwnCategoriesAsWritten) {
  const WordList user = read_user_word_files({test::data_file("words/team_categories.txt")}, {});
  ASSERT_EQ(user.terms.size(), 2u);
  EXPECT_EQ(user.terms[0].category, "竞品");
  EXPECT_EQ(user.terms[1].category, "售后承诺");
  EXPECT_NE(user.terms[1].source.title.find("team_categories.txt"), std::string::npos);
}

// The stance of a category decides what the common list's terms of it are on a platform.
CategoryStance stance(std::string category, Stance s) {
  CategoryStance out;
  out.category = std::move(category);
  out.stance = s;
  out.rule = "conduct.offplatform_diversion";
  out.source.title = "rule";
  return out;
}

TEST(Lexicon, ACommonTermOfACategoryWhoseStanceIsUnknownIsMarkedUnknownAndOnlyWarns) {
  WordList common;
  common.terms = {term("微信", Severity::block, "引流/站外联系")};
  PlatformWords banned{"banned", {}, {}, {stance("引流/站外联系", Stance::banned)}};
  PlatformWords unknown{"unknown", {}, {}, {stance("引流/站外联系", Stance::unknown)}};
  PlatformWords allowed{"allowed", {}, {}, {stance("引流/站外联系", Stance::allowed)}};
  Lexicon lexicon(common, {banned, unknown, allowed}, {});
  const auto hits = find(lexicon, "加我微信");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].block, 1u);  // banned: as listed
  EXPECT_EQ(hits[0].warn, 2u);   // unknown: reported, never failing the scan, never silent
  ASSERT_NE(lexicon.entry(hits[0].pattern, 1), nullptr);
  EXPECT_TRUE(lexicon.entry(hits[0].pattern, 1)->unknown);
  EXPECT_FALSE(lexicon.entry(hits[0].pattern, 0)->unknown);
  EXPECT_EQ(lexicon.entry(hits[0].pattern, 2), nullptr);  // allowed by its rule: not listed
  EXPECT_EQ(lexicon.stance(1, "引流/站外联系").stance, Stance::unknown);
  EXPECT_EQ(lexicon.stance(1, "医疗功效").stance, Stance::listed);
}

TEST(Lexicon, APlatformOrTeamEntryIsKnownWhateverTheCategorysStance) {
  WordList common;
  common.terms = {term("微信", Severity::block, "引流/站外联系")};
  WordList own;
  own.terms = {term("微信", Severity::block, "引流/站外联系")};
  PlatformWords p{"p", own, {}, {stance("引流/站外联系", Stance::unknown)}};
  Lexicon lexicon(common, {p}, {});
  const auto hits = find(lexicon, "微信");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].block, 1u);
  EXPECT_FALSE(lexicon.entry(hits[0].pattern, 0)->unknown);
}

}  // namespace
}  // namespace kefu::host::words
