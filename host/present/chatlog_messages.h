// What Kefu says about how it read a chat log: the layout it used, times read without a time
// zone, and a chat log in no known layout (docs/data-in.md). Chinese by default, English with
// --lang en; the engines return the facts (chatlog/layout.h, chatlog/reader.h).
#pragma once

#include "chatlog/layout.h"
#include "present/text.h"

#include <cstdint>
#include <string>

namespace kefu::host::present {

// "按布局 qianniu-team 读取" / "read with layout qianniu-team".
std::string layout_used(const std::string& layout_id, Lang lang);

// "12 行时间无时区，按 +08:00（中国时间）读取": once per file, when any row's time had no offset.
std::string naive_times(std::int64_t rows, std::int64_t offset_ms, Lang lang);

// The canonical columns, the closest layout and what it lacks, and how to bring the file in.
std::string unknown_layout(const chatlog::LayoutMismatch& m, Lang lang);

}  // namespace kefu::host::present
