// Build-time tool: writes the two tables the matcher's evasion modes read (docs/words.md), from
// maintained sources rather than hand-typed lists:
//  - pinyin: every BMP Han character's toneless Mandarin readings, from Unicode's Unihan database
//    (Unihan_Readings.txt as Debian's unicode-data package ships it). The first reading is
//    kMandarin's first value (the customary reading); the others come from kMandarin's second
//    value and the two modern dictionaries Unihan cites, kXHC1983 (现代汉语词典) and kTGHZ2013
//    (通用规范汉字字典), so a polyphonic character keeps its everyday readings (行 xing, hang)
//    without kHanyuPinyin's archaic ones (信 shen). At most four readings per character.
//  - look-alikes: characters whose Unicode confusable skeleton (UTS #39, ICU's spoof checker
//    data) is a single other code point (Cyrillic а for a, ⼈ for 人), plus the extra pairs listed
//    in host/words/data/lookalikes.txt with their source.
//   usage: kefu_gen_evasion_tables <Unihan_Readings.txt.bz2> <lookalikes.txt> <pinyin.inc> <lookalike.inc>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// "xíng" → "xing", "lǚ" → "lv" (the way a keyboard spells ü); anything else keeps its letters.
std::string toneless(const std::string& utf8) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::string out;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c < 0x80) {
      if (c >= 'a' && c <= 'z') out += static_cast<char>(c);
      continue;
    }
    if (c >= 0x300 && c <= 0x36F) continue;  // combining tone marks
    static const std::map<UChar32, char> base = {
        {0x101, 'a'}, {0xE1, 'a'},  {0x1CE, 'a'}, {0xE0, 'a'},  {0x113, 'e'}, {0xE9, 'e'},  {0x11B, 'e'},
        {0xE8, 'e'},  {0xEA, 'e'},  {0x12B, 'i'}, {0xED, 'i'},  {0x1D0, 'i'}, {0xEC, 'i'},  {0x14D, 'o'},
        {0xF3, 'o'},  {0x1D2, 'o'}, {0xF2, 'o'},  {0x16B, 'u'}, {0xFA, 'u'},  {0x1D4, 'u'}, {0xF9, 'u'},
        {0x1D6, 'v'}, {0x1D8, 'v'}, {0x1DA, 'v'}, {0x1DC, 'v'}, {0xFC, 'v'},  {0x144, 'n'}, {0x148, 'n'},
        {0x1F9, 'n'}, {0x1E3F, 'm'}, {0x1EBF, 'e'}, {0x1EC1, 'e'}};
    if (auto it = base.find(c); it != base.end()) out += it->second;
  }
  return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, sep))
    if (!item.empty()) out.push_back(item);
  return out;
}

// Readings per code point, in the order they were added (customary reading first).
using Readings = std::map<char32_t, std::vector<std::string>>;

void add_reading(Readings& r, char32_t cp, const std::string& accented) {
  const std::string t = toneless(accented);
  if (t.empty()) return;
  auto& list = r[cp];
  if (std::find(list.begin(), list.end(), t) == list.end()) list.push_back(t);
}

Readings read_unihan(const std::string& path) {
  const std::string command = "bzip2 -dc '" + path + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::map<char32_t, std::string> mandarin, xhc, tghz;
  std::string line;
  char buffer[4096];
  std::size_t lines = 0;
  while (fgets(buffer, sizeof buffer, pipe)) {
    line = buffer;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.rfind("U+", 0) != 0) continue;
    ++lines;
    const auto fields = split(line, '\t');
    if (fields.size() != 3) continue;
    const auto cp = static_cast<char32_t>(std::stoul(fields[0].substr(2), nullptr, 16));
    if (cp > 0xFFFF) continue;  // the matcher's reading classes cover the BMP
    if (fields[1] == "kMandarin") mandarin[cp] = fields[2];
    if (fields[1] == "kXHC1983") xhc[cp] = fields[2];
    if (fields[1] == "kTGHZ2013") tghz[cp] = fields[2];
  }
  if (pclose(pipe) != 0 || lines == 0) throw std::runtime_error("cannot read " + path + " (bzip2 -dc failed)");
  Readings out;
  for (const auto& [cp, value] : mandarin)
    for (const auto& r : split(value, ' ')) add_reading(out, cp, r);
  // "0442.080:háng 0443.050:hàng": dictionary positions, then the reading.
  for (const auto* dictionary : {&xhc, &tghz})
    for (const auto& [cp, value] : *dictionary) {
      if (!out.count(cp)) continue;  // only characters with a customary reading
      for (const auto& item : split(value, ' '))
        if (const auto colon = item.rfind(':'); colon != std::string::npos)
          for (const auto& r : split(item.substr(colon + 1), ',')) add_reading(out, cp, r);
    }
  return out;
}

