#include "chatlog/reader.h"

#include "model/whole_shop.h"

#include "base/calendar.h"
#include "base/excel_damage.h"
#include "base/file.h"
#include "base/utf8.h"

#include <rapidjson/document.h>
#include <kefu/toolkit/csv.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <unordered_set>
#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <future>
#include <stdexcept>
#include <thread>

namespace kefu::host::chatlog {
namespace {

constexpr std::size_t kBlock = 8u << 20;                // read size of a worker
constexpr std::uint64_t kMinBytesPerWorker = 4u << 20;  // smaller files are read by one worker
constexpr std::size_t kSniff = 64u << 10;               // bytes looked at for encoding and header

// The file's bytes: read with pread by offset, or from memory once converted from GB18030.
class ByteSource {
 public:
  struct File {};
  struct Memory {};
  ByteSource(File, const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) throw std::runtime_error(path + ": cannot open: " + std::strerror(errno));
    const off_t end = ::lseek(fd_, 0, SEEK_END);
    if (end < 0) throw std::runtime_error(path + ": cannot read: " + std::strerror(errno));
    size_ = static_cast<std::uint64_t>(end);
  }
  ByteSource(Memory, std::string text) : memory_(std::move(text)), size_(memory_.size()) {}
  ~ByteSource() {
    if (fd_ >= 0) ::close(fd_);
  }
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  std::uint64_t size() const { return size_; }

  // Reads up to n bytes at offset (fewer only at the end).
  std::size_t read(std::uint64_t offset, char* out, std::size_t n) const {
    if (offset >= size_) return 0;
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, size_ - offset));
    if (fd_ < 0) {
      std::memcpy(out, memory_.data() + offset, n);
      return n;
    }
    std::size_t done = 0;
    while (done < n) {
      const ssize_t got = ::pread(fd_, out + done, n - done, static_cast<off_t>(offset + done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) throw std::runtime_error(std::string("read error: ") + std::strerror(errno));
      done += static_cast<std::size_t>(got);
    }
    return done;
  }

 private:
  int fd_ = -1;
  std::string memory_;
  std::uint64_t size_ = 0;
};

// JSON Lines, read like CSV records: one object per line, its values in canonical column order.
class JsonlReader {
 public:
  JsonlReader(std::string_view text, csv::Slice slice)
      : begin_(text.data()),
        pos_(text.data()),
        end_(text.data() + text.size()),
        line_(slice.first_line),
        partial_(slice.more_follows) {}

  csv::Status next(csv::Record& record, std::string* error) {
    for (;;) {
      if (pos_ >= end_) return csv::Status::end;
      const char* nl = static_cast<const char*>(std::memchr(pos_, '\n', static_cast<std::size_t>(end_ - pos_)));
      if (!nl && partial_) return csv::Status::end;
      const char* line_end = nl ? nl : end_;
      std::string_view row(pos_, static_cast<std::size_t>(line_end - pos_));
      if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
      record.line = line_++;
      record.offset = static_cast<std::size_t>(pos_ - begin_);
      record.raw = row;
      pos_ = nl ? nl + 1 : end_;
      if (row.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank line
      return parse(row, record, error);
    }
  }

  std::size_t offset() const { return static_cast<std::size_t>(pos_ - begin_); }
  std::int64_t line() const { return line_; }

 private:
  csv::Status parse(std::string_view row, csv::Record& record, std::string* error) {
    record.fields.assign(kColumnCount, std::string_view());
    doc_.Parse<rapidjson::kParseIterativeFlag>(row.data(), row.size());  // no recursion on [[[[
    if (doc_.HasParseError() || !doc_.IsObject()) {
      if (error) *error = "not a JSON object";
      record.fields.clear();
      return csv::Status::malformed;
    }
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      auto it = doc_.FindMember(rapidjson::StringRef(kColumns[c].data(), kColumns[c].size()));
      // The SDK's ChatMessage JSON names the instant ts_ms (epoch milliseconds): the same column.
      if (c == kTs && it == doc_.MemberEnd()) it = doc_.FindMember("ts_ms");
      if (it == doc_.MemberEnd() || it->value.IsNull()) continue;
      const auto& v = it->value;
      if (v.IsString()) {
        record.fields[c] = std::string_view(v.GetString(), v.GetStringLength());
      } else if (c == kTs && v.IsInt64()) {
        const auto r = std::to_chars(number_.data(), number_.data() + number_.size(), v.GetInt64());
        record.fields[c] = std::string_view(number_.data(), static_cast<std::size_t>(r.ptr - number_.data()));
      } else {
        if (error) *error = "\"" + std::string(kColumns[c]) + "\" is not a string";
        return csv::Status::malformed;
      }
    }
    return csv::Status::record;
  }

