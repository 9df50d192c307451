// The supervisor report: every shop (or agent, or platform) on one schema over a period, each
// metric with its change against the previous period and its KPI status, plus the platforms'
// own figures in a section of their own, unusual days, and the biggest movers.
//
// Only recomputed canonical metrics (one definition for every platform, docs/metrics.md) stand
// side by side across platforms. Native figures follow each platform's own definition, so they
// are compared only with themselves over time, never across platforms.
#pragma once

#include "config/config.h"
#include "report/compliance_model.h"
#include "report/period.h"
#include "report/period_views.h"
#include "store/store.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kefu::host::report {

// person: a roster person's accounts joined (config/roster.h); group: a roster team, else the
// shop's group in kefu.json. Both add up agent-level figures.
enum class By { shop, agent, platform, person, group };
constexpr std::array<std::string_view, 5> enum_names(By) { return {"shop", "agent", "platform", "person", "group"}; }
enum class KpiStatus { none, met, missed };
constexpr std::array<std::string_view, 3> enum_names(KpiStatus) { return {"none", "met", "missed"}; }

struct Cell {
  std::optional<double> value, previous;
  std::optional<double> change;      // value - previous
  std::optional<double> change_pct;  // change / |previous|: 0.05 is +5%
  std::optional<config::Target> target;
  KpiStatus status = KpiStatus::none;
  std::optional<double> gap;  // value - target, in the metric's unit
  // What a ratio or mean divides by (segments, turns...) in each period; 0 for counts.
  double denominator = 0, previous_denominator = 0;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("value", s.value);
    v("previous", s.previous);
    v("change", s.change);
    v("change_pct", s.change_pct);
    v("target", s.target);
    v("status", s.status);
    v("gap", s.gap);
    v("denominator", s.denominator);
    v("previous_denominator", s.previous_denominator);
  }
};

struct Row {
  // platform/shop, platform/shop/agent, platform, person/<id>, group/<name>, or "*" for the total.
  // By person, an account no roster person holds keeps its agent key (platform/shop/agent).
  std::string key;
  std::string label;     // display name (config name for shops, roster name for people)
  // empty on the total row; a person's platforms, ","-joined, when they worked on more than one
  std::string platform;
  std::string shop_id;   // shop rows and agent rows
  std::string group;
  bool total = false;
  std::vector<Cell> cells;  // one per Report::metrics

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("key", s.key);
    v("label", s.label);
    v("platform", s.platform);
    v("shop_id", s.shop_id);
    v("group", s.group);
    v("total", s.total);
    v("cells", s.cells);
  }
};

// A platform's own figure over the period, under that platform's definition.
struct NativeFigure {
  std::string platform, shop_id, agent_id;  // empty agent: the whole shop
  // The roster person holding the agent account (config/roster.h), so an export's 旗舰店:小美 and
  // the chat log's 小美 meet; empty when there is no roster or nobody holds it.
  std::string person, person_name;
  std::string metric, native_name;          // canonical key it maps to (or the native name)
  std::string how;                          // sum (counts) | mean (of the daily values)
  std::optional<double> value, previous, change;
  int days = 0, pending_days = 0;  // days with a figure; days still 待统计 on the platform
  std::string format;              // percent | ratio | seconds | count | amount (the platform's)
  std::string definition, source;
  // A KPI target on `metric` when Kefu does not recompute it (report/targets.h): then the
  // platform's own figure is what the team is held to. Judged in the catalog's direction.
  std::optional<config::Target> target;
  KpiStatus status = KpiStatus::none;
  std::optional<double> gap;  // value - target

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("shop_id", s.shop_id);
    v("agent_id", s.agent_id);
    v("person", s.person);
    v("person_name", s.person_name);
    v("metric", s.metric);
    v("native_name", s.native_name);
    v("how", s.how);
    v("value", s.value);
    v("previous", s.previous);
    v("change", s.change);
    v("days", s.days);
    v("pending_days", s.pending_days);
    v("format", s.format);
    v("definition", s.definition);
    v("source", s.source);
    v("target", s.target);
    v("status", s.status);
    v("gap", s.gap);
  }
};

// One shop's value of a metric on one day (the trend charts, the anomaly rule).
struct DailyPoint {
  std::string row_key, day, metric;
  double value = 0, denominator = 0;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("row_key", s.row_key);
    v("day", s.day);
    v("metric", s.metric);
    v("value", s.value);
    v("denominator", s.denominator);
  }
};

// The anomaly rules: a day of a shop is judged against the same shop's previous kAnomalyWindow
// days (at least kAnomalyMinDays of them with data; days over fewer than kAnomalyMinBase
// segments or turns are neither judged nor used).
// - A rate (numerator/denominator): its z-score against the recent pooled rate p0 =
//   (Σnum+1)/(Σden+2), z = (p − p0)/sqrt(p0(1−p0)/n), reaches kAnomalyZ. Using the day's own
//   count n keeps a quiet shop's one unanswered session from looking like an outage.
// - A time (a mean of seconds): its modified z-score 0.6745·(x − median)/MAD over the recent
//   daily values reaches kAnomalyZ.
// Either way it must also be at least the floor away (5 percentage points, 10 seconds).
inline constexpr int kAnomalyWindow = 14;
inline constexpr int kAnomalyMinDays = 7;
inline constexpr double kAnomalyZ = 3.5;
inline constexpr double kAnomalyMinBase = 5;
inline constexpr double kAnomalyFloorRatio = 0.05;
inline constexpr double kAnomalyFloorSeconds = 10;

