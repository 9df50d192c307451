// A deterministic canonical chat log for benchmarks and tests: many shops on four platforms,
// sessions interleaved in time like a real export (thousands open at once), bot welcomes,
// system notices, transfers between agents, unanswered turns, rows out of order, and content
// that needs quoting (commas, doubled quotes, line breaks). Same bytes on every machine.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace kefu::bench {

struct ChatLogSpec {
  std::uint64_t rows = 10'000'000;
  std::uint64_t seed = 11;
  unsigned open_sessions = 3000;  // sessions in progress at any moment
};

struct ChatLogStats {
  std::uint64_t rows = 0, bytes = 0, sessions = 0;
};

// Writes the header and spec.rows rows to `out`.
ChatLogStats write_chat_log(std::FILE* out, const ChatLogSpec& spec);

}  // namespace kefu::bench