  const char* begin_;
  const char* pos_;
  const char* end_;
  std::int64_t line_;
  bool partial_;
  rapidjson::Document doc_;
  std::array<char, 24> number_{};
};

enum class Format { csv, jsonl };

// How the file's records read: CSV or JSON Lines, and the layout applied to its header.
struct Layout {
  Format format = Format::csv;
  Mapping map;
  const std::function<bool(std::string_view)>* closing_only = nullptr;  // ChatReadOptions::closing_only
  const std::function<bool(std::string_view, std::string_view)>* keep = nullptr;  // ::keep_agent_message
};

// What one worker read from its byte range.
struct Part {
  ChatEvents events;
  std::vector<Reject> rejects;
  std::int64_t rows = 0;
  std::int64_t naive = 0;        // rows read whose time had no offset
  std::vector<KeptRow> kept;     // agent messages kept whole (ChatReadOptions::keep_agent_message)
  std::uint64_t end_offset = 0;  // where the first record it did not take starts
  std::int64_t end_line = 0;     // and its line (in this part's numbering)
};

bool is_utf8(std::string_view s) {
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return true;
  return utf8::find_invalid(s) == std::string_view::npos;
}

// Turns one record into an event of `part`, or says why it cannot.
// R5/R6 on one row, wherever it came from (a file, a platform API): nullptr when the row is
// read (a bot or system message is read and not kept), else why it is rejected.
class RowRules {
 public:
  using ClosingOnly = std::function<bool(std::string_view)>;
  explicit RowRules(const ClosingOnly* closing_only) : closing_only_(closing_only && *closing_only ? closing_only : nullptr) {}

  const char* add(ChatEvents& ev, std::int64_t& rows, std::string_view platform, std::string_view shop,
                  std::string_view session, std::string_view sender, std::string_view event, std::string_view agent,
                  std::string_view content, std::optional<std::int64_t> ts) {
    EventKind kind;
    bool kept = true;
    if (event == "transfer") {
      kind = EventKind::transfer;
      if (!known_sender(sender)) return "unknown sender (customer, agent, bot or system)";
    } else if (event == "msg" || event.empty()) {
      if (sender == "customer")
        kind = closing_only_ && (*closing_only_)(content) ? EventKind::closing : EventKind::customer;
      else if (sender == "agent")
        kind = EventKind::agent;
      else if (sender == "bot")
        kind = EventKind::bot;
      else if (sender == "system")
        kept = false, kind = EventKind::customer;
      else
        return "unknown sender (customer, agent, bot or system)";
    } else {
      return "unknown event (msg or transfer)";
    }
    if (!ts) return "unparseable ts (ISO-8601 date and time, or epoch milliseconds)";
    if (!calendar::timestamp_in_range(*ts))
      return "ts out of range (from 2000-01-01T00:00:00Z to before 2100-01-01T00:00:00Z)";
    if (platform.empty() || shop.empty() || session.empty()) return "empty platform, shop_id or session_id";
    if (!is_utf8(platform) || !is_utf8(shop) || !is_utf8(session) || !is_utf8(agent)) return "invalid UTF-8 in an id";
    if (platform.size() > 255 || shop.size() > 0xFFFF) return "platform or shop_id too long";
    if (agent == kUnassigned) return "agent_id \"(unassigned)\" is reserved (kefu/2's row of turns no agent held)";
    ++rows;
    if (!kept) return nullptr;
    const std::uint32_t agent_bits = Event::has_agent(kind) ? agent_id(ev, agent) << Event::kKindBits : 0;
    ev.events.push(Event{*ts, session_id(ev, platform, shop, session), agent_bits | static_cast<std::uint32_t>(kind)});
    return nullptr;
  }