struct Anomaly {
  std::string row_key, label, platform, day, metric;
  double value = 0;
  double baseline = 0;          // the recent pooled rate, or the recent median time
  std::optional<double> score;  // the z-score; none when the recent days do not vary (MAD 0)
  bool worse = false;           // in the catalog's bad direction

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("row_key", s.row_key);
    v("label", s.label);
    v("platform", s.platform);
    v("day", s.day);
    v("metric", s.metric);
    v("value", s.value);
    v("baseline", s.baseline);
    v("score", s.score);
    v("worse", s.worse);
  }
};

// The rows that moved most against the previous period: by |change_pct| over metrics with a
// better direction, both periods over at least kAnomalyMinBase segments or turns; top kMovers.
inline constexpr int kMovers = 5;
struct Mover {
  std::string row_key, label, platform, metric;
  double previous = 0, value = 0, change_pct = 0;
  bool better = false;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("row_key", s.row_key);
    v("label", s.label);
    v("platform", s.platform);
    v("metric", s.metric);
    v("previous", s.previous);
    v("value", s.value);
    v("change_pct", s.change_pct);
    v("better", s.better);
  }
};

// Something the reader should know about the data, e.g. a shop the config does not list.
struct Note {
  // shop_not_in_config | shop_without_data | mixed_definitions | target_without_figure (a target
  // no cell or native figure of this report carries: no data for it in the period, or not in this
  // view) | account_not_in_roster (an agent account of the period's data no roster person holds
  // on those days; once per account, only when the config has a roster)
  std::string kind;
  // the shop (platform/shop); mixed_definitions: the versions, ", "-separated; target_without_figure:
  // the target's key (targets.global.reply_rate); account_not_in_roster: platform/shop/agent
  std::string subject;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("kind", s.kind);
    v("subject", s.subject);
  }
};

// A platform's own definition recomputed from chat logs at ingest, over the period (shop level).
struct PlatformFigure {
  std::string platform, shop_id, native_name, metric;
  std::optional<double> value;    // Σ numerator / Σ denominator of the period's days (a count: Σ)
  std::optional<double> latest;   // the definition's own (rolling) figure on the period's last day with data
  std::string latest_day;
  std::string definition;         // "<platform>/<native_name>", with " [assumed: ...]" when assumptions filled it
  // Every stored day up to the period's end (those before it too, as far as the report read:
  // ReportOptions::lookback_days), for the definition's rolling window. Not in the JSON.
  struct Day {
    std::int32_t day;
    double numerator, denominator;
  };
  std::vector<Day> days;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("shop_id", s.shop_id);
    v("native_name", s.native_name);
    v("metric", s.metric);
    v("value", s.value);
    v("latest", s.latest);
    v("latest_day", s.latest_day);
    v("definition", s.definition);
  }
};

// One session that kept a shop's rate below 100 % (report/missed_sessions.h).
struct MissedSession {
  std::string platform, shop_id, metric, day, session_id, agent;
  std::string reason;           // metrics::shortfall_name: closing_courtesy, never_assigned, late, ...
  std::string asked_at;         // the missed question, +08:00 "YYYY-MM-DD HH:MM:SS"
  std::optional<double> delay_s;  // late: how long the answer took
  std::string last_message;     // the session's last kept message: "sender: text" ("" when none kept)

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("shop_id", s.shop_id);
    v("metric", s.metric);
    v("day", s.day);
    v("session_id", s.session_id);
    v("agent", s.agent);
    v("reason", s.reason);
    v("asked_at", s.asked_at);
    v("delay_s", s.delay_s);
    v("last_message", s.last_message);
  }
};

// How many sessions of a shop missed a rate in the period, per reason (all, listed or not).
struct MissedTotal {
  std::string platform, shop_id, metric, reason;
  int count = 0;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("shop_id", s.shop_id);
    v("metric", s.metric);
    v("reason", s.reason);
    v("count", s.count);
  }
};

