// "扫描 12.0/64.0 MB" on stderr while long work runs, only when stderr is a terminal and the
// input is big enough for it to matter. Workers store bytes done; one thread calls show().
#pragma once

#include "present/text.h"

#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>

namespace kefu::host {

class Progress {
 public:
  Progress(std::size_t total, Lang lang, const char* verb_zh, const char* verb_en)
      : total_(total), verb_(tr(lang, verb_zh, verb_en)), on_(isatty(2) && total > (4u << 20)) {}
  // The counter of one input (inputs beyond 64 share counters; only the sum is shown).
  std::atomic<std::size_t>& done(std::size_t input) { return done_[input % done_.size()]; }
  void show() {
    if (!on_) return;
    std::size_t sum = 0;
    for (auto& d : done_) sum += d.load();
    std::fprintf(stderr, "\r%s %.1f/%.1f MB", verb_, static_cast<double>(sum) / 1e6, static_cast<double>(total_) / 1e6);
  }
  void finish() {
    if (on_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  std::size_t total_;
  const char* verb_;
  bool on_;
  std::array<std::atomic<std::size_t>, 64> done_{};
};

}  // namespace kefu::host
