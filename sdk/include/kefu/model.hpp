// The one model: every fact a plugin hands the host is expressed in these types.
//
// Each struct lists its fields once, in `fields(self, visit)`; kefu/json.hpp turns that list
// into the JSON wire format (keys are the field names, stable and English) in both directions.
// Enums travel as their names (see enum_names overloads). New fields may be appended in a
// minor SDK version; readers ignore keys they do not know and default keys that are missing.
#pragma once

#include <kefu/catalog.hpp>  // capability names, canonical keys

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kefu {

// The name an enum value travels under in JSON: enum_name(Severity::warn) == "warn".
template <class E>
requires requires(E e) { enum_names(e); }
constexpr std::string_view enum_name(E e) { return enum_names(e)[static_cast<std::size_t>(e)]; }

// ---- Provenance -----------------------------------------------------------------------

// How much a fact can be trusted: the platform's or state's own text (`official`, including a
// faithful mirror of it), a statute (`law`), a compilation or SEO page (`third_party`), a list
// the merchant keeps (`merchant`), or nothing at all (`none`, since SDK 1.7): no source was
// found, the title says what was searched, and the value is unknown (never shown as a source).
enum class Confidence { official, law, third_party, merchant, none };
constexpr std::array<std::string_view, 5> enum_names(Confidence) {
  return {"official", "law", "third_party", "merchant", "none"};
}

// Where a fact comes from. Every rule, term and metric definition carries one.
struct Source {
  std::string title;  // document title, e.g. 《中华人民共和国广告法》第九条
  std::string url;    // where it can be read; empty for a statute cited by name
  std::string seen;   // date the fact was read there, YYYY-MM-DD (with quoted_in: that document's date)
  Confidence confidence = Confidence::third_party;
  std::string note;  // caveats: conflicting versions, mirror used, ...
  // Since SDK 1.7: the fact was not re-read at `url` but taken from this document, which quotes it
  // ("docs/research/platforms.md §1.2"); `seen` is then the date of that document. Empty: `url`
  // was read on `seen`.
  std::string quoted_in;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("title", s.title);
    v("url", s.url);
    v("seen", s.seen);
    v("confidence", s.confidence);
    v("note", s.note);
    v("quoted_in", s.quoted_in);
  }
};

// ---- Platform identity ----------------------------------------------------------------

struct PlatformInfo {
  std::string id;                         // lower-case ascii, e.g. "tmall"; unique among loaded plugins
  std::string name_zh;                    // 天猫
  std::string name_en;                    // Tmall
  std::string version;                    // the plugin's own version, MAJOR.MINOR.PATCH
  std::vector<std::string> capabilities;  // subset of kAllCapabilities (kefu/catalog.hpp)
  std::vector<std::string> limitations;   // what it cannot do, said plainly (e.g. "no chat-log API")

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("id", s.id);
    v("name_zh", s.name_zh);
    v("name_en", s.name_en);
    v("version", s.version);
    v("capabilities", s.capabilities);
    v("limitations", s.limitations);
  }
};

// ---- Rules ----------------------------------------------------------------------------

enum class ValueType { duration, percentage, count, boolean, enumeration, time_window, text };
constexpr std::array<std::string_view, 7> enum_names(ValueType) {
  return {"duration", "percentage", "count", "bool", "enum", "time_window", "text"};
}

// Which side of a comparison is stricter for the agent.
enum class Strictness { lower_is_stricter, higher_is_stricter, true_is_stricter, none };
constexpr std::array<std::string_view, 4> enum_names(Strictness) {
  return {"lower_is_stricter", "higher_is_stricter", "true_is_stricter", "none"};
}

struct RuleValue {
  ValueType type = ValueType::text;
  bool known = false;       // false: the value is unknown and must be shown as unknown
  double number = 0;        // duration in seconds, percentage 0-100, count
  bool flag = false;        // bool
  std::string text;         // enum / text value, or the native wording of any value
  int window_from_min = 0;  // time_window: minutes after 00:00 (+08:00) ...
  int window_to_min = 0;    // ... up to, exclusive

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("type", s.type);
    v("known", s.known);
    v("number", s.number);
    v("flag", s.flag);
    v("text", s.text);
    v("window_from_min", s.window_from_min);
    v("window_to_min", s.window_to_min);
  }
};