// One platform metric of one shop three ways (report/definition_sides.h).
struct DefinitionSide {
  std::string platform, shop_id, native_name, metric, definition;  // definition: "<platform>/<native_name>"
  std::string format;                // the platform's value_format
  std::optional<double> exported;    // the platform's own figure over the period (the native section's)
  std::optional<double> canonical;   // Kefu's figure for `metric` (the grid's shop cell), when it has one
  std::optional<double> recomputed;  // the platform's definition run on the chat logs (kefu ingest --assume)
  std::optional<double> gap;         // exported − recomputed, when both exist
  std::string recomputed_definition;  // PlatformFigure::definition (says what was assumed)
  bool computable = false;           // every parameter of the platform's definition is known
  std::vector<std::string> unknown;  // else: the parameters the platform does not publish (metrics.json names)
  std::vector<std::string> uncountable;  // and those known but not countable from a chat log ("measure" too)
  std::string reason;                // why the first of them cannot be used (the plugin's words, English)
  std::string line;                  // the platform's line (">=0.900000"), "unknown", or "" (none stated)
  std::optional<double> line_margin;  // exported vs the line, ≥ 0 on the good side (rates only)
  // The recomputed figure over the definition's own (rolling) window ending on its last stored
  // day, against the line: its margin, and the good units it still needs or the misses it can
  // still take. Rates with a known line and a recomputed figure only.
  std::string window_day;                   // the window's last day
  int window_days = 0;                      // its length (period_days)
  std::int64_t window_units = 0;            // the units it holds
  bool window_assessed = true;              // window_units ≥ the platform's minimum sample
  std::optional<double> window_margin;      // ≥ 0 on the good side
  std::optional<std::int64_t> to_meet;      // below the line: good units still needed (none: out of reach)
  std::optional<std::int64_t> can_afford;   // on the good side: misses it can still take (none: no limit)

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("shop_id", s.shop_id);
    v("native_name", s.native_name);
    v("metric", s.metric);
    v("definition", s.definition);
    v("format", s.format);
    v("exported", s.exported);
    v("canonical", s.canonical);
    v("recomputed", s.recomputed);
    v("gap", s.gap);
    v("recomputed_definition", s.recomputed_definition);
    v("computable", s.computable);
    v("unknown", s.unknown);
    v("uncountable", s.uncountable);
    v("reason", s.reason);
    v("line", s.line);
    v("line_margin", s.line_margin);
    v("window_day", s.window_day);
    v("window_days", s.window_days);
    v("window_units", s.window_units);
    v("window_assessed", s.window_assessed);
    v("window_margin", s.window_margin);
    v("to_meet", s.to_meet);
    v("can_afford", s.can_afford);
  }
};

struct Report {
  std::string schema = "kefu.report/1";
  Period period;
  std::optional<Period> previous;
  By by = By::shop;
  std::vector<std::string> metrics;  // canonical keys of the grid, catalog order
  std::vector<Row> rows;             // sorted by platform, then label; the total last
  std::vector<NativeFigure> native;
  std::vector<DailyPoint> daily;  // shop level, days of the period
  std::vector<Anomaly> anomalies;
  std::vector<Mover> movers;
  std::vector<Note> notes;
  std::vector<PlatformFigure> platform_figures;  // shop level
  std::vector<DefinitionSide> sides;              // by shop only
  std::vector<MissedSession> missed;              // by shop only, at most kMissedListed per shop and metric
  std::vector<MissedTotal> missed_totals;
  // Filled by report/periods.h (kefu report --month, --day): the period views, and each person's
  // own unusual days (row_key person/<id>, or an account no roster person holds).
  std::vector<PeriodView> period_views;
  std::vector<Anomaly> person_anomalies;
  // Filled by report/compliance.h: what the QC scan of agent messages found (none: not asked).
  std::optional<Compliance> compliance;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("schema", s.schema);
    v("period", s.period);
    v("previous", s.previous);
    v("by", s.by);
    v("metrics", s.metrics);
    v("rows", s.rows);
    v("native", s.native);
    v("daily", s.daily);
    v("anomalies", s.anomalies);
    v("movers", s.movers);
    v("notes", s.notes);
    v("platform_figures", s.platform_figures);
    v("sides", s.sides);
    v("missed", s.missed);
    v("missed_totals", s.missed_totals);
    v("period_views", s.period_views);
    v("person_anomalies", s.person_anomalies);
    v("compliance", s.compliance);
  }
};

struct ReportOptions {
  Period period;
  bool compare = true;  // against previous(period)
  By by = By::shop;
  std::vector<std::string> shops;  // empty: every shop in the config or the data
  // How each platform writes its own figures: platform → native name → value_format (from the
  // plugins' metric profiles). Decides how a native figure is summed and shown.
  std::map<std::string, std::map<std::string, std::string>> native_formats;
  // How many days before the period the platform definitions' rolling windows reach (the longest
  // period_days): recomputed platform figures are read that far back.
  int lookback_days = 0;
};

// Who an agent's figures belong to in a view: by agent the account (key platform/shop/agent,
// label "agent @ shop name"), by person the roster person holding it that day (else the
// account), by group the person's team (else the shop's group), by shop or platform the shop or
// platform. One rule for the grid and the QC section (report/compliance.h).
struct Subject {
  std::string key, label, platform, shop_id, group;
  std::string person;  // the roster person of an agent or person row
};
Subject subject_of(const config::Config& config, By by, const std::string& platform, const std::string& shop_id,
                   const std::string& agent_id, std::int32_t day);

Report build_report(const store::Store& store, const config::Config& config, const ReportOptions& options);

// Whether `value` meets `target` for `metric` (the catalog's direction).
KpiStatus kpi_status(std::string_view metric, double value, double target);

}  // namespace kefu::host::report
