#include "words/scan_file.h"

#include "base/input_file.h"
#include "base/utf8.h"
#include "chatlog/detect.h"
#include "words/context.h"

#include <rapidjson/document.h>
#include <kefu/toolkit/csv.hpp>

#include <algorithm>
#include <cstring>

namespace kefu::host::words {

const char* input_kind_name(InputKind kind) {
  switch (kind) {
    case InputKind::text:
      return "text";
    case InputKind::chat_csv:
      return "chat_csv";
    case InputKind::chat_jsonl:
      return "chat_jsonl";
  }
  return "?";
}

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::block:
      return "block";
    case Verdict::warn:
      return "warn";
    case Verdict::unknown:
      return "unknown";
  }
  return "?";
}

HitVerdicts hit_verdicts(const Lexicon& lexicon, const Hit& hit) {
  HitVerdicts out;
  bool any_warn = false;
  for (std::size_t p = 0; p < lexicon.platforms().size(); ++p) {
    const PlatformMask bit = PlatformMask{1} << p;
    const bool block = hit.block & bit, warn = hit.warn & bit;
    if (!block && !warn) continue;
    const ListedTerm* e = lexicon.entry(hit.pattern, p);
    const bool unknown = !block && e && e->unknown;
    any_warn = any_warn || (warn && !unknown);
    out.platforms.push_back({p, block ? Verdict::block : unknown ? Verdict::unknown : Verdict::warn, e});
    const ListedTerm* d = out.decisive;
    if (e && (!d || (block && d->term.severity != Severity::block) || (d->unknown && !e->unknown))) out.decisive = e;
  }
  out.strictest = hit.block ? Verdict::block : any_warn ? Verdict::warn : Verdict::unknown;
  return out;
}

namespace {

// Hits that are letters inside an order or tracking number are dropped (words/context.h).
void drop_codes(std::string_view text, std::vector<Hit>& hits, std::size_t from) {
  hits.erase(std::remove_if(hits.begin() + static_cast<std::ptrdiff_t>(from), hits.end(),
                            [&](const Hit& h) { return inside_code(text, h.begin, h.end); }),
             hits.end());
}

constexpr std::size_t kChunk = 1 << 20;  // progress is reported about once per MiB

// The kind of input, from the one chat-log detection every command shares.
InputKind detect_kind(std::string_view text, const chatlog::Layouts& layouts) {
  switch (chatlog::detect(text.substr(0, 64 * 1024), layouts).kind) {
    case chatlog::Kind::csv:
      return InputKind::chat_csv;
    case chatlog::Kind::jsonl:
      return InputKind::chat_jsonl;
    case chatlog::Kind::not_chat_log:
      break;
  }
  return InputKind::text;
}

// Line, column and byte offset of every hit of a plain text, in one pass over the text.
void place_text_hits(const DecodedText& decoded, std::vector<Hit>& hits, ScanReport& report) {
  const std::string_view text = decoded.text;
  const std::string_view original = decoded.source;  // GB18030 only
  std::size_t line = 1, line_start = 0, scanned = 0;
  std::size_t original_line_start = 0;  // GB18030: where this line starts in the file
  for (const Hit& h : hits) {
    for (const char* nl;
         (nl = static_cast<const char*>(std::memchr(text.data() + scanned, '\n', h.begin - scanned)));) {
      scanned = static_cast<std::size_t>(nl - text.data()) + 1;
      ++line;
      line_start = scanned;
      if (decoded.encoding == Encoding::gb18030) {
        const std::size_t onl = original.find('\n', original_line_start);
        original_line_start = onl == std::string_view::npos ? original.size() : onl + 1;
      }
    }
    scanned = h.begin;
    ScanHit s;
    s.hit = h;
    s.line = line;
    s.column = utf8::count_chars(text.substr(line_start, h.begin - line_start)) + 1;
    s.text = std::string(text.substr(h.begin, h.end - h.begin));
    s.sentence = sentence_around(text, h.begin, h.end);
    if (decoded.encoding != Encoding::gb18030) {  // UTF-16: offsets in the UTF-8 text
      const std::size_t bom = decoded.encoding == Encoding::utf8 && decoded.had_bom ? 3 : 0;
      s.offset = h.begin + bom;
      s.length = h.end - h.begin;
    } else {  // walk the original GB18030 line to the same characters
      std::size_t at = original_line_start;
      for (std::size_t c = 1; c < s.column && at < original.size(); ++c) at += gb18030_char_length(original, at);
      std::size_t stop = at;
      for (std::size_t c = utf8::count_chars(s.text); c > 0 && stop < original.size(); --c)
        stop += gb18030_char_length(original, stop);
      s.offset = at;
      s.length = stop - at;
    }
    report.hits.push_back(std::move(s));
  }
}

}  // namespace

