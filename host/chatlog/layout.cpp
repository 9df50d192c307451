#include "chatlog/layout.h"

#include <kefu/toolkit/native_export.hpp>

#include <algorithm>

namespace kefu::host::chatlog {
namespace {

ChatLayout make_canonical() {
  ChatLayout l;
  l.id = std::string(kCanonicalLayoutId);
  l.name = "Kefu canonical chat log";
  l.columns = {{"platform"}, {"shop_id"},  {"session_id"}, {"customer_id"}, {"ts"},
               {"sender"},   {"agent_id"}, {"event"},      {"content"}};
  l.source = {"docs/chat-log.md", "", "", Confidence::official, "Kefu's own format", ""};
  return l;
}

// Header cells compare as the export reader compares them: trimmed, full-width brackets and
// spaces folded ("会话ID " finds 会话ID).
std::vector<std::string> folded(const std::vector<std::string_view>& header) {
  std::vector<std::string> out;
  out.reserve(header.size());
  for (std::string_view h : header) out.push_back(native_export::fold_header(native_export::trim(h)));
  return out;
}

// The column of the first of `names` the header has; Mapping::kAbsent when none.
std::size_t find_column(const std::vector<std::string>& header, const std::vector<std::string>& names) {
  for (const std::string& n : names) {
    const auto it = std::find(header.begin(), header.end(), native_export::fold_header(native_export::trim(n)));
    if (it != header.end()) return static_cast<std::size_t>(it - header.begin());
  }
  return Mapping::kAbsent;
}

std::vector<std::string_view> missing_in(const ChatLayout& layout, const std::vector<std::string>& header) {
  std::vector<std::string_view> out;
  for (std::size_t f = 0; f < kColumnCount; ++f) {
    const auto& names = layout_columns(layout, f);
    if (!names.empty() && find_column(header, names) == Mapping::kAbsent) out.push_back(kColumns[f]);
  }
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

const ChatLayout& canonical_layout() {
  static const ChatLayout layout = make_canonical();
  return layout;
}

const std::vector<std::string>& layout_columns(const ChatLayout& l, std::size_t f) {
  const ChatColumns& c = l.columns;
  const std::vector<std::string>* by_field[] = {&c.platform, &c.shop_id,  &c.session_id, &c.customer_id, &c.ts,
                                                &c.sender,   &c.agent_id, &c.event,      &c.content};
  return *by_field[f];
}

Layouts::Layouts() : layouts_{canonical_layout()} {}

Layouts::Layouts(std::vector<ChatLayout> given, std::function<std::vector<ChatLayout>()> plugins)
    : layouts_(std::move(given)), plugins_(std::move(plugins)) {
  layouts_.push_back(canonical_layout());
}

const std::vector<ChatLayout>& Layouts::all() const {
  if (plugins_) {
    auto more = std::exchange(plugins_, nullptr)();
    layouts_.insert(layouts_.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return layouts_;
}

std::optional<TimeFormat> time_format(std::string_view name) {
  if (name.empty() || name == "iso") return TimeFormat::iso;
  if (name == "epoch_s") return TimeFormat::epoch_s;
  if (name == "epoch_ms") return TimeFormat::epoch_ms;
  return std::nullopt;
}

void Mapping::canonical_values(std::string_view& sender, std::string_view& event, std::string_view content) const {
  for (const auto& [value, canonical] : senders) {
    if (value != sender) continue;
    if (canonical == "transfer") {
      sender = "system";
      event = "transfer";
      return;
    }
    sender = canonical;
    break;
  }
  if (contains(transfer_events, event))
    event = "transfer";
  else if (contains(msg_events, event))
    event = "msg";
  for (const std::string& p : transfer_prefixes)
    if (content.starts_with(p)) event = "transfer";
}

std::vector<std::string_view> missing_columns(const ChatLayout& layout, const std::vector<std::string_view>& header) {
  return missing_in(layout, folded(header));
}

Mapping map_columns(const ChatLayout& layout, const std::vector<std::string_view>& header) {
  const std::vector<std::string> names = folded(header);
  Mapping m;
  m.layout_id = layout.id;
  m.width = header.size();
  for (std::size_t f = 0; f < kColumnCount; ++f) m.index[f] = find_column(names, layout_columns(layout, f));
  m.translate = layout.id != kCanonicalLayoutId;
  const std::pair<const std::vector<std::string>*, std::string_view> senders[] = {
      {&layout.senders.customer, "customer"},
      {&layout.senders.agent, "agent"},
      {&layout.senders.bot, "bot"},
      {&layout.senders.system, "system"},
      {&layout.senders.transfer, "transfer"}};
  for (const auto& [values, canonical] : senders)
    for (const std::string& v : *values) m.senders.emplace_back(v, canonical);
  m.msg_events = layout.events.msg;
  m.transfer_events = layout.events.transfer;
  m.transfer_prefixes = layout.transfer_content_prefixes;
  return m;
}

Mapping map_header(const ChatLayout& layout, const std::vector<std::string_view>& header, const std::string& file,
                   const std::string& shop, std::int64_t naive_offset_ms) {
  Mapping m = map_columns(layout, header);
  m.naive_offset_ms = naive_offset_ms;
  m.constant[kPlatform] = layout.values.platform;
  m.constant[kShop] = layout.values.shop_id.empty() ? shop : layout.values.shop_id;
  const std::string named = "layout " + layout.id + " (read for " + file + ")";
  if (m.index[kPlatform] == Mapping::kAbsent && m.constant[kPlatform].empty())
    throw std::runtime_error(named +
                             " gives no platform: add values.platform (a plugin id such as tmall) or a "
                             "platform column to the layout");
  if (m.index[kShop] == Mapping::kAbsent && m.constant[kShop].empty())
    throw std::runtime_error(file + ": the layout " + layout.id +
                             " has no shop_id column and fixes none: give --shop SHOP, or add values.shop_id to "
                             "the layout");
  const auto time = time_format(layout.time_format);
  if (!time)
    throw std::runtime_error(named + ": time_format \"" + layout.time_format + "\" is not iso, epoch_s or epoch_ms");
  m.time = *time;
  return m;
}

Mapping canonical_mapping(std::int64_t naive_offset_ms) {
  Mapping m;
  m.layout_id = std::string(kCanonicalLayoutId);
  for (std::size_t f = 0; f < kColumnCount; ++f) m.index[f] = f;
  m.naive_offset_ms = naive_offset_ms;
  return m;
}

LayoutChoice choose_layout(const Layouts& layouts, const std::vector<std::string_view>& header) {
  const std::vector<std::string> names = folded(header);
  LayoutChoice choice;
  auto first_match = [&](const std::vector<ChatLayout>& list) -> const ChatLayout* {
    for (const ChatLayout& l : list)
      if (missing_in(l, names).empty()) return &l;
    return nullptr;
  };
  choice.layout = first_match(layouts.without_plugins());
  if (!choice.layout) choice.layout = first_match(layouts.all());
  if (choice.layout) return choice;
  for (const ChatLayout& l : layouts.all()) {
    auto missing = missing_in(l, names);
    if (!choice.closest || missing.size() < choice.missing.size()) {
      choice.closest = &l;
      choice.missing = std::move(missing);
    }
  }
  return choice;
}

bool looks_like_chat_header(const std::vector<std::string_view>& header) {
  // Words chat exports use for these columns (Chinese and English), compared after folding.
  static const std::vector<std::string> kTime = {"ts", "time", "时间", "发送时间", "消息时间", "聊天时间", "日期时间"};
  static const std::vector<std::string> kMessage = {"content",  "message",  "内容",     "消息",
                                                    "消息内容", "聊天内容", "聊天记录", "对话内容"};
  const std::vector<std::string> names = folded(header);
  if (contains(names, "session_id")) return true;
  return find_column(names, kTime) != Mapping::kAbsent && find_column(names, kMessage) != Mapping::kAbsent;
}

UnknownLayout::UnknownLayout(LayoutMismatch mismatch)
    : std::runtime_error([&] {
        std::string columns;
        for (std::string_view c : kColumns) (columns += columns.empty() ? "" : ",") += c;
        std::string m = mismatch.file + ": the header matches no chat-log layout; expected the columns " + columns;
        if (!mismatch.closest.empty()) {
          m += "; the closest layout, " + mismatch.closest + ", lacks";
          for (std::size_t i = 0; i < mismatch.missing.size(); ++i)
            m += (i ? ", " : " ") + mismatch.missing[i] + " (" + mismatch.wanted[i] + ")";
        }
        return m + "; give --layout FILE or add the layout to kefu.json chat_layouts (docs/data-in.md)";
      }()),
      mismatch_(std::move(mismatch)) {}

LayoutMismatch mismatch_of(const std::string& file, const std::vector<std::string_view>& header,
                           const LayoutChoice& choice) {
  LayoutMismatch m;
  m.file = file;
  for (std::string_view h : header) m.header.emplace_back(h);
  if (choice.closest) {
    m.closest = choice.closest->id;
    m.closest_name = choice.closest->name;
    for (std::string_view f : choice.missing) {
      m.missing.emplace_back(f);
      std::string names;
      const auto at = static_cast<std::size_t>(std::find(std::begin(kColumns), std::end(kColumns), f) - kColumns);
      for (const std::string& n : layout_columns(*choice.closest, at)) names += (names.empty() ? "" : "|") + n;
      m.wanted.push_back(names);
    }
  }
  return m;
}

}  // namespace kefu::host::chatlog
