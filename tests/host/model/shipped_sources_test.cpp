// Every source the product ships (plugins/*/rules.json, metrics.json, words.txt and the host's
// common data) must be auditable: its citations resolve inside this repository or to a public
// http(s) URL, it says when it was read, and it carries a known confidence label. The checker
// is tested on small bad inputs first, so a pass over the shipped data means something.
#include "kefu_test_paths.h"  // generated: KEFU_TEST_DATA_DIR
#include "model/validate.h"

#include <kefu/json.hpp>
#include <kefu/model.hpp>
#include <kefu/toolkit/wordfile.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <unistd.h>

namespace kefu::host {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const fs::path kRepo = fs::path(KEFU_TEST_DATA_DIR) / ".." / "..";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool iso_date(const std::string& s) { return std::regex_match(s, std::regex(R"(\d{4}-\d{2}-\d{2})")); }

// Whether the Markdown file has a heading whose text starts with `section` ("1.2", "4",
// "wangwang-assessment"), followed by a blank, a dot, a colon or the end.
bool has_heading(const fs::path& file, const std::string& section) {
  std::istringstream in(slurp(file));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] != '#') continue;
    const std::size_t text = line.find_first_not_of("# ");
    if (text == std::string::npos || line.compare(text, section.size(), section) != 0) continue;
    const std::size_t after = text + section.size();
    if (after == line.size() || line[after] == ' ' || line[after] == '.' || line[after] == ':') return true;
  }
  return false;
}

// A repository path, optionally with " §section": the file must exist inside `repo`, the
// section must be a heading of it.
std::string path_problem(const std::string& cited, const fs::path& repo) {
  const std::size_t mark = cited.find(" §");
  const std::string path = cited.substr(0, mark);
  if (path.starts_with("/") || path.find("..") != std::string::npos)
    return "\"" + cited + "\" is outside the repository: cite a file of the repository or a public URL";
  if (!fs::is_regular_file(repo / path)) return "\"" + cited + "\": no such file in the repository";
  if (mark != std::string::npos && !has_heading(repo / path, cited.substr(mark + 3)))
    return "\"" + cited + "\": the file has no heading starting with that section";
  return "";
}

