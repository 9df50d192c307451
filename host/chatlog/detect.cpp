#include "chatlog/detect.h"

#include "base/table_text.h"

#include <kefu/toolkit/csv.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace kefu::host::chatlog {
namespace {

constexpr std::size_t kHeadBytes = 64 * 1024;

std::string_view skip_bom_and_blank_lines(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  const std::size_t first = head.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? std::string_view() : head.substr(first);
}

}  // namespace

bool Detection::lacks(std::string_view column) const {
  return std::find(missing.begin(), missing.end(), column) != missing.end();
}

std::string Detection::missing_list() const {
  std::string out;
  for (std::string_view c : missing) (out += out.empty() ? "" : ",") += c;
  return out;
}

std::string canonical_header() {
  std::string out;
  for (std::string_view c : kColumns) (out += out.empty() ? "" : ",") += c;
  return out;
}

Detection detect(std::string_view head, const Layouts& layouts) {
  head = skip_bom_and_blank_lines(head);
  Detection d;
  if (head.starts_with("{")) {
    d.kind = Kind::jsonl;
    d.reason = "the first line is a JSON object (JSON Lines)";
    return d;
  }
  // The header alone: a field cut off at the end of `head` is still compared as far as it goes.
  csv::Reader reader(head, csv::Slice{1, true, false});
  csv::Record header;
  if (reader.next(header) != csv::Status::record) {
    d.reason = "the first line is not a CSV header";
    return d;
  }
  if (const LayoutChoice choice = choose_layout(layouts, header.fields); choice.layout) {
    d.layout = choice.layout->id;
    d.reason = "the header matches the chat-log layout " + d.layout;
  } else if (looks_like_chat_header(header.fields)) {
    d.reason = "the header reads like a chat log's (a session_id, or a time and a message column)";
  } else {
    d.reason = "the header matches no chat-log layout and has no session_id, time or message column";
    return d;
  }
  d.kind = Kind::csv;
  for (std::string_view c : kColumns)
    if (std::find(header.fields.begin(), header.fields.end(), c) == header.fields.end()) d.missing.push_back(c);
  return d;
}

Detection detect_file(const std::string& path, const Layouts& layouts, const std::string& sheet) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read");
  std::string head(kHeadBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (needs_conversion(head, path))
    return detect(read_table_text(path, TableOptions{sheet, {}}, kHeadBytes).decoded.text, layouts);
  return detect(head, layouts);
}

}  // namespace kefu::host::chatlog
