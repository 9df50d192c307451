// Chat-log layouts (docs/data-in.md, "Chat-log layouts"): which column of a chat export holds
// each canonical field, constants for the fields it lacks, what its sender and event values
// mean, how it marks a transfer and how it writes times. One engine reads every layout: the
// canonical header (docs/chat-log.md) is itself the built-in layout, and the reader
// (chatlog/reader.cpp) only ever sees a Mapping — a layout applied to one file's header.
#pragma once

#include "base/calendar.h"

#include <kefu/model.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kefu::host::chatlog {

// The columns (and JSON keys) of the canonical chat log, in their documented order.
inline constexpr std::string_view kColumns[] = {"platform", "shop_id",  "session_id", "customer_id", "ts",
                                                "sender",   "agent_id", "event",      "content"};
inline constexpr std::size_t kColumnCount = std::size(kColumns);
enum Field : std::size_t { kPlatform, kShop, kSession, kCustomer, kTs, kSender, kAgent, kEvent, kContent };

// The canonical chat log as a layout: each field in the column of its own name, all nine
// required, values as documented. Its id is "canonical".
inline constexpr std::string_view kCanonicalLayoutId = "canonical";
const ChatLayout& canonical_layout();

// The header names a layout gives field `f` (columns.<field>).
const std::vector<std::string>& layout_columns(const ChatLayout& layout, std::size_t f);

// The layouts a file may be written in, in the order they are tried: the given ones (--layout,
// then kefu.json's chat_layouts), the canonical one, then the plugins' — asked for only when
// none before matches, so reading a canonical log never starts a plugin.
class Layouts {
 public:
  Layouts();  // the canonical layout only
  explicit Layouts(std::vector<ChatLayout> given, std::function<std::vector<ChatLayout>()> plugins = {});

  const std::vector<ChatLayout>& without_plugins() const { return layouts_; }
  const std::vector<ChatLayout>& all() const;  // asks the plugins, once

 private:
  mutable std::vector<ChatLayout> layouts_;
  mutable std::function<std::vector<ChatLayout>()> plugins_;
};

enum class TimeFormat : std::uint8_t { iso, epoch_s, epoch_ms };
std::optional<TimeFormat> time_format(std::string_view name);  // "" and "iso": iso

// A layout applied to one header: where each field is, and how its values read.
struct Mapping {
  static constexpr std::size_t kAbsent = ~std::size_t{0};
  std::string layout_id;
  std::array<std::size_t, kColumnCount> index{};  // the field's column; kAbsent: constant[field]
  std::array<std::string, kColumnCount> constant;
  std::size_t width = kColumnCount;  // fields of a record
  TimeFormat time = TimeFormat::iso;
  std::int64_t naive_offset_ms = calendar::kChinaOffsetMs;  // a time written without an offset
  // The canonical log's values are read as they are; another layout's are translated first.
  bool translate = false;
  std::vector<std::pair<std::string, std::string_view>>
      senders;  // file value → customer | agent | bot | system | transfer
  std::vector<std::string> msg_events, transfer_events, transfer_prefixes;

  std::string_view field(const std::vector<std::string_view>& record, std::size_t f) const {
    return index[f] != kAbsent ? record[index[f]] : std::string_view(constant[f]);
  }
  // The canonical sender and event of a row, from the file's values (a sender value or content
  // prefix that marks a transfer makes the row a transfer by the system).
  void canonical_values(std::string_view& sender, std::string_view& event, std::string_view content) const;
};

// The fields a layout names columns for that `header` has none of (canonical names, in order):
// a layout matches a header when nothing is missing.
std::vector<std::string_view> missing_columns(const ChatLayout& layout, const std::vector<std::string_view>& header);

// Where `layout`'s fields sit in `header`, and its value rules; no constants, no time format
// (enough for `kefu scan`, which reads only messages).
Mapping map_columns(const ChatLayout& layout, const std::vector<std::string_view>& header);

// `layout` applied to `header` (which must have its columns). `shop`: the shop_id of a layout
// that neither reads nor fixes one (--shop). Throws std::runtime_error naming `file` when the
// layout leaves platform or shop_id unknown, or its time format is unknown.
Mapping map_header(const ChatLayout& layout, const std::vector<std::string_view>& header, const std::string& file,
                   const std::string& shop = {}, std::int64_t naive_offset_ms = calendar::kChinaOffsetMs);

// The identity mapping of JSON Lines (canonical keys, canonical values).
Mapping canonical_mapping(std::int64_t naive_offset_ms = calendar::kChinaOffsetMs);

struct LayoutChoice {
  const ChatLayout* layout = nullptr;     // the first layout the header matches
  const ChatLayout* closest = nullptr;    // none matched: the one missing fewest columns
  std::vector<std::string_view> missing;  // what `closest` lacks
};
LayoutChoice choose_layout(const Layouts& layouts, const std::vector<std::string_view>& header);

// A header that matches no layout but reads like a chat log's: a session_id, or a time-like
// and a message-like column (时间 and 内容, say). Such a file is a chat log in a layout Kefu does
// not know, never a platform export.
bool looks_like_chat_header(const std::vector<std::string_view>& header);

// A chat log whose header matches no known layout: what the message says (present/ words it).
struct LayoutMismatch {
  std::string file;
  std::vector<std::string> header;
  std::string closest, closest_name;  // the closest layout's id and name
  std::vector<std::string> missing;   // canonical fields it lacks
  std::vector<std::string> wanted;  // per missing field, the header names that layout looks for ("时间|发送时间")
};
class UnknownLayout : public std::runtime_error {
 public:
  explicit UnknownLayout(LayoutMismatch mismatch);
  const LayoutMismatch& mismatch() const { return mismatch_; }

 private:
  LayoutMismatch mismatch_;
};
LayoutMismatch mismatch_of(const std::string& file, const std::vector<std::string_view>& header,
                           const LayoutChoice& choice);

// The one rule for a chat log's time cell (rows and kefu explain's re-reading alike).
inline std::optional<std::int64_t> read_time(std::string_view cell, const Mapping& m, bool& naive) {
  naive = false;
  switch (m.time) {
    case TimeFormat::iso:
      return calendar::parse_timestamp(cell, m.naive_offset_ms, naive);
    case TimeFormat::epoch_s:
      return calendar::parse_epoch_seconds(cell);
    case TimeFormat::epoch_ms:
      return cell.find_first_not_of("0123456789") == std::string_view::npos ? calendar::parse_timestamp(cell)
                                                                            : std::nullopt;
  }
  return std::nullopt;
}

}  // namespace kefu::host::chatlog
