#include "chatlog/session_rows.h"

#include <stdexcept>
#include <unordered_map>

namespace kefu::host::chatlog {
namespace {

constexpr char kVersion = 1;

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

class Bytes {
 public:
  explicit Bytes(std::string_view b) : b_(b) {}
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const auto byte = static_cast<unsigned char>(next());
      v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return v;
    }
    throw std::runtime_error("stored session rows: a number longer than 64 bits");
  }
  char next() {
    if (at_ >= b_.size()) throw std::runtime_error("stored session rows: cut short");
    return b_[at_++];
  }
  std::string_view take(std::size_t n) {
    if (n > b_.size() - at_) throw std::runtime_error("stored session rows: cut short");
    at_ += n;
    return b_.substr(at_ - n, n);
  }
  bool done() const { return at_ == b_.size(); }

 private:
  std::string_view b_;
  std::size_t at_ = 0;
};

}  // namespace

void add_row(ChatEvents& into, std::string_view platform, std::string_view shop, std::string_view session,
             const SessionRow& row) {
  std::string key;
  session_key(key, platform, shop, session);
  const std::uint32_t id = into.sessions.intern(key);
  if (id == into.session_shop.size())  // a new session: note its shop
    into.session_shop.push_back(into.shops.intern(std::string_view(key).substr(0, key.size() - session.size())));
  const std::uint32_t agent = Event::has_agent(row.kind) ? into.agents.intern(row.agent) << Event::kKindBits : 0;
  into.events.push(Event{row.ts, id, agent | static_cast<std::uint32_t>(row.kind)});
}

std::string encode_rows(const std::vector<SessionRow>& rows) {
  std::string out(1, kVersion);
  std::vector<std::string_view> agents;
  std::unordered_map<std::string_view, std::uint64_t> number;
  for (const SessionRow& r : rows)
    if (number.emplace(r.agent, agents.size()).second) agents.push_back(r.agent);
  put_varint(out, agents.size());
  for (std::string_view a : agents) {
    put_varint(out, a.size());
    out.append(a);
  }
  put_varint(out, rows.size());
  std::int64_t previous = 0;
  for (const SessionRow& r : rows) {
    const std::int64_t delta = r.ts - previous;
    put_varint(out, (static_cast<std::uint64_t>(delta) << 1) ^ static_cast<std::uint64_t>(delta >> 63));
    previous = r.ts;
    out.push_back(static_cast<char>(r.kind));
    put_varint(out, number.at(r.agent));
  }
  return out;
}

std::vector<SessionRow> decode_rows(std::string_view bytes) {
  Bytes in(bytes);
  if (in.next() != kVersion) throw std::runtime_error("stored session rows: an unknown encoding");
  // Each agent and each row takes at least one byte: a count above the size is damage.
  auto count = [&] {
    const std::uint64_t n = in.varint();
    if (n > bytes.size()) throw std::runtime_error("stored session rows: a count beyond the bytes");
    return static_cast<std::size_t>(n);
  };
  std::vector<std::string> agents(count());
  for (auto& a : agents) a = std::string(in.take(in.varint()));
  std::vector<SessionRow> rows(count());
  std::int64_t previous = 0;
  for (SessionRow& r : rows) {
    const std::uint64_t z = in.varint();
    previous += static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
    r.ts = previous;
    const auto kind = static_cast<unsigned char>(in.next());
    if (kind > static_cast<unsigned char>(EventKind::bot)) throw std::runtime_error("stored session rows: a bad kind");
    r.kind = static_cast<EventKind>(kind);
    const std::uint64_t agent = in.varint();
    if (agent >= agents.size()) throw std::runtime_error("stored session rows: a bad agent number");
    r.agent = agents[agent];
  }
  if (!in.done()) throw std::runtime_error("stored session rows: bytes after the last row");
  return rows;
}

}  // namespace kefu::host::chatlog