struct Penalty {
  std::string system;  // the platform's own penalty system: 扣分, 违规积分, 降权, 保证金, 罚款 ...
  std::string amount;  // as the platform states it, e.g. "2分", "20万-100万元"
  std::string text;    // what happens, in the platform's words

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("system", s.system);
    v("amount", s.amount);
    v("text", s.text);
  }
};

// Rule::effective_from of a current rule whose start is not known (since SDK 1.7).
inline constexpr std::string_view kEffectiveUnknown = "unknown";

struct Rule {
  std::string key;       // canonical key, e.g. "service.first_response"
  std::string category;  // 服务/响应, 服务时间, 满意度, 售后, 物流, 营销/评价, 沟通/引流, 处罚
  std::string native_name;  // the platform's own name for it
  RuleValue value;
  Strictness strictness = Strictness::none;
  Penalty penalty;
  // YYYY-MM-DD; empty: in force from the beginning of the data (no earlier version is known);
  // "unknown" (since SDK 1.7): in force now, since a date not known, after every dated version
  // of the key (a current rule whose start no source gives, following a dated older one).
  std::string effective_from;
  std::string detail;          // the rule in a sentence
  Source source;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("key", s.key);
    v("category", s.category);
    v("native_name", s.native_name);
    v("value", s.value);
    v("strictness", s.strictness);
    v("penalty", s.penalty);
    v("effective_from", s.effective_from);
    v("detail", s.detail);
    v("source", s.source);
  }
};

struct RuleSet {
  std::string version;  // the rule data's own version, e.g. its date "2026-11-23"
  std::vector<Rule> rules;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("version", s.version);
    v("rules", s.rules);
  }
};

// ---- Words ----------------------------------------------------------------------------

enum class Severity { block, warn };
constexpr std::array<std::string_view, 2> enum_names(Severity) { return {"block", "warn"}; }

struct Term {
  std::string text;
  std::string category;  // 广告法极限词, 引流/站外联系, 好评返现/虚假交易, 医疗功效, 辱骂/不文明, 其他
  Severity severity = Severity::block;
  std::string suggestion;  // suggested replacement, may be empty
  Source source;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("text", s.text);
    v("category", s.category);
    v("severity", s.severity);
    v("suggestion", s.suggestion);
    v("source", s.source);
  }
};

struct WordList {
  std::vector<Term> terms;         // banned or warned terms
  std::vector<Term> allow;         // phrases that contain a banned term but are fine (最近, 第一时间)
  std::vector<std::string> unban;  // common-list terms this platform allows

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("terms", s.terms);
    v("allow", s.allow);
    v("unban", s.unban);
  }
};

// ---- Metrics --------------------------------------------------------------------------

enum class Comparability { same, convertible, not_comparable };
constexpr std::array<std::string_view, 3> enum_names(Comparability) {
  return {"same", "convertible", "not_comparable"};
}

// ---- Metric computation (SDK 1.5) ---------------------------------------------------
//
// A native metric's definition as typed parameters the host can execute (docs/metrics.md,
// "Definition parameters"). Each parameter is known (a value and the name of its source) or
// unknown (the reason); never guessed.

// What one counted item is.
enum class CountingUnit { turn, session, segment, message, customer_day };
constexpr std::array<std::string_view, 5> enum_names(CountingUnit) {
  return {"turn", "session", "segment", "message", "customer_day"};
}

// Which instant the assessed-hours window is applied to.
enum class HoursAppliesTo { turn_start, session_start, message };
constexpr std::array<std::string_view, 3> enum_names(HoursAppliesTo) {
  return {"turn_start", "session_start", "message"};
}

// Whether bot messages answer: none, all, or only bot messages an agent used in the human stage.
enum class BotReplyRule { none, all, assist_only };
constexpr std::array<std::string_view, 3> enum_names(BotReplyRule) { return {"none", "all", "assist_only"}; }

// A question open at a transfer: answered by the receiving agent (carry) or unanswered (split).
enum class TransferRule { carry, split };
constexpr std::array<std::string_view, 2> enum_names(TransferRule) { return {"carry", "split"}; }

// Closing-only customer messages (谢谢, 好的): open no turn (ignore) or open one (count).
enum class ClosingRule { ignore, count };
constexpr std::array<std::string_view, 2> enum_names(ClosingRule) { return {"ignore", "count"}; }

enum class LineOp { ge, gt, le, lt };
constexpr std::array<std::string_view, 4> enum_names(LineOp) { return {">=", ">", "<=", "<"}; }

