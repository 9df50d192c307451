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
    EXPECT_NE(std::string(e.what()).find("不存在的类别"), std::string::npos);
  }
}

}  // namespace
}  // namespace kefu::host::words
