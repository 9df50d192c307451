// xlsx in (issue 15): a 200,000-row chat log written as a workbook by libxlsxwriter (shared
// strings, as Excel and platform back-ends write them), then
//   1. the xlsx → CSV conversion in process (base/table_text.h): MB/s of sheet XML, rows/s;
//   2. the anchor, in the same run: the sheet XML inflated by libzip alone, and parsed by expat
//      alone with handlers that do nothing — the ceiling any expat-based reader has;
//   3. `kefu metrics compute` end to end on the workbook and on the same CSV, side by side
//      (runs interleaved), checking both give the same figures.
// The CSV comes from bench/chatlog_gen (the metrics benchmark's generator); both files are
// generated once and kept next to the build.
//
//   kefu_bench_xlsx [--rows N] [--file PATH.csv] [--runs K]
#include "base/table_text.h"
#include "chatlog_gen.h"

#include <expat.h>
#include <xlsxwriter.h>
#include <zip.h>
#include <kefu/toolkit/csv.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU seconds this process has used: on a shared machine wall time also counts other work.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Every field as a string cell, row for row (the ts column keeps its offset: the canonical log).
void write_workbook(const std::string& csv_path, const std::string& xlsx_path) {
  std::ifstream in(csv_path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  lxw_workbook* book = workbook_new(xlsx_path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, "聊天记录");
  kefu::csv::Reader reader(text);
  kefu::csv::Record record;
  std::string field;
  for (lxw_row_t row = 0; reader.next(record) == kefu::csv::Status::record; ++row)
    for (std::size_t c = 0; c < record.fields.size(); ++c)
      if (!record.fields[c].empty()) {
        field.assign(record.fields[c]);
        worksheet_write_string(sheet, row, static_cast<lxw_col_t>(c), field.c_str(), nullptr);
      }
  if (workbook_close(book) != LXW_NO_ERROR) {
    std::fprintf(stderr, "libxlsxwriter could not write %s\n", xlsx_path.c_str());
    std::exit(2);
  }
}

struct Run {
  double seconds = 0;
  long peak_kib = 0;
};

Run run_compute(const std::string& kefu, const std::string& file) {
  std::vector<std::string> args = {kefu, "metrics", "compute", file, "--out", file + ".out"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const auto start = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    if (!std::freopen("/dev/null", "w", stderr)) _exit(126);
    execv(kefu.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
    std::fprintf(stderr, "kefu metrics compute %s failed (status %d)\n", file.c_str(), status);
    std::exit(1);
  }
  return {since(start), usage.ru_maxrss};
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}


// The sheet's XML, inflated by libzip: xl/worksheets/sheet1.xml, as libxlsxwriter names it.
std::string inflate_sheet(const std::string& xlsx) {
  int error = 0;
  zip_t* zip = zip_open(xlsx.c_str(), ZIP_RDONLY, &error);
  if (!zip) std::fprintf(stderr, "libzip cannot open %s\n", xlsx.c_str()), std::exit(2);
  zip_file_t* file = zip_fopen(zip, "xl/worksheets/sheet1.xml", 0);
  if (!file) std::fprintf(stderr, "%s has no xl/worksheets/sheet1.xml\n", xlsx.c_str()), std::exit(2);
  std::string xml;
  char buffer[256 * 1024];
  for (zip_int64_t got; (got = zip_fread(file, buffer, sizeof buffer)) > 0;) xml.append(buffer, static_cast<std::size_t>(got));
  zip_fclose(file);
  zip_discard(zip);
  return xml;
}

// expat over the XML with handlers that only count elements: the parser's own cost.
std::uint64_t expat_alone(const std::string& xml) {
  std::uint64_t elements = 0;
  XML_Parser parser = XML_ParserCreate(nullptr);
  XML_SetUserData(parser, &elements);
  XML_SetElementHandler(
      parser, [](void* n, const XML_Char*, const XML_Char**) { ++*static_cast<std::uint64_t*>(n); },
      [](void*, const XML_Char*) {});
  XML_SetCharacterDataHandler(parser, [](void*, const XML_Char*, int) {});
  constexpr std::size_t kChunk = 256 * 1024;  // as base/xlsx.cpp feeds it
  for (std::size_t at = 0; at < xml.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, xml.size() - at);
    if (XML_Parse(parser, xml.data() + at, static_cast<int>(n), at + n == xml.size()) != XML_STATUS_OK) {
      std::fprintf(stderr, "expat: %s\n", XML_ErrorString(XML_GetErrorCode(parser)));
      std::exit(2);
    }
  }
  XML_ParserFree(parser);
  return elements;
}

}  // namespace