void find_hits(const Lexicon& lexicon, const MatchOptions& match, std::string_view text, std::vector<Hit>& out) {
  const std::size_t before = out.size();
  lexicon.matcher().find(text, match, out);
  drop_codes(text, out, before);
}

namespace {

void scan_text(const DecodedText& decoded, const Lexicon& lexicon, const ScanOptions& options,
               const std::function<void(std::size_t)>& progress, ScanReport& report) {
  const std::string_view text = decoded.text;
  std::vector<Hit> hits;
  // In chunks that end at a line break (no term spans one), so progress can be shown.
  for (std::size_t from = 0; from < text.size();) {
    std::size_t to = std::min(text.size(), from + kChunk);
    if (to < text.size()) {
      const std::size_t nl = text.find('\n', to);
      to = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    const std::size_t before = hits.size();
    lexicon.matcher().find(text.substr(from, to - from), options.match, hits);
    for (std::size_t i = before; i < hits.size(); ++i) {
      hits[i].begin += static_cast<std::uint32_t>(from);
      hits[i].end += static_cast<std::uint32_t>(from);
    }
    drop_codes(text, hits, before);
    from = to;
    if (progress) progress(from);
  }
  report.units =
      static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + (!text.empty() && text.back() != '\n');
  place_text_hits(decoded, hits, report);
}

// Hits inside one chat message; `line` is where the content starts.
void scan_message(const Lexicon& lexicon, const ScanOptions& options, std::string_view content, std::size_t line,
                  std::size_t record, const std::string& session, const std::string& sender, const std::string& agent,
                  ScanReport& report) {
  thread_local std::vector<Hit> hits;
  hits.clear();
  find_hits(lexicon, options.match, content, hits);
  for (const Hit& h : hits) {
    ScanHit s;
    s.hit = h;
    const std::string_view before = content.substr(0, h.begin);
    const std::size_t newlines = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t last_nl = before.rfind('\n');
    s.line = line + newlines;
    s.column = utf8::count_chars(last_nl == std::string_view::npos ? before : before.substr(last_nl + 1)) + 1;
    s.offset = h.begin;
    s.length = h.end - h.begin;
    s.text = std::string(content.substr(h.begin, h.end - h.begin));
    s.sentence = sentence_around(content, h.begin, h.end);
    s.record = record;
    s.session_id = session;
    s.sender = sender;
    s.agent_id = agent;
    report.hits.push_back(std::move(s));
  }
}

void scan_chat_csv(const std::string& path, const DecodedText& decoded, const Lexicon& lexicon,
                   const ScanOptions& options, const chatlog::Layouts& layouts, ScanReport& report) {
  csv::Reader reader(decoded.text);
  csv::Record record;
  std::string error;
  csv::Status status = reader.next(record, &error);
  if (status != csv::Status::record) {
    report.problems.push_back(path + ": " + (status == csv::Status::end ? "empty file" : "header: " + error));
    return;
  }
  auto column = [&](const char* name) -> int {
    auto it = std::find(record.fields.begin(), record.fields.end(), name);
    return it == record.fields.end() ? -1 : static_cast<int>(it - record.fields.begin());
  };
  int content = column("content"), session = column("session_id"), sender = column("sender"),
      agent = column("agent_id");
  // A header of a known layout is read by it (its columns, its sender values); any other by the
  // canonical names, of which the scanner needs only content.
  std::optional<chatlog::Mapping> layout;
  if (const auto choice = chatlog::choose_layout(layouts, record.fields); choice.layout) {
    layout = chatlog::map_columns(*choice.layout, record.fields);
    report.layout = layout->layout_id;
    auto at = [&](std::size_t f) {
      return layout->index[f] == chatlog::Mapping::kAbsent ? -1 : static_cast<int>(layout->index[f]);
    };
    content = at(chatlog::kContent), session = at(chatlog::kSession), sender = at(chatlog::kSender),
    agent = at(chatlog::kAgent);
  }
  if (content < 0) {  // the header only looked like a chat log's ("content_type", say)
    std::string names;
    for (auto f : record.fields) names += (names.empty() ? "" : ",") + std::string(f);
    report.problems.push_back(path + ": line " + std::to_string(record.line) + ": the CSV header (" + names +
                              ") reads like a chat log's but matches no known layout and has no content column, so no "
                              "message can be found; give --layout FILE saying which column holds the message "
                              "(docs/data-in.md), name the message column content, or save the file as plain text "
                              "to scan every line");
    return;
  }
  const std::size_t width = record.fields.size();
  std::size_t n = 0;
  while ((status = reader.next(record, &error)) != csv::Status::end) {
    ++n;
    const std::string where = path + ":" + std::to_string(record.line) + ": ";
    if (status == csv::Status::malformed) {
      report.problems.push_back(where + error + " (line skipped)");
      continue;
    }
    if (record.fields.size() != width) {
      report.problems.push_back(where + std::to_string(record.fields.size()) + " fields, the header has " +
                                std::to_string(width) + " (record skipped)");
      continue;
    }
    auto field = [&](int i) { return i < 0 ? std::string_view() : record.fields[static_cast<std::size_t>(i)]; };
    std::string_view who = field(sender), event;
    const std::string_view text = record.fields[static_cast<std::size_t>(content)];
    if (layout && layout->translate) layout->canonical_values(who, event, text);
    if (!options.sender.empty() && who != options.sender) continue;
    ++report.units;
    scan_message(lexicon, options, text, static_cast<std::size_t>(record.line), n, std::string(field(session)),
                 std::string(who), std::string(field(agent)), report);
  }
}

void scan_chat_jsonl(const std::string& path, const DecodedText& decoded, const Lexicon& lexicon,
                     const ScanOptions& options, ScanReport& report) {
  std::string_view text = decoded.text;
  std::size_t line = 0, record = 0;
  while (!text.empty()) {
    ++line;
    const std::size_t nl = text.find('\n');
    std::string_view row = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    if (row.find_first_not_of(" \t") == std::string_view::npos) continue;
    ++record;
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(row.data(), row.size());  // no recursion on [[[[
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("content") || !doc["content"].IsString()) {
      report.problems.push_back(path + ":" + std::to_string(line) +
                                ": not a JSON object with a string \"content\" (record skipped)");
      continue;
    }
    auto field = [&](const char* name) {
      return doc.HasMember(name) && doc[name].IsString()
                 ? std::string(doc[name].GetString(), doc[name].GetStringLength())
                 : std::string();
    };
    if (!options.sender.empty() && field("sender") != options.sender) continue;
    ++report.units;
    const auto& c = doc["content"];
    scan_message(lexicon, options, std::string_view(c.GetString(), c.GetStringLength()), line, record,
                 field("session_id"), field("sender"), field("agent_id"), report);
  }
}

}  // namespace

