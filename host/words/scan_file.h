// Scanning one input file for banned words: a plain text file (a script library 话术库, one
// script per line) or a canonical chat log (CSV or JSONL, recognized by its header), UTF-8 or
// GB18030; an xlsx workbook or UTF-16 text is first made CSV (base/table_text.h). Positions are
// reported so a person can find the hit: line and column (characters), and bytes. For plain
// text, `offset` is the byte offset in the file as stored (converted inputs: in their UTF-8
// CSV text); for chat logs, `line` is where the record's content line is (a sheet's row) and
// `offset` counts bytes within `content`.
#pragma once

#include "base/encoding.h"
#include "base/table_text.h"
#include "chatlog/layout.h"
#include "words/lexicon.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kefu::host::words {

enum class InputKind { text, chat_csv, chat_jsonl };
const char* input_kind_name(InputKind kind);

struct ScanOptions {
  MatchOptions match;
  std::optional<Encoding> encoding;                        // forced; detected when empty
  std::string sheet;                                       // xlsx: the sheet to scan ("": the first)
  std::string sender;                                      // chat logs: only this sender's messages ("" = all)
  std::uint64_t max_bytes = (std::uint64_t{1} << 32) - 1;  // larger inputs are refused
  const chatlog::Layouts* layouts = nullptr;               // chat CSV layouts; nullptr: the canonical only
};

struct ScanHit {
  std::size_t line = 0, column = 0;  // 1-based; column in characters
  std::size_t offset = 0, length = 0;
  std::string text;      // the original span, as UTF-8
  std::string sentence;  // the sentence it sits in (words/context.h sentence_around), UTF-8
  Hit hit;
  std::size_t record = 0;                    // chat logs: 1-based record number
  std::string session_id, sender, agent_id;  // sender: canonical (a layout's values translated)
};

struct ScanReport {
  std::string file;
  InputKind kind = InputKind::text;
  Encoding encoding = Encoding::utf8;
  std::size_t bytes = 0, units = 0;  // units: lines or chat records scanned
  std::vector<ScanHit> hits;
  std::vector<std::string> problems;  // input errors, each "file:line:" or "file: byte N:"
  TableSource source;                 // a workbook or UTF-16 text converted to CSV first
  std::string layout;                 // chat CSV: the layout its header matched; "" when read by column names
};

// The hits of one text (a line, a chat message) as every scan finds them: the matcher's, less
// those inside an order or tracking number (words/context.h). Appended to `out`.
void find_hits(const Lexicon& lexicon, const MatchOptions& match, std::string_view text, std::vector<Hit>& out);

// What a hit is on the lexicon's platforms (its per-platform bits, words/matcher.h): per platform
// `block`, `warn`, or `unknown` (a common term of a category whose stance there is not known:
// the matcher sees it as warn, it is never a violation), the strictest of them (block, then warn,
// then unknown) and the entry that decides it. One home for `kefu scan` and the ingest's QC.
enum class Verdict { block, warn, unknown };
const char* verdict_name(Verdict verdict);
struct HitVerdicts {
  struct OnPlatform {
    std::size_t platform = 0;  // index into lexicon.platforms()
    Verdict verdict = Verdict::warn;
    const ListedTerm* entry = nullptr;
  };
  std::vector<OnPlatform> platforms;  // the platforms it counts on, in the lexicon's order
  Verdict strictest = Verdict::unknown;
  const ListedTerm* decisive = nullptr;  // the entry of the strictest verdict
};
HitVerdicts hit_verdicts(const Lexicon& lexicon, const Hit& hit);

// The path that names standard input ("kefu scan -").
inline constexpr const char* kStandardInput = "-";

// `progress` (may be empty) is told how many bytes of the file are done, now and then.
ScanReport scan_file(const std::string& path, const Lexicon& lexicon, const ScanOptions& options,
                     const std::function<void(std::size_t)>& progress = {});

}  // namespace kefu::host::words
