// Reading canonical chat logs (docs/chat-log.md; the metrics: docs/metrics.md): CSV with a
// header (RFC 4180, UTF-8 or GB18030) or JSON Lines with the same keys, into the few facts per
// row the metrics engine needs. Built for gigabyte logs: the file is read in blocks by one
// worker per core, each interning its keys; content, customers and bot/system messages are
// counted, not kept.
#pragma once

#include "base/big_array.h"
#include "base/calendar.h"
#include "base/encoding.h"
#include "base/interner.h"
#include "base/table_text.h"
#include "chatlog/detect.h"

#include <kefu/model.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kefu::host::chatlog {

// The rows that matter to the metrics (R5, R6, C2): customer and agent messages, transfers,
// customer messages that are only a closing courtesy, and bot messages (which only definitions
// that count bot replies use). System messages are counted, not kept.
enum class EventKind : std::uint8_t { customer, agent, transfer, closing, bot };

// One such row in 16 bytes: its instant, session, and (agent rows, transfers, bots) agent id.
struct Event {
  std::int64_t ts;  // epoch ms
  std::uint32_t session;
  std::uint32_t agent_kind;  // agent id << kKindBits | kind

  static constexpr int kKindBits = 3;
  static constexpr std::uint32_t kMaxAgents = 1u << (32 - kKindBits);
  EventKind kind() const { return static_cast<EventKind>(agent_kind & ((1u << kKindBits) - 1)); }
  std::uint32_t agent() const { return agent_kind >> kKindBits; }
  // Customer messages (closings included) carry no agent.
  static bool has_agent(EventKind k) { return k == EventKind::agent || k == EventKind::transfer || k == EventKind::bot; }
};

// Events in record order, in blocks that are never moved or copied as they grow.
class EventStore {
 public:
  static constexpr std::size_t kBlock = 1u << 22;  // events per block (64 MiB)

  void push(const Event& e) {
    if (blocks_.empty() || blocks_.back().size == kBlock) blocks_.push_back({BigArray<Event>(kBlock), 0});
    Block& last = blocks_.back();
    last.events[last.size++] = e;
  }
  std::size_t size() const {
    std::size_t n = 0;
    for (const auto& b : blocks_) n += b.size;
    return n;
  }
  std::size_t block_count() const { return blocks_.size(); }
  Event* block(std::size_t b) const { return blocks_[b].events.data(); }
  std::size_t block_size(std::size_t b) const { return blocks_[b].size; }
  // Moves `other`'s blocks after these (a block before them may stay partly filled).
  void append(EventStore&& other) {
    for (auto& b : other.blocks_) blocks_.push_back(std::move(b));
    other.blocks_.clear();
  }

 private:
  struct Block {
    BigArray<Event> events;
    std::size_t size;
  };
  std::vector<Block> blocks_;
};

// A chat log reduced to its events (R1: a session is platform, shop_id, session_id).
struct ChatEvents {
  Interner sessions;                        // key: session_key(platform, shop_id, session_id)
  Interner shops;                           // key: session_key(platform, shop_id, "")
  Interner agents;                          // agent_id, "" included
  std::vector<std::uint32_t> session_shop;  // per session: its shop
  EventStore events;

  // Appends `other`'s events after these, translating its ids into this one's.
  void append(ChatEvents&& other);
};

// The interning key of a session: length-prefixed platform and shop_id, then session_id.
void session_key(std::string& key, std::string_view platform, std::string_view shop_id, std::string_view session_id);
// The platform and shop_id of a session or shop key.
std::pair<std::string_view, std::string_view> split_shop_key(std::string_view key);

// An agent message kept whole by the reading (ChatReadOptions::keep_agent_message).
struct KeptRow {
  std::string platform, shop_id, session_id, agent_id, content;
  std::int64_t ts = 0;  // epoch ms
};

struct ChatReadResult {
  std::string format;  // csv | jsonl
  std::string layout;  // the layout its header matched (chatlog/layout.h); "canonical" for JSON Lines
  Encoding encoding = Encoding::utf8;
  std::int64_t rows = 0;        // rows read, all senders, rejects excluded
  std::vector<Reject> rejects;  // rows that could not be read, in line order
  TableSource source;           // a workbook or UTF-16 text converted to CSV first (base/table_text.h)
  std::int64_t naive_times = 0;  // rows read whose time had no offset (read at naive_offset_ms)
  std::vector<KeptRow> kept;     // the agent messages keep_agent_message kept, in record order
};

struct ChatReadOptions {
  std::optional<Encoding> encoding;             // nullopt: detect
  std::string sheet;                            // xlsx: the sheet to read ("": the first)
  unsigned workers = 0;                         // 0: one per core
  std::function<void(std::uint64_t)> progress;  // bytes of this file done (any thread)
  std::size_t block_bytes = 0;                  // read size of a worker; 0: 8 MiB (tests and fuzzing use tiny ones)
  // C2: whether a customer message's content is only a closing courtesy (words::ClosingList);
  // empty: no message is (every customer message is EventKind::customer). Called from workers.
  std::function<bool(std::string_view)> closing_only;
  // The QC scan (pipeline/qc.h): asked of every agent message the reading keeps (a `msg` row of
  // sender agent), from the workers, with its platform and content; the rows it answers true for
  // (those with a hit) are kept whole in ChatReadResult::kept. Empty: none is kept.
  std::function<bool(std::string_view platform, std::string_view content)> keep_agent_message;
  // The layouts a CSV header is matched against (chatlog/layout.h); nullptr: the canonical only.
  const Layouts* layouts = nullptr;
  std::string shop;  // shop_id of a layout that neither reads nor fixes one (--shop)
  std::int64_t naive_offset_ms = calendar::kChinaOffsetMs;  // a time written without an offset
};

// Reads one chat log file, appending its events to `into` (files in the order given make one
// record order). A missing file or a missing header throws std::runtime_error naming the file
// and the expected columns; a header that matches no layout throws UnknownLayout (the closest
// layout and what it lacks); bad rows become rejects and the rest is read.
ChatReadResult read_chat_log(const std::string& path, ChatEvents& into, const ChatReadOptions& options = {});

// A row of a session as `kefu explain` shows it.
struct TailMessage {
  std::int64_t ts;  // epoch ms
  std::string sender, agent_id, event, content;
};
// session_key → its rows, in R2 order.
using SessionTails = std::unordered_map<std::string, std::vector<TailMessage>>;

// Reads `path` again for the rows of the `wanted` sessions (session_key), every sender, keeping
// the `last` of each in `into` (files in record order make one input). One thread: explain asks
// for few sessions, after the metrics are known.
// Read with the same layouts, shop and offset as the first reading (`options`; workers, progress
// and closings unused).
void read_session_tails(const std::string& path, const std::unordered_set<std::string>& wanted, std::size_t last,
                        SessionTails& into, const ChatReadOptions& options = {});

// Adds messages a plugin fetched from a platform API, under the same rules as a file's rows
// (`rejects` numbers them from 1 in the order given).
ChatReadResult add_messages(const std::vector<ChatMessage>& messages, ChatEvents& into,
                            const std::function<bool(std::string_view)>& closing_only = {});

}  // namespace kefu::host::chatlog
