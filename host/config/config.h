// The team's configuration (`kefu.json`): where the store is, which shops the team runs and
// the KPI targets they are held to. Documented in docs/report.md; `config/kefu.json` is the
// sample that goes with the demo data.
#pragma once

#include "config/roster.h"

#include <kefu/model.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host::config {

struct Shop {
  std::string id;        // as in chat logs and exports (shop_id)
  std::string platform;  // plugin id: tmall, jd, douyin, kuaishou ...
  std::string name;      // display name; the id when not given
  std::string group;     // team or group, optional
  // Settings the platform's API needs for this shop, e.g. {"seller_nick": "..."}; never secrets.
  std::map<std::string, std::string> api;
};

// A KPI target on one canonical metric. Whether a value meets it follows the catalog's
// direction for the metric (higher is better: value >= target).
struct Target {
  double value = 0;
  // where it was set: "global", "platform:jd", "group:A组", "shop:jd01", "person:xiaomei"
  std::string scope;
  // its key in the config: targets.shops.jd01.reply_rate, or targets[1].shops.jd01.reply_rate in
  // the dated list form
  std::string key;
  std::string from, to;  // the dates it is in force (YYYY-MM-DD); empty: open-ended

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("value", s.value);
    v("scope", s.scope);
    v("key", s.key);
    v("from", s.from);
    v("to", s.to);
  }
};

// One set of targets in force from `from` to `to` (both optional, inclusive China days): the
// object form of "targets" is one set from the beginning; the list form is one set per entry.
// Each level maps its key (platform id, group, shop id, person id) to metric → target.
struct TargetSet {
  using Level = std::map<std::string, std::map<std::string, double>>;
  std::string path;  // "targets" or "targets[2]": the config key of the set
  std::optional<std::int32_t> from, to;
  std::map<std::string, double> global;
  Level platforms, groups, shops, people;

  bool in_force(std::int32_t day) const { return (!from || day >= *from) && (!to || day <= *to); }
};

// What a target is looked up for: each level that applies (empty: not that level).
struct TargetSubject {
  std::string platform, group, shop, person;
};

// The monthly scorecard (绩效表, "scorecard": {...}): each metric's points run linearly from 0 at
// `floor` to 100 at the target (the entry's `target`, else the person's target in force), capped
// at both ends; a person's score is Σ points × weight / Σ weights.
struct ScoreMetric {
  std::string metric;
  double weight = 0;
  double floor = 0;
  std::optional<double> target;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("metric", s.metric);
    v("weight", s.weight);
    v("floor", s.floor);
    v("target", s.target);
  }
};
struct ScorecardRule {
  std::vector<ScoreMetric> metrics;
  bool empty() const { return metrics.empty(); }
};

// A word list a team keeps on its own server (`kefu update`).
struct UpdateSource {
  std::string name;      // file name of the active version: a-z, 0-9, - and _
  std::string kind;      // words (rule packs are not read)
  std::string platform;  // the platform it applies to
  std::string url;       // https (or http to this machine)
  std::string sha256;    // pinned content hash, lower-case hex; empty: not pinned
};

struct Config {
  std::string path;     // the file it was read from; empty: built-in defaults
  std::string origin;   // how that file was chosen (config/trust.h): "named with --config" ...
  // The store: a file, resolved (relative paths against the config's folder), or a PostgreSQL
  // URL (postgresql://..., docs/scale.md) kept as written.
  std::string store;
  std::string secrets;  // the 0600 secrets file (resolved like store); empty: environment only
  std::map<std::string, std::string> endpoints;  // platform → API gateway URL (default: the plugin's)
  // The HTTP client's limits ("http": {...}); defaults: 10 s to connect, 60 s per try, 4 tries.
  struct Http {
    double connect_timeout_s = 10, timeout_s = 60;
    int attempts = 4;
    std::string ca_bundle;  // a PEM file of CAs to trust instead of the system's; never "no verification"
  } http;
  // What the store keeps for `kefu explain` once the chat logs are gone ("explain": {...},
  // docs/report.md). Message texts are customer data: keep_days 0 keeps none of it.
  struct Explain {
    int keep_days = 400;  // findings and last messages of days at most this many days old; 0: none
    int messages = 5;     // the last messages kept per session with a finding
  } explain;
  std::vector<Shop> shops;
  Roster roster;                      // "roster": inline or a CSV/xlsx file (config/roster.h)
  std::vector<TargetSet> target_sets;  // in the order written
  ScorecardRule scorecard;

  std::vector<UpdateSource> updates;
  // The merchant's own word lists per platform ("words": {"tmall": [...]}), resolved like store:
  // the merchant layer of that platform's list (docs/words.md).
  std::map<std::string, std::vector<std::string>> word_files;
  // The team's closing courtesies ("closings": [...]), added to Kefu's list (docs/metrics.md, C2).
  std::vector<std::string> closings;
  // The team's chat-export layouts ("chat_layouts": [...], docs/data-in.md), tried after
  // --layout and before the canonical and the plugins' layouts.
  std::vector<ChatLayout> chat_layouts;
  // The offset a chat-log time written without one is read at ("utc_offset": "+08:00", the
  // default: every platform here reports China time). Milliseconds east of UTC.
  std::int64_t utc_offset_ms = 8 * 3'600'000;

  const Shop* find_shop(std::string_view id) const;
  // Whether `group` is a shop's group or a roster team.
  bool has_group(std::string_view group) const;
  // The most specific target for `metric` in force on `day`: the person's, else the shop's, the
  // group's, the platform's, the global one. On one level, of the sets in force that day the one
  // with the latest `from` wins. No day: every set counts, whatever its dates.
  std::optional<Target> target_for(std::string_view metric, const TargetSubject& who,
                                   std::optional<std::int32_t> day = std::nullopt) const;
  // The same for a shop (with its group), or a platform with an empty `shop_id` (or, with an
  // empty platform too, the whole team).
  std::optional<Target> target_for(std::string_view metric, std::string_view platform, std::string_view shop_id,
                                   std::optional<std::int32_t> day = std::nullopt) const;
};

// Every problem of a config file, each naming the key (a JSON path such as
// `targets.platforms.jd.reply_rate`, or a roster file's file:line) and what was expected.
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::string& file, std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// Parses and validates config JSON; `file` names it in errors and anchors a relative store path.
Config parse_config(std::string_view json, const std::string& file);
Config load_config(const std::string& file);

// The config a command runs with: `explicit_file` (--config), else $KEFU_CONFIG, else
// ./kefu.json when it exists — and only when it is the user's own and writable by no one else
// (config/trust.h) — else built-in defaults (no shops, no targets). `explicit_store`
// (--store) overrides the config's store; the default store is ./kefu.db.
Config resolve_config(const std::string& explicit_file, const std::string& explicit_store);

}  // namespace kefu::host::config
