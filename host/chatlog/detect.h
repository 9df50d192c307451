// Is this file a canonical chat log (docs/chat-log.md), and of which kind? One answer per file,
// shared by `kefu scan`, `kefu ingest` and `kefu metrics compute`, so the same file is never a
// chat log to one command and a platform export or a script file to another.
#pragma once

#include "chatlog/layout.h"

#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::chatlog {

enum class Kind { csv, jsonl, not_chat_log };

struct Detection {
  Kind kind = Kind::not_chat_log;
  // Why, in a sentence a message can quote: "the header matches the chat-log layout canonical",
  // "the first line is a JSON object (JSON Lines)".
  std::string reason;
  // CSV: canonical columns the header lacks, in documented order (JSONL: none; a missing key
  // in a line is that line's problem).
  std::vector<std::string_view> missing;
  // CSV: the layout the header matches (chatlog/layout.h); empty for a header that only reads
  // like a chat log's — the reader then says which layout is closest and what it lacks.
  std::string layout;

  bool is_chat_log() const { return kind != Kind::not_chat_log; }
  bool lacks(std::string_view column) const;
  std::string missing_list() const;  // "platform,shop_id" (documented order)
};

// Decides from the file's first line (a UTF-8 BOM and leading blank lines skipped): a line that
// starts with `{` is JSON Lines; a CSV header that matches one of `layouts`, or that reads like
// a chat log's (a session_id; or a time and a message column, chatlog/layout.h), is a chat CSV;
// anything else is not a chat log.
Detection detect(std::string_view head, const Layouts& layouts = Layouts());

// The same for a file, from its first 64 KiB; a workbook (its `sheet`, "" the first) or UTF-16
// text from the first 64 KiB of its CSV (base/table_text.h). Throws std::runtime_error naming the
// file when it cannot be read.
Detection detect_file(const std::string& path, const Layouts& layouts = Layouts(), const std::string& sheet = "");

// "platform,shop_id,…,content": the canonical header line.
std::string canonical_header();

}  // namespace kefu::host::chatlog
