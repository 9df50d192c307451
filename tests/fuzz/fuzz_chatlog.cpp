// The chat-log reader (CSV with a header, or JSON Lines) and the metrics over what it read,
// two ways: in tiny read blocks (1-64 bytes, so records cross block ends everywhere) and in one
// block. Both must give the same rows, rejects (line, reason, text) and metrics.
// The first byte picks CSV with the canonical header prepended, or the bytes as they are; the
// second the tiny block size.
#include "chatlog/reader.h"
#include "metrics/engine.h"
#include "present/metrics_output.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

const std::string& scratch_file() {
  static const std::string path = [] {
    char pattern[] = "/tmp/kefu-fuzz-chatlog-XXXXXX";
    const int fd = ::mkstemp(pattern);
    if (fd < 0) std::abort();
    ::close(fd);
    return std::string(pattern);
  }();
  return path;
}

// Everything read, as text; "refused: ..." when the file is refused.
std::string read_all(std::size_t block) {
  using namespace kefu::host::chatlog;
  using namespace kefu::host::metrics;
  ChatEvents events;
  ChatReadOptions options;
  options.workers = 1;
  options.block_bytes = block;
  std::ostringstream out;
  try {
    const ChatReadResult r = read_chat_log(scratch_file(), events, options);
    out << r.format << ' ' << r.rows << '\n';
    for (const auto& reject : r.rejects) out << reject.line << ' ' << reject.reason << ' ' << reject.original << '\n';
  } catch (const std::runtime_error& e) {
    return std::string("refused: ") + e.what();
  }
  write_csv(out, compute_metrics(events, Canonical::v2, 1));
  return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  std::string text;
  if (data[0] & 1) text = "platform,shop_id,session_id,customer_id,ts,sender,agent_id,event,content\n";
  text.append(reinterpret_cast<const char*>(data) + 2, size - 2);
  {
    std::FILE* f = std::fopen(scratch_file().c_str(), "wb");
    if (!f) std::abort();
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  const std::string tiny = read_all(1 + data[1] % 64), whole = read_all(text.size() + 1);
  if (tiny != whole) {
    std::fprintf(stderr, "block size changed the result:\n--- tiny\n%s--- whole\n%s", tiny.c_str(), whole.c_str());
    std::abort();
  }
  return 0;
}
