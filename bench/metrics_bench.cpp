// `kefu metrics compute` on a generated 10 M-row canonical chat log (~1 GB), under each canonical
// definition version (kefu/1, kefu/2) and platform definitions (--as jd, a team's file): wall time, rows/s,
// MB/s and peak memory of the real command, run as a child process (wait4 gives its maximum
// resident set). The log is generated once, deterministically, and kept next to the build.
//
//   kefu_bench_metrics [--rows N] [--file PATH] [--runs K] [--workers W]
#include "chatlog_gen.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

struct Run {
  double seconds = 0;
  long peak_kib = 0;
};

// `kefu metrics compute FILE <definition> --out FILE.out`, as a user runs it (kefu writes only
// regular files: not /dev/null).
Run run_compute(const std::string& kefu, const std::string& file, const std::vector<std::string>& definition) {
  std::vector<std::string> args = {kefu, "metrics", "compute", file};
  args.insert(args.end(), definition.begin(), definition.end());
  args.insert(args.end(), {"--out", file + ".out"});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    if (!std::freopen("/dev/null", "w", stderr)) _exit(126);  // kefu's summary lines; the bench prints its own
    execv(kefu.c_str(), argv.data());
    std::perror("exec kefu");
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Run run;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.peak_kib = usage.ru_maxrss;
  // Exit 1 only means some rows were rejected; anything else is a failed run.
  if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
    std::fprintf(stderr, "kefu metrics compute failed (status %d)\n", status);
    std::exit(1);
  }
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  kefu::bench::ChatLogSpec spec;
  std::string file = "chatlog-10M.csv";
  int runs = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--rows")
      spec.rows = std::stoull(value);
    else if (flag == "--file")
      file = value;
    else if (flag == "--runs")
      runs = std::stoi(value);
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return 2;
    }
  }
  const std::string marker = file + ".rows";
  std::uint64_t have_rows = 0;
  if (std::ifstream in(marker); in) in >> have_rows;
  if (have_rows != spec.rows || !std::filesystem::exists(file)) {
    std::fprintf(stderr, "generating %s (%llu rows) ...\n", file.c_str(), static_cast<unsigned long long>(spec.rows));
    std::FILE* out = std::fopen(file.c_str(), "wb");
    if (!out) {
      std::perror(file.c_str());
      return 2;
    }
    const auto stats = kefu::bench::write_chat_log(out, spec);
    std::fclose(out);
    std::ofstream(marker) << stats.rows << '\n';
    std::fprintf(stderr, "  %llu rows, %llu sessions, %.1f MB\n", static_cast<unsigned long long>(stats.rows),
                 static_cast<unsigned long long>(stats.sessions), static_cast<double>(stats.bytes) / 1e6);
  }
  const double bytes = static_cast<double>(std::filesystem::file_size(file));
  const std::string kefu = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "kefu";
  run_compute(kefu, file, {"--definitions", "kefu/2"});  // warm the page cache: the numbers are for the engine, not the disk
  std::printf("metrics compute: %llu rows, %.0f MB, %u cores\n", static_cast<unsigned long long>(spec.rows),
              bytes / 1e6, std::max(1u, static_cast<unsigned>(sysconf(_SC_NPROCESSORS_ONLN))));
  // Each canonical definition version and platform definitions (docs/metrics.md), runs
  // interleaved so all see the same machine. JD with kefu/2's assumptions computes its two
  // chat-log metrics (30-second rate by session start 09:00-23:00, mean response); the team
  // file one 7-day rolling 3-minute rate.
  const std::string team = std::string(KEFU_SOURCE_DIR) + "/tests/fixtures/definitions/our_kpi.json";
  const std::vector<std::vector<std::string>> versions = {{"--definitions", "kefu/1"},
                                                          {"--definitions", "kefu/2"},
                                                          {"--as", "jd", "--assume", "kefu/2"},
                                                          {"--definition", team}};
  std::vector<std::vector<Run>> results(versions.size());
  for (int r = 0; r < runs; ++r)
    for (std::size_t v = 0; v < versions.size(); ++v) results[v].push_back(run_compute(kefu, file, versions[v]));
  for (std::size_t v = 0; v < versions.size(); ++v) {
    auto& runs_of = results[v];
    std::sort(runs_of.begin(), runs_of.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
    const Run& median = runs_of[runs_of.size() / 2];
    long peak = 0;
    for (const auto& r : runs_of) peak = std::max(peak, r.peak_kib);
    std::string label;
    for (const auto& a : versions[v]) label += " " + (a == team ? std::string("our_kpi.json") : a);
    std::printf(" %s\n", label.c_str());
    std::printf("    wall      best %.2f s   median %.2f s  (%d runs)\n", runs_of.front().seconds, median.seconds,
                runs);
    std::printf("    rows/s    %.2f M (median)\n", static_cast<double>(spec.rows) / median.seconds / 1e6);
    std::printf("    MB/s      %.0f (median)\n", bytes / median.seconds / 1e6);
    std::printf("    peak RSS  %.0f MiB\n", static_cast<double>(peak) / 1024.0);
  }
  return 0;
}