 private:
  static bool known_sender(std::string_view s) {
    return s == "customer" || s == "agent" || s == "bot" || s == "system";
  }

  std::uint32_t session_id(ChatEvents& ev, std::string_view platform, std::string_view shop, std::string_view session) {
    session_key(key_, platform, shop, session);
    const std::uint32_t id = ev.sessions.intern(key_);
    if (id == ev.session_shop.size())  // a new session: note its shop
      ev.session_shop.push_back(ev.shops.intern(std::string_view(key_).substr(0, key_.size() - session.size())));
    return id;
  }

  static std::uint32_t agent_id(ChatEvents& ev, std::string_view agent) {
    const std::uint32_t id = ev.agents.intern(agent);
    if (id >= Event::kMaxAgents) throw std::runtime_error("more than 2^29 distinct agent ids");
    return id;
  }

  const ClosingOnly* closing_only_;  // nullptr: no closing detection
  std::string key_;
};

// Rows whose damage comes from a spreadsheet (base/excel_damage.h): a file with any is refused.
constexpr const char* kExcelShortenedId = "session_id in scientific notation (Excel shortened the id)";
constexpr const char* kExcelSerialTime = "ts is a number (Excel turned the time into a date serial)";

// Refuses a file Excel damaged, naming the first such line, how many there are, and the fix.
void refuse_excel_damage(const std::string& path, const std::vector<Reject>& rejects) {
  const Reject* first = nullptr;
  std::int64_t count = 0;
  for (const Reject& r : rejects)
    if (r.reason == kExcelShortenedId || r.reason == kExcelSerialTime) {
      if (!first || r.line < first->line) first = &r;
      ++count;
    }
  if (!first) return;
  const bool id = first->reason == kExcelShortenedId;
  throw std::runtime_error(
      path + ": line " + std::to_string(first->line) + " (and " + std::to_string(count - 1) + " more): " +
      (id ? "session_id is written in scientific notation, as Excel shows a long number: its digits are lost and "
            "different sessions would merge into one"
          : "ts is a number, as Excel writes a date it reformatted: the time is no longer written as a time") +
      ". Nothing was read. Open the platform's original export (not a copy saved by Excel), or format the " +
      (id ? "session_id" : "ts") + " column as Text before saving, and give that file. The line: " + first->original);
}

class RowReader {
 public:
  explicit RowReader(const Layout& layout) : layout_(layout), rules_(layout.closing_only) {}

  // Empty on success, else the reason the row is rejected.
  const char* read(const csv::Record& record, Part& part) {
    const Mapping& m = layout_.map;
    if (record.fields.size() != m.width) return "wrong field count";
    std::string_view sender = m.field(record.fields, kSender), event = m.field(record.fields, kEvent);
    const std::string_view content = m.field(record.fields, kContent);
    if (m.translate) m.canonical_values(sender, event, content);
    // Excel's damage is told apart from an ordinary bad row: the file is refused (read_log).
    if (excel::scientific_notation(m.field(record.fields, kSession))) return kExcelShortenedId;
    bool naive = false;
    const auto ts = read_time(m.field(record.fields, kTs), m, naive);
    if (!ts && excel::serial_date(m.field(record.fields, kTs))) return kExcelSerialTime;
    const char* why = rules_.add(part.events, part.rows, m.field(record.fields, kPlatform),
                                 m.field(record.fields, kShop), m.field(record.fields, kSession), sender, event,
                                 m.field(record.fields, kAgent), content, ts);
    if (!why && naive) ++part.naive;
    if (!why && layout_.keep && sender == "agent" && (event == "msg" || event.empty()) &&
        (*layout_.keep)(m.field(record.fields, kPlatform), content))
      part.kept.push_back({std::string(m.field(record.fields, kPlatform)), std::string(m.field(record.fields, kShop)),
                           std::string(m.field(record.fields, kSession)), std::string(m.field(record.fields, kAgent)),
                           std::string(content), *ts});
    return why;
  }