int main(int argc, char** argv) {
  kefu::bench::ChatLogSpec spec;
  spec.rows = 200'000;
  std::string csv = "chatlog-xlsx-bench.csv";
  int runs = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--rows")
      spec.rows = std::stoull(value);
    else if (flag == "--file")
      csv = value;
    else if (flag == "--runs")
      runs = std::stoi(value);
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return 2;
    }
  }
  const std::string xlsx = csv.substr(0, csv.rfind('.')) + ".xlsx";
  const std::string marker = xlsx + ".rows";
  std::uint64_t have_rows = 0;
  if (std::ifstream in(marker); in) in >> have_rows;
  if (have_rows != spec.rows || !std::filesystem::exists(xlsx)) {
    std::fprintf(stderr, "generating %s and %s (%llu rows) ...\n", csv.c_str(), xlsx.c_str(),
                 static_cast<unsigned long long>(spec.rows));
    std::FILE* out = std::fopen(csv.c_str(), "wb");
    if (!out) return std::perror(csv.c_str()), 2;
    kefu::bench::write_chat_log(out, spec);
    std::fclose(out);
    const auto start = Clock::now();
    write_workbook(csv, xlsx);
    std::fprintf(stderr, "  workbook written by libxlsxwriter in %.1f s\n", since(start));
    std::ofstream(marker) << spec.rows << '\n';
  }
  const double csv_mb = static_cast<double>(std::filesystem::file_size(csv)) / 1e6;
  const double xlsx_mb = static_cast<double>(std::filesystem::file_size(xlsx)) / 1e6;

  // 1. The conversion alone, in process: the sheet in pieces on every core (what the commands
  // do) and as one stream (one expat parser), runs interleaved so both see the same machine.
  struct Way {
    const char* label;
    std::size_t max_bytes;  // 0: whole sheet, in pieces; else a "head" as big as the file: one stream
    std::vector<double> wall, cpu;
  };
  std::vector<Way> ways = {{"pieces, all cores", 0, {}, {}}, {"one stream", std::size_t{1} << 40, {}, {}}};
  kefu::host::TableSource source;
  std::size_t csv_bytes = 0;
  std::string first_csv;
  bool same_csv = true;
  for (int r = 0; r < std::max(runs, 3); ++r)
    for (Way& w : ways) {
      const auto start = Clock::now();
      const double cpu = cpu_seconds();
      kefu::host::TableText t = kefu::host::read_table_text(xlsx, {}, w.max_bytes);
      w.wall.push_back(since(start));
      w.cpu.push_back(cpu_seconds() - cpu);
      if (w.max_bytes == 0) source = t.source;
      csv_bytes = t.decoded.text.size();
      if (first_csv.empty())
        first_csv = std::move(t.decoded.text);
      else
        same_csv = same_csv && first_csv == t.decoded.text;
    }
  const double xml_mb = static_cast<double>(source.xml_bytes) / 1e6;
  std::printf(
      "xlsx → CSV (in process): %llu rows, workbook %.1f MB, sheet XML %.1f MB, CSV out %.1f MB (%s), %u cores\n",
      static_cast<unsigned long long>(source.rows), xlsx_mb, xml_mb, static_cast<double>(csv_bytes) / 1e6,
      same_csv ? "the same both ways" : "DIFFERENT",
      std::max(1u, static_cast<unsigned>(sysconf(_SC_NPROCESSORS_ONLN))));
  for (Way& w : ways) {
    std::sort(w.wall.begin(), w.wall.end());
    std::sort(w.cpu.begin(), w.cpu.end());
    const double median = w.wall[w.wall.size() / 2], median_cpu = w.cpu[w.cpu.size() / 2];
    std::printf("  %s (%zu runs)\n", w.label, w.wall.size());
    std::printf(
        "    wall      best %.3f s   median %.3f s: %.0f MB/s of sheet XML (median; target >= 100), best %.0f MB/s\n",
        w.wall.front(), median, xml_mb / median, xml_mb / w.wall.front());
    std::printf("    CPU       median %.3f s, all threads: %.0f MB/s of sheet XML per CPU second\n", median_cpu,
                xml_mb / median_cpu);
    std::printf("    rows/s    %.2f M (median)\n", static_cast<double>(source.rows) / median / 1e6);
  }

  // 2. The anchor: libzip's inflate and expat's parse, each alone, one stream on one core.
  std::vector<double> inflate_wall, parse_wall;
  std::uint64_t elements = 0;
  for (int r = 0; r < std::max(runs, 3); ++r) {
    auto start = Clock::now();
    const std::string xml = inflate_sheet(xlsx);
    inflate_wall.push_back(since(start));
    start = Clock::now();
    elements = expat_alone(xml);
    parse_wall.push_back(since(start));
  }
  std::sort(inflate_wall.begin(), inflate_wall.end());
  std::sort(parse_wall.begin(), parse_wall.end());
  const double inflate_median = inflate_wall[inflate_wall.size() / 2], parse_median = parse_wall[parse_wall.size() / 2];
  std::printf("  anchor, the libraries alone (one stream, one core, %llu elements)\n",
              static_cast<unsigned long long>(elements));
  std::printf("    libzip inflate            median %.3f s: %.0f MB/s of sheet XML\n", inflate_median,
              xml_mb / inflate_median);
  std::printf("    expat, handlers that count median %.3f s: %.0f MB/s of sheet XML\n", parse_median,
              xml_mb / parse_median);
  std::printf("    both, one after the other: %.0f MB/s; on %u cores at best %.0f MB/s\n",
              xml_mb / (inflate_median + parse_median),
              std::max(1u, static_cast<unsigned>(sysconf(_SC_NPROCESSORS_ONLN))),
              xml_mb / (inflate_median + parse_median) * std::max(1u, static_cast<unsigned>(sysconf(_SC_NPROCESSORS_ONLN))));

  // 3. End to end, the workbook and its CSV side by side.
  const std::string kefu = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "kefu";
  run_compute(kefu, csv);  // warm the page cache
  std::vector<Run> on_csv, on_xlsx;
  for (int r = 0; r < runs; ++r) {
    on_csv.push_back(run_compute(kefu, csv));
    on_xlsx.push_back(run_compute(kefu, xlsx));
  }
  const bool same = slurp(csv + ".out") == slurp(xlsx + ".out");
  std::printf("kefu metrics compute, end to end (%d runs each, interleaved): %s figures\n", runs,
              same ? "the same" : "DIFFERENT");
  for (auto& [label, results, mb] : std::vector<std::tuple<const char*, std::vector<Run>*, double>>{
           {"CSV ", &on_csv, csv_mb}, {"xlsx", &on_xlsx, xlsx_mb}}) {
    std::sort(results->begin(), results->end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
    long peak = 0;
    for (const auto& r : *results) peak = std::max(peak, r.peak_kib);
    std::printf("    %s  %6.1f MB   best %.2f s   median %.2f s   peak RSS %.0f MiB\n", label, mb,
                results->front().seconds, (*results)[results->size() / 2].seconds, static_cast<double>(peak) / 1024.0);
  }
  return same && same_csv ? 0 : 1;
}
