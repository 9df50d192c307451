// The CSV reader, two ways at once: the whole text in one go, and block by block the way the
// chat-log reader reads a big file (Slice::more_follows, a record cut by the block end left for
// the next block). Both must give the same records, lines and rejects.
#include <kefu/toolkit/csv.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

struct Seen {
  kefu::csv::Status status;
  std::int64_t line;
  std::string raw;
  std::vector<std::string> fields;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> whole(std::string_view text) {
  std::vector<Seen> out;
  kefu::csv::Reader reader(text);
  kefu::csv::Record r;
  std::string error;
  for (kefu::csv::Status s; (s = reader.next(r, &error)) != kefu::csv::Status::end;)
    out.push_back({s, r.line, std::string(r.raw), {r.fields.begin(), r.fields.end()}});
  return out;
}

std::vector<Seen> in_blocks(std::string_view text, std::size_t block) {
  std::vector<Seen> out;
  std::size_t base = 0, capacity = block;  // as host/chatlog/reader.cpp's read_range
  std::int64_t line = 1;
  kefu::csv::Record r;
  std::string error;
  for (;;) {
    const std::size_t have = std::min(text.size() - base, capacity);
    const bool at_end = base + have >= text.size();
    kefu::csv::Reader reader(text.substr(base, have), kefu::csv::Slice{line, base == 0, !at_end});
    for (kefu::csv::Status s; (s = reader.next(r, &error)) != kefu::csv::Status::end;)
      out.push_back({s, r.line, std::string(r.raw), {r.fields.begin(), r.fields.end()}});
    const std::size_t used = reader.offset();
    line = reader.line();
    if (at_end && used == have) return out;
    base += used;
    if (have - used == capacity) capacity *= 2;  // one record longer than the buffer
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t block = 1 + data[0] % 64;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (whole(text) != in_blocks(text, block)) std::abort();  // block boundaries changed the result
  return 0;
}