// Everything wrong with one source's citations, each naming `where`.
std::vector<std::string> citation_problems(const Source& s, const std::string& where, const fs::path& repo) {
  std::vector<std::string> out;
  if (!iso_date(s.seen)) out.push_back(where + ": seen \"" + s.seen + "\" is not the date it was read (YYYY-MM-DD)");
  if (!s.url.empty() && !std::regex_match(s.url, std::regex(R"(https?://\S+)")))
    out.push_back(where + ": url \"" + s.url + "\" is not a public http(s) URL");
  if (!s.quoted_in.empty())
    if (std::string p = path_problem(s.quoted_in, repo); !p.empty()) out.push_back(where + ": quoted_in " + p);
  // Paths and URLs named in the free text must resolve too.
  const std::string text = s.title + " " + s.note;
  static const std::regex kPath(R"((?:\.\./)*[A-Za-z0-9_./-]+\.md(?: §[A-Za-z0-9.-]*[A-Za-z0-9])?)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kPath); it != std::sregex_iterator(); ++it) {
    const std::string cited = it->str();
    const std::size_t at = static_cast<std::size_t>(it->position());
    if (at > 0 && (text[at - 1] == '/' || text[at - 1] == '.' || text[at - 1] == '%')) continue;  // inside a URL
    if (text.compare(at >= 3 ? at - 3 : 0, 3, "://") == 0) continue;
    if (cited.find('/') == std::string::npos) continue;  // a bare file name is no citation
    if (std::string p = path_problem(cited, repo); !p.empty()) out.push_back(where + ": note " + p);
  }
  static const std::regex kScheme(R"(\b([A-Za-z][A-Za-z0-9+.-]*)://)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kScheme); it != std::sregex_iterator(); ++it)
    if ((*it)[1] != "http" && (*it)[1] != "https")
      out.push_back(where + ": \"" + it->str() + "…\" is not a public http(s) URL");
  return out;
}

template <class F>
void for_each_source(const RuleSet& set, F f) {
  for (const Rule& r : set.rules) f(r.source, r.key + " " + r.native_name);
}
template <class F>
void for_each_source(const MetricProfile& p, F f) {
  for (const NativeMetric& m : p.metrics) {
    f(m.source, m.native_name);
    if (m.computation)
      for (const NamedSource& s : m.computation->sources) f(s.source, m.native_name + " / " + s.name);
  }
  for (const ChatLayout& l : p.chat_layouts) f(l.source, "chat_layouts " + l.id);
}
template <class F>
void for_each_source(const WordList& w, F f) {
  for (const Term& t : w.terms) f(t.source, t.text);
  for (const Term& t : w.allow) f(t.source, t.text);
}

// The problems of one shipped data file (path relative to the repository).
std::vector<std::string> file_problems(const std::string& rel, const fs::path& repo) {
  std::vector<std::string> out;
  const std::string text = slurp(repo / rel);
  auto check = [&](const Source& s, const std::string& what) {
    const auto more = citation_problems(s, rel + ": " + what, repo);
    out.insert(out.end(), more.begin(), more.end());
  };
  try {
    if (rel.ends_with("rules.json") || rel.ends_with("common.json"))
      for_each_source(json::read<RuleSet>(text, rel.c_str()), check);
    else if (rel.ends_with("metrics.json"))
      for_each_source(json::read<MetricProfile>(text, rel.c_str()), check);
    else {
      WordList list;
      WordFileDefaults defaults;
      defaults.source = {"(no #@source yet)", "", "", Confidence::none, "", ""};
      for (const WordFileProblem& p : read_word_file(text, defaults, list))
        out.push_back(rel + ":" + std::to_string(p.line) + ": " + p.reason);
      for_each_source(list, check);
    }
  } catch (const json::ParseError& e) {  // an unknown confidence label is one
    out.push_back(e.what());
  }
  return out;
}

std::vector<std::string> shipped_files() {
  std::vector<std::string> files = {"host/rules/data/common.json", "host/words/data/common.txt"};
  for (const auto& dir : fs::directory_iterator(kRepo / "plugins")) {
    if (!dir.is_directory()) continue;
    for (const char* name : {"rules.json", "metrics.json", "words.txt"})
      if (fs::exists(dir.path() / name)) files.push_back("plugins/" + dir.path().filename().string() + "/" + name);
  }
  return files;
}

Source good() { return {"t", "https://example.com/a", "2026-12-04", Confidence::third_party, "", ""}; }

TEST(ShippedSourcesTest, APathOutsideTheRepositoryDoesNotResolve) {
  Source s = good();
  s.note = "as quoted in ../shared/research/platforms.md";  // check-doc-links: ignore
  EXPECT_THAT(citation_problems(s, "x", kRepo), ::testing::Contains(HasSubstr("outside the repository")));
}

TEST(ShippedSourcesTest, AMissingFileOrSectionDoesNotResolve) {
  Source s = good();
  s.quoted_in = "docs/research/nowhere.md §1";  // check-doc-links: ignore
  EXPECT_THAT(citation_problems(s, "x", kRepo), ::testing::Contains(HasSubstr("no such file")));
  s.quoted_in = "docs/research/platforms.md §9.9";
  EXPECT_THAT(citation_problems(s, "x", kRepo), ::testing::Contains(HasSubstr("no heading")));
  s.quoted_in = "docs/research/platforms.md §1.2";
  EXPECT_THAT(citation_problems(s, "x", kRepo), IsEmpty());
}

TEST(ShippedSourcesTest, AUrlThatIsNotHttpFails) {
  Source s = good();
  s.url = "ftp://example.com/rules";
  EXPECT_THAT(citation_problems(s, "x", kRepo), ::testing::Contains(HasSubstr("not a public http(s) URL")));
  s = good();
  s.note = "see file:///home/me/notes.txt";
  EXPECT_THAT(citation_problems(s, "x", kRepo), ::testing::Contains(HasSubstr("not a public http(s) URL")));
}

TEST(ShippedSourcesTest, AMissingSeenDateFails) {
  Source s = good();
  s.seen = "";
  EXPECT_THAT(citation_problems(s, "x", kRepo), ::testing::Contains(HasSubstr("seen")));
}

TEST(ShippedSourcesTest, AnUnknownConfidenceLabelFails) {
  const fs::path dir = fs::temp_directory_path() / ("kefu_sources_test_" + std::to_string(::getpid()));
  fs::create_directories(dir / "plugins" / "x");
  std::ofstream(dir / "plugins/x/words.txt") << "#@source\tconfidence=hearsay\tseen=2026-12-04\ttitle=t\n词\n";
  std::ofstream(dir / "plugins/x/rules.json")
      << R"({"version":"v","rules":[{"key":"service.hours","source":{"title":"t","seen":"2026-12-04","confidence":"rumour"}}]})";
  EXPECT_THAT(file_problems("plugins/x/words.txt", dir), ::testing::Contains(HasSubstr("hearsay")));
  EXPECT_THAT(file_problems("plugins/x/rules.json", dir), ::testing::Contains(HasSubstr("rumour")));
  fs::remove_all(dir);
}

TEST(ShippedSourcesTest, EveryShippedSourceResolvesIsDatedAndLabelled) {
  const std::vector<std::string> files = shipped_files();
  ASSERT_GE(files.size(), 17u) << "expected the common data and five plugins' data";
  std::vector<std::string> problems;
  for (const std::string& f : files) {
    const auto more = file_problems(f, kRepo);
    problems.insert(problems.end(), more.begin(), more.end());
  }
  EXPECT_THAT(problems, IsEmpty());
}

}  // namespace
}  // namespace kefu::host