// The daily window assessed, in +08:00 time: all day, or [from, to) applied to `applies_to`.
struct HoursWindow {
  bool all_day = false;
  std::string from;  // HH:MM
  std::string to;    // HH:MM, after from; 24:00 is midnight at the end of the day
  std::optional<HoursAppliesTo> applies_to;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("all_day", s.all_day);
    v("from", s.from);
    v("to", s.to);
    v("applies_to", s.applies_to);
  }
};

// The platform's target or penalty line: the figure must stay `op value` in the metric's unit
// (a ratio 0..1, seconds or a count). `none`: the platform states no line.
struct MetricLine {
  bool none = false;
  std::optional<LineOp> op;
  double value = 0;
  std::string penalty;  // what happens on the wrong side, as the source states it

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("none", s.none);
    v("op", s.op);
    v("value", s.value);
    v("penalty", s.penalty);
  }
};

// One parameter: known (`value` and `source`) or unknown (`unknown` says why; `source` may name
// where it was looked for). `source` is "metric" (the metric's own source) or the `name` of one
// of the computation's `sources`. `note`: what a reader of a known value should know (another
// source that words it differently, a caveat).
template <class T>
struct MetricParam {
  std::optional<T> value;
  std::string source;
  std::string unknown;
  std::string note;

  bool known() const { return value.has_value(); }
  static MetricParam of(T v, std::string from) { return {std::move(v), std::move(from), {}, {}}; }
  static MetricParam unknown_because(std::string why) { return {std::nullopt, {}, std::move(why), {}}; }

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("value", s.value);
    v("source", s.source);
    v("unknown", s.unknown);
    v("note", s.note);
  }
};

// A source a parameter names, when it is not the metric's own.
struct NamedSource {
  std::string name;  // what parameters write in `source`; not "metric"
  Source source;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("name", s.name);
    Source::fields(s.source, v);  // flat: {"name", "title", "url", "seen", "confidence", "note", "quoted_in"}
  }
};

struct MetricComputation {
  MetricParam<CountingUnit> unit;
  MetricParam<HoursWindow> assessed_hours;
  MetricParam<BotReplyRule> bot_replies;
  MetricParam<TransferRule> transfers;
  MetricParam<ClosingRule> closings;
  MetricParam<double> threshold_s;       // 0: no threshold
  MetricParam<int> period_days;          // 1: each day alone; N: rolling N days ending on the day
  MetricParam<std::int64_t> min_sample;  // below it the platform does not assess; 0: none
  MetricParam<MetricLine> line;
  std::vector<NamedSource> sources;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("unit", s.unit);
    v("assessed_hours", s.assessed_hours);
    v("bot_replies", s.bot_replies);
    v("transfers", s.transfers);
    v("closings", s.closings);
    v("threshold_s", s.threshold_s);
    v("period_days", s.period_days);
    v("min_sample", s.min_sample);
    v("line", s.line);
    v("sources", s.sources);
  }
};

// One metric as a platform defines it.
struct NativeMetric {
  std::string native_name;    // 咚咚首次30秒应答率
  std::string canonical_key;  // the catalog metric it maps to, e.g. "within_30s_rate"
  Comparability comparability = Comparability::not_comparable;
  std::string comparability_note;     // how to convert, or why it cannot be compared
  std::string comparability_note_zh;  // since SDK 1.3: the same in Chinese (shown by default)
  std::string definition;             // the native definition in a sentence
  std::string unit;                   // counting unit: message | round | session | person | agent_day
  std::string window;                 // assessed daily window, e.g. "08:00-23:00 by message time"
  std::string bot_replies;            // none | assist_only | all | unknown
  double threshold_s = 0;             // 0 when the metric has no threshold
  std::string target;                 // the platform's target or penalty line, as stated; empty if none
  Source source;
  // Since SDK 1.1: how the figure appears in the platform's CS export (kefu/toolkit/native_export.hpp).
  std::vector<std::string> export_columns;  // header names, variants included; empty: not exported
  std::string value_format;                 // percent | ratio | seconds | count | amount
  // Since SDK 1.5: the definition as typed parameters. nullopt (no key, or null): the plugin
  // predates SDK 1.5, and every parameter reads as unknown.
  std::optional<MetricComputation> computation;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("native_name", s.native_name);
    v("canonical_key", s.canonical_key);
    v("comparability", s.comparability);
    v("comparability_note", s.comparability_note);
    v("comparability_note_zh", s.comparability_note_zh);
    v("definition", s.definition);
    v("unit", s.unit);
    v("window", s.window);
    v("bot_replies", s.bot_replies);
    v("threshold_s", s.threshold_s);
    v("target", s.target);
    v("source", s.source);
    v("export_columns", s.export_columns);
    v("value_format", s.value_format);
    v("computation", s.computation);
  }
};