ScanReport scan_file(const std::string& path, const Lexicon& lexicon, const ScanOptions& options,
                     const std::function<void(std::size_t)>& progress) {
  ScanReport report;
  report.file = path;
  InputBytes input = read_input_file(path, std::min(options.max_bytes, kMaxInputBytes), kStandardInput);
  if (!input.bytes) {
    report.problems.push_back(input.error);
    return report;
  }
  std::optional<std::string>& bytes = input.bytes;
  report.bytes = bytes->size();
  TableText table;
  try {
    table = table_text(std::move(*bytes), path, TableOptions{options.sheet, options.encoding});
  } catch (const std::runtime_error& e) {  // a workbook that cannot be read: this file's problem
    report.problems.push_back(e.what());
    return report;
  }
  report.source = std::move(table.source);
  const DecodedText& decoded = table.decoded;
  report.encoding = decoded.encoding;
  constexpr std::size_t kMaxListed = 20;
  for (std::size_t i = 0; i < decoded.invalid.size() && i < kMaxListed; ++i)
    report.problems.push_back(path + ": byte " + std::to_string(decoded.invalid[i]) + ": invalid " +
                              encoding_name(decoded.encoding) + " sequence (no hit can span it)");
  if (decoded.invalid.size() > kMaxListed)
    report.problems.push_back(path + ": " + std::to_string(decoded.invalid.size() - kMaxListed) +
                              " more invalid sequences (use --encoding if the guess is wrong)");
  static const chatlog::Layouts canonical_only;
  const chatlog::Layouts& layouts = options.layouts ? *options.layouts : canonical_only;
  report.kind = detect_kind(decoded.text, layouts);
  switch (report.kind) {
    case InputKind::text:
      scan_text(decoded, lexicon, options, progress, report);
      break;
    case InputKind::chat_csv:
      scan_chat_csv(path, decoded, lexicon, options, layouts, report);
      break;
    case InputKind::chat_jsonl:
      scan_chat_jsonl(path, decoded, lexicon, options, report);
      break;
  }
  if (progress) progress(report.bytes);
  return report;
}

}  // namespace kefu::host::words
