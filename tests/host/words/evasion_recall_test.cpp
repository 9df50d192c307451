// Recall of the evasion modes on tests/fixtures/words/evasions.tsv (200+ evasive spellings of
// 38 terms) and their noise on ordinary sentences (evasions_negative.txt), with the lists and
// category modes as shipped (the common list joins the fixture's own terms). Prints the
// figures docs/words.md quotes; fails when recall of a kind (found, and found with the right
// mode) falls under 95% or an evasion mode hits an ordinary sentence.
#include "kefu_test_paths.h"  // generated: KEFU_TEST_DATA_DIR
#include "words/lexicon.h"
#include "words/lists.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace kefu::host::words {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string field;
  while (std::getline(in, field, '\t')) out.push_back(field);
  return out;
}

struct Case {
  std::size_t line;
  std::string kind, term, text, span, mode;
};

struct Fixture {
  WordList terms;
  std::vector<Case> cases;
};

Fixture read_fixture() {
  std::ifstream in(std::string(KEFU_TEST_DATA_DIR) + "/words/evasions.tsv");
  EXPECT_TRUE(in) << "cannot read tests/fixtures/words/evasions.tsv";
  Fixture f;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    const auto fields = split_tabs(line);
    if (fields[0] == "#@terms") {
      Term t;
      t.text = fields.at(1);
      t.category = fields.at(2);
      t.source.title = "tests/fixtures/words/evasions.tsv";
      f.terms.terms.push_back(t);
    } else if (line[0] != '#') {
      EXPECT_EQ(fields.size(), 5u) << "evasions.tsv:" << n;
      if (fields.size() != 5) continue;
      f.cases.push_back({n, fields[0], fields[1], fields[2], fields[3], fields[4]});
    }
  }
  return f;
}

TEST(EvasionRecall, FindsAtLeast95PercentOfEachKindOfEvasiveSpelling) {
  const Fixture f = read_fixture();
  ASSERT_GE(f.cases.size(), 200u);
  ASSERT_GE(f.terms.terms.size(), 30u);
  const Lexicon lexicon(common_word_list(), {{"fixture", f.terms, {}}}, {});
  MatchOptions every;
  every.overlapping = true;  // the expected hit may sit inside a longer or beside an earlier one

  struct Tally {
    int cases = 0, found = 0, right_mode = 0;
  };
  std::map<std::string, Tally> by_kind;
  Tally all;
  for (const Case& c : f.cases) {
    const std::size_t at = c.text.find(c.span);
    ASSERT_NE(at, std::string::npos) << "evasions.tsv:" << c.line << ": span not in text";
    ASSERT_EQ(c.text.find(c.span, at + 1), std::string::npos) << "evasions.tsv:" << c.line << ": span twice";
    std::vector<Hit> hits;
    lexicon.matcher().find(c.text, every, hits);
    const Hit* match = nullptr;
    for (const Hit& h : hits) {
      const ListedTerm* e = lexicon.entry(h.pattern, 0);
      if (e && e->term.text == c.term && h.begin == at && h.end == at + c.span.size()) match = &h;
    }
    Tally& t = by_kind[c.kind];
    ++t.cases, ++all.cases;
    if (!match) {
      std::cout << "  missed (evasions.tsv:" << c.line << "): " << c.term << " in 「" << c.text << "」\n";
      continue;
    }
    ++t.found, ++all.found;
    if (hit_mode_name(match->mode) == c.mode) {
      ++t.right_mode, ++all.right_mode;
    } else {
      std::cout << "  wrong mode (evasions.tsv:" << c.line << "): 「" << c.span << "」 matched " << c.term << " as "
                << hit_mode_name(match->mode) << ", expected " << c.mode << "\n";
    }
  }
  auto print = [](const std::string& kind, const Tally& t) {
    std::cout << "  " << kind << ": " << t.found << "/" << t.cases << " found ("
              << 100.0 * t.found / t.cases << "%), mode right " << t.right_mode << "\n";
  };
  std::cout << "evasion recall, " << f.terms.terms.size() << " terms:\n";
  for (const auto& [kind, t] : by_kind) print(kind, t);
  print("all", all);
  for (const auto& [kind, t] : by_kind) {
    EXPECT_GE(100 * t.found, 95 * t.cases) << kind;
    EXPECT_GE(100 * t.right_mode, 95 * t.cases) << kind;
  }
}

TEST(EvasionRecall, OrdinarySentencesDrawNoEvasionHit) {
  const Fixture f = read_fixture();
  const Lexicon lexicon(common_word_list(), {{"fixture", f.terms, {}}}, {});
  std::ifstream in(std::string(KEFU_TEST_DATA_DIR) + "/words/evasions_negative.txt");
  ASSERT_TRUE(in);
  std::string line;
  int sentences = 0, evasion_hits = 0, literal_hits = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    ++sentences;
    std::vector<Hit> hits;
    lexicon.matcher().find(line, {}, hits);
    for (const Hit& h : hits) {
      const ListedTerm* e = lexicon.entry(h.pattern, 0);
      const std::string what = "「" + line.substr(h.begin, h.end - h.begin) + "」 → " + (e ? e->term.text : "?") +
                               " (" + hit_mode_name(h.mode) + ") in 「" + line + "」";
      if (h.mode == HitMode::literal) {
        ++literal_hits;
        std::cout << "  literal hit: " << what << "\n";
      } else {
        ++evasion_hits;
        ADD_FAILURE() << "evasion-mode hit on an ordinary sentence: " << what;
      }
    }
  }
  std::cout << "negative set: " << sentences << " sentences, " << evasion_hits << " evasion-mode hits, "
            << literal_hits << " literal hits\n";
  EXPECT_GE(sentences, 50);
}

}  // namespace
}  // namespace kefu::host::words