// ---- Chat-log layouts (SDK 1.6) ------------------------------------------------------
//
// How a chat export that is not written in the canonical chat log (docs/chat-log.md) maps onto
// it: which column holds each canonical field, constants for fields the file lacks, the
// sender and event values, how a transfer is marked and how times are written. Read by the
// host's one chat-log reader; the format is documented in docs/data-in.md, "Chat-log layouts".

// Per canonical field, the header names that may hold it (alternatives; the first the header
// has is used). A field with no names is not read from the file.
struct ChatColumns {
  std::vector<std::string> platform, shop_id, session_id, customer_id, ts, sender, agent_id, event, content;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("shop_id", s.shop_id);
    v("session_id", s.session_id);
    v("customer_id", s.customer_id);
    v("ts", s.ts);
    v("sender", s.sender);
    v("agent_id", s.agent_id);
    v("event", s.event);
    v("content", s.content);
  }
};

// Constants for fields the file does not have (a file of one platform, one shop).
struct ChatValues {
  std::string platform, shop_id;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("shop_id", s.shop_id);
  }
};

// The file's sender values for each canonical sender (买家 → customer ...). `transfer`: a sender
// value that marks the row as a transfer (the agent column names who takes over). The
// canonical values themselves are always understood.
struct ChatSenders {
  std::vector<std::string> customer, agent, bot, system, transfer;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("customer", s.customer);
    v("agent", s.agent);
    v("bot", s.bot);
    v("system", s.system);
    v("transfer", s.transfer);
  }
};

// The file's event values (msg and transfer are always understood; an empty event is a message).
struct ChatEventValues {
  std::vector<std::string> msg, transfer;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("msg", s.msg);
    v("transfer", s.transfer);
  }
};

struct ChatLayout {
  std::string id;    // a-z 0-9 - _, e.g. "qianniu-team"; named in summaries ("按布局 qianniu-team 读取")
  std::string name;  // what a person calls the file, e.g. 千牛聊天记录导出
  ChatColumns columns;
  ChatValues values;
  ChatSenders senders;
  ChatEventValues events;
  // A message whose content starts with one of these is a transfer (a system line such as
  // "会话已转接给"); the agent column names who takes over.
  std::vector<std::string> transfer_content_prefixes;
  // "iso" (default): ISO-8601 date-time, `-` or `/` between date parts, with or without an
  // offset (without: the configured offset, +08:00 by default), or epoch milliseconds;
  // "epoch_s": epoch seconds; "epoch_ms": epoch milliseconds.
  std::string time_format;
  Source source;  // where the column names come from; confidence says how sure

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("id", s.id);
    v("name", s.name);
    v("columns", s.columns);
    v("values", s.values);
    v("senders", s.senders);
    v("events", s.events);
    v("transfer_content_prefixes", s.transfer_content_prefixes);
    v("time_format", s.time_format);
    v("source", s.source);
  }
};

struct MetricProfile {
  std::vector<NativeMetric> metrics;
  // Since SDK 1.6: the layouts of the platform's chat-record exports. Empty (or no key): none.
  std::vector<ChatLayout> chat_layouts;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("metrics", s.metrics);
    v("chat_layouts", s.chat_layouts);
  }
};

// `pending`: the platform fills the figure in later (e.g. Taobao's 延迟统计) — not zero.
enum class Availability { available, pending };
constexpr std::array<std::string_view, 2> enum_names(Availability) { return {"available", "pending"}; }

struct MetricValue {
  std::string platform;
  std::string shop_id;
  std::string agent_id;  // empty: the whole shop
  std::string day;       // YYYY-MM-DD (+08:00)
  std::string metric;    // canonical key, or the native name when it maps to none
  std::string native_name;
  double value = 0;
  Availability availability = Availability::available;
  std::string origin;  // native_export | api | recomputed

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("shop_id", s.shop_id);
    v("agent_id", s.agent_id);
    v("day", s.day);
    v("metric", s.metric);
    v("native_name", s.native_name);
    v("value", s.value);
    v("availability", s.availability);
    v("origin", s.origin);
  }
};