 private:
  const Layout& layout_;
  RowRules rules_;
};

// Reads the records starting in [begin, limit) — the last one may run past limit.
template <class Reader, class Rows>
Part read_range(const ByteSource& source, Rows& rows, std::uint64_t begin, std::uint64_t limit, std::int64_t first_line,
                std::atomic<std::uint64_t>& done, const std::function<void(std::uint64_t)>& progress,
                std::size_t block) {
  Part part;
  std::string buffer(block, '\0');
  std::uint64_t base = begin;  // file offset of buffer[0]
  std::size_t have = 0;
  std::int64_t line = first_line;
  csv::Record record;
  std::string error;
  for (;;) {
    have += source.read(base + have, buffer.data() + have, buffer.size() - have);
    const bool at_end = base + have >= source.size();
    Reader reader(std::string_view(buffer.data(), have), csv::Slice{line, false, !at_end});
    csv::Status status;
    while ((status = reader.next(record, &error)) != csv::Status::end) {
      if (base + record.offset >= limit) {
        part.end_offset = base + record.offset;
        part.end_line = record.line;
        return part;
      }
      const char* reason = status == csv::Status::malformed ? error.c_str() : rows.read(record, part);
      if (reason) part.rejects.push_back({record.line, reason, std::string(record.raw)});
    }
    const std::size_t used = reader.offset();
    line = reader.line();
    if (progress) progress(done += used);
    if (at_end && used == have) {
      part.end_offset = source.size();
      part.end_line = line;
      return part;
    }
    std::memmove(buffer.data(), buffer.data() + used, have - used);
    base += used;
    have -= used;
    if (have == buffer.size()) buffer.resize(buffer.size() * 2);  // one record longer than a block
  }
}

Part read_range(Format format, const ByteSource& source, const Layout& layout, std::uint64_t begin, std::uint64_t limit,
                std::int64_t first_line, std::atomic<std::uint64_t>& done,
                const std::function<void(std::uint64_t)>& progress, std::size_t block) {
  RowReader rows(layout);
  return format == Format::csv
             ? read_range<csv::Reader>(source, rows, begin, limit, first_line, done, progress, block)
             : read_range<JsonlReader>(source, rows, begin, limit, first_line, done, progress, block);
}

// A likely record start at or after `from`: the first line start whose record reads as a valid
// row. Only a guess for CSV (a quoted multi-line field may hold such a line); the caller checks
// it against where the previous worker really stopped.
std::optional<std::uint64_t> guess_record_start(const ByteSource& source, const Layout& layout, std::uint64_t from) {
  std::string window(kSniff * 4, '\0');
  window.resize(source.read(from, window.data(), window.size()));
  std::size_t at = window.find('\n');
  if (layout.format == Format::jsonl) {
    if (at == std::string::npos) return std::nullopt;
    return from + at + 1;
  }
  for (int tries = 0; at != std::string::npos && tries < 1000; ++tries, at = window.find('\n', at + 1)) {
    csv::Reader reader(std::string_view(window).substr(at + 1), csv::Slice{1, false, true});
    csv::Record record;
    if (reader.next(record) != csv::Status::record || record.fields.size() != layout.map.width) continue;
    Part probe;
    RowReader rows(layout);
    if (!rows.read(record, probe)) return from + at + 1;
  }
  return std::nullopt;
}

// What the header of a chat log is read against: the layouts it may be in, the shop of a
// layout without one (--shop), and the offset of times written without one.
struct HeaderRules {
  const Layouts* layouts = nullptr;  // nullptr: the canonical layout only
  std::string shop;
  std::int64_t naive_offset_ms = calendar::kChinaOffsetMs;
};

HeaderRules header_rules(const ChatReadOptions& options) {
  return {options.layouts, options.shop, options.naive_offset_ms};
}

