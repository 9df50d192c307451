#include "present/chatlog_messages.h"

#include "base/calendar.h"
#include "chatlog/detect.h"

namespace kefu::host::present {

std::string layout_used(const std::string& layout_id, Lang lang) {
  return lang == Lang::zh ? "按布局 " + layout_id + " 读取" : "read with layout " + layout_id;
}

std::string naive_times(std::int64_t rows, std::int64_t offset_ms, Lang lang) {
  const std::string offset = calendar::format_utc_offset(offset_ms);
  const bool china = offset_ms == calendar::kChinaOffsetMs;
  if (lang == Lang::zh)
    return std::to_string(rows) + " 行时间无时区，按 " + offset + (china ? "（中国时间）" : "（配置 utc_offset）") +
           "读取";
  return std::to_string(rows) + (rows == 1 ? " row's time had" : " rows' times had") + " no time zone; read as " +
         offset + (china ? " (China time)" : " (the config's utc_offset)");
}

std::string unknown_layout(const chatlog::LayoutMismatch& m, Lang lang) {
  std::string header;
  std::vector<std::string_view> cells;
  for (const auto& h : m.header) {
    header += (header.empty() ? "" : ",") + h;
    cells.push_back(h);
  }
  const bool chat_like = chatlog::looks_like_chat_header(cells);
  const std::string canonical = chatlog::canonical_header();
  // The canonical layout closest: its missing columns are names alone ("platform,shop_id").
  const bool canonical_closest = m.closest == chatlog::kCanonicalLayoutId;
  std::string lacks;
  for (std::size_t i = 0; i < m.missing.size(); ++i) {
    if (canonical_closest) {
      lacks += (i ? "," : "") + m.missing[i];
      continue;
    }
    lacks += (i ? (lang == Lang::zh ? "；" : "; ") : "") + m.missing[i] +
             (m.wanted[i].empty() ? ""
                                  : (lang == Lang::zh ? "（列名 " : " (a column named ") + m.wanted[i] +
                                        (lang == Lang::zh ? "）" : ")"));
  }
  const std::string closest = canonical_closest
                                  ? m.closest + (lang == Lang::zh ? "（Kefu 的标准列）" : " (Kefu's own columns)")
                                  : m.closest + (m.closest_name.empty() ? "" : " " + m.closest_name);
  if (lang == Lang::zh)
    return m.file + (chat_like ? "：看起来是聊天记录，但表头（" : "：表头（") + header +
           "）不符合任何已知的聊天记录布局。\n" + "  Kefu 的标准列：" + canonical + "\n" +
           (m.closest.empty() ? "" : "  最接近的布局：" + closest + "，缺少 " + lacks + "\n") +
           "  办法：写一个布局说明哪一列是哪个字段（docs/data-in.md「Chat-log layouts」），用 --layout 文件 指定，"
           "或放进 kefu.json 的 chat_layouts；或把表头改成标准列";
  return m.file + (chat_like ? ": this looks like a chat log, but its header (" : ": its header (") + header +
         ") matches no known chat-log layout.\n" + "  Kefu's canonical columns: " + canonical + "\n" +
         (m.closest.empty() ? "" : "  the closest layout: " + closest + ", which lacks " + lacks + "\n") +
         "  what to do: write a layout saying which column holds which field (docs/data-in.md, \"Chat-log "
         "layouts\") and pass it with --layout FILE or add it to kefu.json chat_layouts; or rename the header to "
         "the canonical columns";
}

}  // namespace kefu::host::present