// ---- Chat log -------------------------------------------------------------------------

// One row of the canonical chat log (see docs/chat-log.md).
struct ChatMessage {
  std::string platform, shop_id, session_id, customer_id;
  std::int64_t ts_ms = 0;  // absolute instant, epoch milliseconds
  std::string sender;      // customer | agent | bot | system
  std::string agent_id;
  std::string event;  // msg | transfer
  std::string content;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("shop_id", s.shop_id);
    v("session_id", s.session_id);
    v("customer_id", s.customer_id);
    v("ts_ms", s.ts_ms);
    v("sender", s.sender);
    v("agent_id", s.agent_id);
    v("event", s.event);
    v("content", s.content);
  }
};

// ---- Native import and fetch ----------------------------------------------------------

// The payload of an import is the export's text as UTF-8: the host detects (or is told) the
// file's encoding and converts GBK/GB18030 before the plugin sees it.
struct ImportRequest {
  std::string file_name;  // for messages only; the bytes come as the payload
  std::string shop_id;    // shop the export belongs to, when the export does not say
  std::string encoding;   // the file's encoding as read by the host: "utf-8" | "gb18030"
  std::string day;        // since SDK 1.1: YYYY-MM-DD of an export without a day column

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("file_name", s.file_name);
    v("shop_id", s.shop_id);
    v("encoding", s.encoding);
    v("day", s.day);
  }
};

// A row that could not be read: kept, never dropped silently.
struct Reject {
  std::int64_t line = 0;
  std::string reason;
  std::string original;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("line", s.line);
    v("reason", s.reason);
    v("original", s.original);
  }
};

struct ImportResult {
  std::vector<MetricValue> values;
  std::vector<Reject> rejects;
  std::int64_t rows_read = 0;
  std::vector<std::string> notes;  // since SDK 1.1: what the user should know (ignored columns ...)

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("values", s.values);
    v("rejects", s.rejects);
    v("rows_read", s.rows_read);
    v("notes", s.notes);
  }
};

// A named setting handed to a plugin for one shop.
struct Setting {
  std::string name, value;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("name", s.name);
    v("value", s.value);
  }
};

struct FetchRequest {
  std::string shop_id;
  std::string from;  // YYYY-MM-DD, inclusive
  std::string to;    // YYYY-MM-DD, inclusive
  // Since SDK 1.2:
  std::string endpoint;              // the platform's gateway URL; empty: the plugin's production default
  std::vector<Setting> credentials;  // app_key, app_secret, session ... (env or a 0600 file); never log them
  std::vector<Setting> options;      // the shop's non-secret settings from config (seller_nick ...)
  std::string today;                 // YYYY-MM-DD, China time: what "not today" means for the platform

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("shop_id", s.shop_id);
    v("from", s.from);
    v("to", s.to);
    v("endpoint", s.endpoint);
    v("credentials", s.credentials);
    v("options", s.options);
    v("today", s.today);
  }
};

struct FetchResult {
  std::vector<MetricValue> values;
  std::vector<ChatMessage> messages;
  std::vector<std::string> notes;  // since SDK 1.2: what the user should know (calls made, limits met)

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("values", s.values);
    v("messages", s.messages);
    v("notes", s.notes);
  }
};

// ---- Host services --------------------------------------------------------------------

struct Header {
  std::string name, value;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("name", s.name);
    v("value", s.value);
  }
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<Header> headers;
  std::string body;
  // Values that must never reach a log (secrets, tokens, signatures): redacted wherever the
  // host prints the request.
  std::vector<std::string> secrets;
  // Since SDK 1.2. False for a call that changes something: then the host tries it again only
  // when the server cannot have acted on it (no connection, 429, 503).
  bool idempotent = true;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("method", s.method);
    v("url", s.url);
    v("headers", s.headers);
    v("body", s.body);
    v("secrets", s.secrets);
    v("idempotent", s.idempotent);
  }
};

struct HttpResponse {
  int status = 0;
  std::vector<Header> headers;
  std::string body;
  int attempts = 1;  // since SDK 1.2: how many tries the host made

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("status", s.status);
    v("headers", s.headers);
    v("body", s.body);
    v("attempts", s.attempts);
  }
};

}  // namespace kefu