// The layout of the file that starts with `head`; nullopt when the header runs past `head`
// and more of the file follows. A header that matches no layout throws UnknownLayout, which
// names the closest layout and what it lacks.
std::optional<Layout> read_header(const std::string& path, std::string_view head, bool whole,
                                  std::uint64_t& data_offset, std::int64_t& data_line, const HeaderRules& rules) {
  Layout layout;
  std::size_t first = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  first = head.find_first_not_of(" \t\r\n", first);
  if (first != std::string_view::npos && head[first] == '{') {
    layout.format = Format::jsonl;
    layout.map = canonical_mapping(rules.naive_offset_ms);
    data_offset = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    data_line = 1;
    return layout;
  }
  const std::string expected = canonical_header();
  csv::Reader reader(head, csv::Slice{1, true, !whole});
  csv::Record header;
  std::string error;
  const csv::Status status = reader.next(header, &error);
  if (status == csv::Status::end && !whole) return std::nullopt;
  if (status != csv::Status::record) throw std::runtime_error(path + ": no header; expected the columns " + expected);
  static const Layouts canonical_only;
  const LayoutChoice choice = choose_layout(rules.layouts ? *rules.layouts : canonical_only, header.fields);
  if (!choice.layout) throw UnknownLayout(mismatch_of(path, header.fields, choice));
  if (choice.layout->id == kCanonicalLayoutId)
    for (std::string_view c : kColumns)
      if (std::count(header.fields.begin(), header.fields.end(), c) > 1)
        throw std::runtime_error(path + ": the header names " + std::string(c) + " twice");
  layout.map = map_header(*choice.layout, header.fields, path, rules.shop, rules.naive_offset_ms);
  data_offset = reader.offset();
  data_line = reader.line();
  return layout;
}

// Text that is not valid UTF-8 at the start (a sequence cut by the sniff window aside).
bool looks_like_utf8(std::string_view head, bool whole_file) {
  const std::size_t bad = utf8::find_invalid(head);
  return bad == std::string_view::npos || (!whole_file && bad + 4 > head.size());
}

}  // namespace

void session_key(std::string& key, std::string_view platform, std::string_view shop_id, std::string_view session_id) {
  key.clear();
  key += static_cast<char>(platform.size());
  key += platform;
  key += static_cast<char>(shop_id.size() >> 8);
  key += static_cast<char>(shop_id.size() & 0xFF);
  key += shop_id;
  key += session_id;
}

std::pair<std::string_view, std::string_view> split_shop_key(std::string_view key) {
  const std::size_t p = static_cast<unsigned char>(key[0]);
  const std::size_t n =
      static_cast<std::size_t>(static_cast<unsigned char>(key[1 + p])) << 8 | static_cast<unsigned char>(key[2 + p]);
  return {key.substr(1, p), key.substr(3 + p, n)};
}

void ChatEvents::append(ChatEvents&& other) {
  std::vector<std::uint32_t> shop_map(other.shops.size()), session_map(other.sessions.size()),
      agent_map(other.agents.size());
  for (std::uint32_t i = 0; i < shop_map.size(); ++i) shop_map[i] = shops.intern(other.shops.name(i));
  for (std::uint32_t i = 0; i < agent_map.size(); ++i) agent_map[i] = agents.intern(other.agents.name(i));
  for (std::uint32_t i = 0; i < session_map.size(); ++i) {
    session_map[i] = sessions.intern(other.sessions.name(i));
    if (session_map[i] == session_shop.size()) session_shop.push_back(shop_map[other.session_shop[i]]);
  }
  for (std::size_t b = 0; b < other.events.block_count(); ++b) {
    Event* e = other.events.block(b);
    for (std::size_t i = 0, n = other.events.block_size(b); i < n; ++i) {
      e[i].session = session_map[e[i].session];
      if (Event::has_agent(e[i].kind()))
        e[i].agent_kind = agent_map[e[i].agent()] << Event::kKindBits | static_cast<std::uint32_t>(e[i].kind());
    }
  }
  events.append(std::move(other.events));
}

ChatReadResult add_messages(const std::vector<ChatMessage>& messages, ChatEvents& into,
                            const std::function<bool(std::string_view)>& closing_only) {
  ChatReadResult result;
  result.format = "api";
  RowRules rules(&closing_only);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const ChatMessage& m = messages[i];
    if (const char* why = rules.add(into, result.rows, m.platform, m.shop_id, m.session_id, m.sender, m.event,
                                    m.agent_id, m.content, m.ts_ms > 0 ? std::optional<std::int64_t>(m.ts_ms) : std::nullopt))
      result.rejects.push_back(
          {static_cast<std::int64_t>(i + 1), why, m.session_id + " " + m.sender + " " + std::to_string(m.ts_ms)});
  }
  return result;
}

