// The template's own test, run by ctest in the plugin's build: its data files hold to the SDK's
// schemas and grammar (the checks `kefu plugins check` makes, here before any kefu is
// installed), and the sample export it ships imports as its export layout says. Keep it when
// you copy the template: point the expectations at your platform's sample export.
#include <kefu/catalog.hpp>
#include <kefu/json.hpp>
#include <kefu/toolkit/native_export.hpp>
#include <kefu/toolkit/schema_check.hpp>
#include <kefu/toolkit/wordfile.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "FAILED: %s\n", what.c_str());
    ++failures;
  }
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    ++failures;
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// rules.json and metrics.json against the SDK's schemas: every violation with its JSON path.
void data_files_hold_to_the_schemas() {
  for (const char* name : {"rules", "metrics"}) {
    const std::string file = std::string(name) + ".json";
    const auto problems = kefu::schema::violations(read_text(std::string(EXAMPLE_SOURCE_DIR) + "/" + file),
                                                   read_text(std::string(KEFU_SDK_SCHEMA_DIR) + "/" + name +
                                                             ".schema.json"),
                                                   file);
    for (const std::string& p : problems) check(false, p);
  }
}

// words.txt in the SDK's grammar (kefu/toolkit/wordfile.hpp), every category in the catalog.
void words_file_reads_cleanly() {
  kefu::WordList list;
  const auto problems = kefu::read_word_file(read_text(std::string(EXAMPLE_SOURCE_DIR) + "/words.txt"), {}, list);
  for (const auto& p : problems) check(false, "words.txt:" + std::to_string(p.line) + ": " + p.reason);
  check(!list.terms.empty(), "words.txt: no terms");
  for (const kefu::Term& t : list.terms)
    check(std::find(kefu::term_category::all.begin(), kefu::term_category::all.end(), t.category) !=
              kefu::term_category::all.end(),
          "words.txt: " + t.text + ": category " + t.category + " is not in kefu/catalog.hpp");
}

// The sample export imports: one value per agent, the whole-shop row (合计) as the shop's.
void sample_export_imports() {
  const auto file = kefu::json::read<kefu::MetricsFile>(read_text(std::string(EXAMPLE_SOURCE_DIR) + "/metrics.json"),
                                                        "metrics.json");
  kefu::ImportRequest request;
  request.file_name = "samples/example_export.csv";
  request.shop_id = "示例旗舰店";
  const kefu::ImportResult result =
      kefu::import_export(read_text(std::string(EXAMPLE_SOURCE_DIR) + "/samples/example_export.csv"), request,
                          "example", file.profile(), file.export_layouts());
  check(result.rejects.empty(), "sample export: rows rejected");
  check(result.rows_read == 3, "sample export: expected 3 rows read, got " + std::to_string(result.rows_read));
  check(result.values.size() == 3, "sample export: expected 3 values, got " + std::to_string(result.values.size()));
  bool shop_row = false;
  for (const kefu::MetricValue& v : result.values) {
    shop_row = shop_row || v.agent_id.empty();
    check(v.metric == kefu::metric::within_3min_rate, "sample export: metric " + v.metric);
    check(v.day == "2026-11-30", "sample export: day " + v.day);
    if (v.agent_id == "小王") check(v.value > 0.924 && v.value < 0.926, "sample export: 小王's 92.5% read as " + std::to_string(v.value));
    if (v.agent_id.empty()) check(v.value > 0.902 && v.value < 0.904, "sample export: the 合计 row read as " + std::to_string(v.value));
  }
  check(shop_row, "sample export: the 合计 row is not the shop's figure");
}

}  // namespace

int main() {
  data_files_hold_to_the_schemas();
  words_file_reads_cleanly();
  sample_export_imports();
  if (failures == 0) std::printf("template data: schemas, words grammar and sample import all pass\n");
  return failures == 0 ? 0 : 1;
}