std::vector<std::pair<char32_t, char32_t>> confusables() {
  UErrorCode status = U_ZERO_ERROR;
  USpoofChecker* checker = uspoof_open(&status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("uspoof_open: ") + u_errorName(status));
  std::vector<std::pair<char32_t, char32_t>> out;
  for (char32_t cp = 0x21; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (!u_isgraph(static_cast<UChar32>(cp))) continue;
    UChar in[2];
    int32_t n = 0;
    U16_APPEND_UNSAFE(in, n, static_cast<UChar32>(cp));
    UChar skeleton[16];
    status = U_ZERO_ERROR;
    const int32_t len = uspoof_getSkeleton(checker, 0, in, n, skeleton, 16, &status);
    if (U_FAILURE(status) || len <= 0 || len > 2) continue;
    const UChar32 s = skeleton[0];
    if (U16_LENGTH(s) != len) continue;  // a skeleton of several characters (m → rn): no one-to-one pair
    const auto to = static_cast<char32_t>(s);
    if (to != cp && to < 0x10000) out.emplace_back(cp, to);
  }
  uspoof_close(checker);
  return out;
}

// host/words/data/lookalikes.txt: "徽<TAB>微" lines, comments with '#'.
std::vector<std::pair<char32_t, char32_t>> listed_pairs(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::pair<char32_t, char32_t>> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    const auto fields = split(line, '\t');
    const icu::UnicodeString a = icu::UnicodeString::fromUTF8(fields.empty() ? "" : fields[0]);
    const icu::UnicodeString b = icu::UnicodeString::fromUTF8(fields.size() > 1 ? fields[1] : "");
    if (fields.size() < 2 || a.countChar32() != 1 || b.countChar32() != 1)
      throw std::runtime_error(path + ":" + std::to_string(n) + ": need two single characters separated by a tab");
    out.emplace_back(static_cast<char32_t>(a.char32At(0)), static_cast<char32_t>(b.char32At(0)));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: kefu_gen_evasion_tables <Unihan_Readings.txt.bz2> <lookalikes.txt> <pinyin.inc> "
                 "<lookalike.inc>\n";
    return 2;
  }
  try {
    const Readings readings = read_unihan(argv[1]);
    std::set<std::string> names;
    for (const auto& [cp, list] : readings) names.insert(list.begin(), list.end());
    const std::vector<std::string> sorted(names.begin(), names.end());
    auto id_of = [&](const std::string& r) {
      return std::lower_bound(sorted.begin(), sorted.end(), r) - sorted.begin();
    };
    std::ofstream py(argv[3]);
    py << "// Generated by kefu_gen_evasion_tables from " << argv[1] << " (Unicode Unihan); do not edit.\n";
    py << "#define KEFU_READING_NAMES";
    for (const auto& r : sorted) py << " \"" << r << "\",";
    py << "\n#define KEFU_HAN_READINGS";
    std::size_t chars = 0;
    for (const auto& [cp, list] : readings) {
      py << " {0x" << std::hex << static_cast<unsigned>(cp) << std::dec << ", {";
      for (std::size_t i = 0; i < 4; ++i) py << (i ? "," : "") << (i < list.size() ? id_of(list[i]) : 0xFFFF);
      py << "}},";
      if (++chars % 8 == 0) py << " \\\n";
    }
    py << '\n';
    if (!py) throw std::runtime_error(std::string("cannot write ") + argv[3]);

    auto pairs = confusables();
    const std::size_t from_icu = pairs.size();
    for (const auto& p : listed_pairs(argv[2])) pairs.push_back(p);
    std::ofstream la(argv[4]);
    la << "// Generated by kefu_gen_evasion_tables from ICU " << U_ICU_VERSION
       << " confusables (UTS #39) and " << argv[2] << "; do not edit.\n";
    for (const auto& [from, to] : pairs)
      la << "{0x" << std::hex << static_cast<unsigned>(from) << ", 0x" << static_cast<unsigned>(to) << "},\n";
    if (!la) throw std::runtime_error(std::string("cannot write ") + argv[4]);
    std::cerr << "kefu_gen_evasion_tables: " << std::dec << chars << " Han characters, " << sorted.size()
              << " toneless readings, " << from_icu << " ICU confusable pairs + " << pairs.size() - from_icu
              << " listed\n";
  } catch (const std::exception& e) {
    std::cerr << "kefu_gen_evasion_tables: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