namespace {

// A chat log opened for reading: its bytes (GB18030 converted; a workbook or UTF-16 text made
// CSV), layout and where data starts.
struct OpenLog {
  std::unique_ptr<ByteSource> source;
  Encoding encoding = Encoding::utf8;
  TableSource table;
  Layout layout;
  std::uint64_t data_offset = 0;
  std::int64_t data_line = 1;
};

OpenLog open_log(const std::string& path, std::optional<Encoding> forced, const HeaderRules& rules,
                 const std::string& sheet) {
  OpenLog log;
  log.source = std::make_unique<ByteSource>(ByteSource::File{}, path);
  std::string head(kSniff, '\0');
  head.resize(log.source->read(0, head.data(), head.size()));
  if (needs_conversion(head, path)) {
    // A workbook or Excel's "Unicode text": converted whole to CSV, then read from memory.
    TableText table = read_table_text(path, TableOptions{sheet, forced});
    log.encoding = table.decoded.encoding;
    log.table = std::move(table.source);
    log.source = std::make_unique<ByteSource>(ByteSource::Memory{}, std::move(table.decoded.text));
    head.assign(kSniff, '\0');
    head.resize(log.source->read(0, head.data(), head.size()));
  } else {
    log.encoding =
        forced.value_or(looks_like_utf8(head, head.size() == log.source->size()) ? Encoding::utf8 : Encoding::gb18030);
  }
  if (log.encoding == Encoding::gb18030 && !log.table.converted()) {
    // Converted whole: GBK exports are the platforms' small files, not gigabyte logs.
    auto bytes = read_whole_file(path);
    if (!bytes) throw std::runtime_error(path + ": cannot read");
    log.source =
        std::make_unique<ByteSource>(ByteSource::Memory{}, decode_text(std::move(*bytes), Encoding::gb18030).text);
    head.assign(kSniff, '\0');
    head.resize(log.source->read(0, head.data(), head.size()));
  }
  std::optional<Layout> header;
  while (!(header = read_header(path, head, head.size() == log.source->size(), log.data_offset, log.data_line, rules))) {
    head.resize(std::min<std::uint64_t>(head.size() * 4, log.source->size()));  // a very long header line
    head.resize(log.source->read(0, head.data(), head.size()));
  }
  log.layout = *header;
  return log;
}

// Keeps every row of the wanted sessions (for session_tails), whatever its sender.
class TailRows {
 public:
  TailRows(const Layout& layout, const std::unordered_set<std::string>& wanted, SessionTails& out)
      : layout_(layout), wanted_(wanted), out_(out) {}

  const char* read(const csv::Record& record, Part&) {
    const Mapping& m = layout_.map;
    if (record.fields.size() != m.width) return nullptr;
    auto field = [&](Field f) { return m.field(record.fields, f); };
    session_key(key_, field(kPlatform), field(kShop), field(kSession));
    if (!wanted_.count(key_)) return nullptr;
    bool naive = false;
    const auto ts = read_time(field(kTs), m, naive);
    if (!ts) return nullptr;  // a reject of the first reading
    std::string_view sender = field(kSender), event = field(kEvent);
    if (m.translate) m.canonical_values(sender, event, field(kContent));
    out_[key_].push_back(
        {*ts, std::string(sender), std::string(field(kAgent)), std::string(event), std::string(field(kContent))});
    return nullptr;
  }

 private:
  const Layout& layout_;
  const std::unordered_set<std::string>& wanted_;
  SessionTails& out_;
  std::string key_;
};

}  // namespace

void read_session_tails(const std::string& path, const std::unordered_set<std::string>& wanted, std::size_t last,
                        SessionTails& into, const ChatReadOptions& options) {
  if (wanted.empty()) return;
  OpenLog log = open_log(path, options.encoding, header_rules(options), options.sheet);
  TailRows rows(log.layout, wanted, into);
  std::atomic<std::uint64_t> done{0};
  if (log.layout.format == Format::csv)
    read_range<csv::Reader>(*log.source, rows, log.data_offset, log.source->size(), log.data_line, done, {}, kBlock);
  else
    read_range<JsonlReader>(*log.source, rows, log.data_offset, log.source->size(), log.data_line, done, {}, kBlock);
  for (auto& [key, messages] : into) {
    std::stable_sort(messages.begin(), messages.end(),
                     [](const TailMessage& a, const TailMessage& b) { return a.ts < b.ts; });  // R2
    if (messages.size() > last) messages.erase(messages.begin(), messages.end() - static_cast<std::ptrdiff_t>(last));
  }
}

namespace {

ChatReadResult read_log(const std::string& path, ChatEvents& into, const ChatReadOptions& options) {
  ChatReadResult result;
  OpenLog log = open_log(path, options.encoding, header_rules(options), options.sheet);
  result.encoding = log.encoding;
  result.source = log.table;
  const std::unique_ptr<ByteSource>& source = log.source;
  const std::uint64_t data_offset = log.data_offset;
  const std::int64_t data_line = log.data_line;
  Layout layout = log.layout;
  layout.closing_only = &options.closing_only;
  if (options.keep_agent_message) layout.keep = &options.keep_agent_message;
  result.format = layout.format == Format::csv ? "csv" : "jsonl";
  result.layout = layout.map.layout_id;

  // Split the data into one byte range per worker; each starts at a (guessed) record start.
  const std::uint64_t data_size = source->size() - data_offset;
  unsigned workers = options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency());
  workers = static_cast<unsigned>(std::clamp<std::uint64_t>(data_size / kMinBytesPerWorker, 1, workers));
  std::vector<std::uint64_t> starts{data_offset};
  for (unsigned w = 1; w < workers; ++w) {
    const auto start = guess_record_start(*source, layout, data_offset + data_size * w / workers);
    if (start && *start > starts.back() && *start < source->size()) starts.push_back(*start);
  }
  starts.push_back(source->size());

  const std::size_t block = options.block_bytes ? options.block_bytes : kBlock;
  std::atomic<std::uint64_t> done{data_offset};
  std::vector<std::future<Part>> pending;
  for (std::size_t w = 0; w + 1 < starts.size(); ++w) {
    pending.push_back(std::async(std::launch::async, [&, w] {
      return read_range(layout.format, *source, layout, starts[w], starts[w + 1], w == 0 ? data_line : 1, done,
                        options.progress, block);
    }));
  }
  std::vector<Part> parts;
  for (auto& p : pending) parts.push_back(p.get());

  // A guessed start is right when the previous range stopped exactly there; otherwise the range
  // is read again from where the previous one really stopped. Lines of later ranges were
  // counted from 1 and are shifted once their first line is known.
  for (std::size_t w = 1; w < parts.size(); ++w) {
    const Part& previous = parts[w - 1];
    if (previous.end_offset != starts[w]) {
      std::atomic<std::uint64_t> ignored{0};
      parts[w] = read_range(layout.format, *source, layout, previous.end_offset, starts[w + 1], previous.end_line,
                            ignored, {}, block);
      continue;
    }
    const std::int64_t shift = previous.end_line - 1;
    for (auto& r : parts[w].rejects) r.line += shift;
    parts[w].end_line += shift;
  }
  for (const Part& part : parts) refuse_excel_damage(path, part.rejects);
  for (Part& part : parts) {
    if (into.sessions.size() == 0 && into.agents.size() == 0)
      into = std::move(part.events);
    else
      into.append(std::move(part.events));
    result.rows += part.rows;
    result.naive_times += part.naive;
    std::move(part.kept.begin(), part.kept.end(), std::back_inserter(result.kept));
    std::move(part.rejects.begin(), part.rejects.end(), std::back_inserter(result.rejects));
  }
  return result;
}

}  // namespace

ChatReadResult read_chat_log(const std::string& path, ChatEvents& into, const ChatReadOptions& options) {
  return read_log(path, into, options);
}

}  // namespace kefu::host::chatlog
