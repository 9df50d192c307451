// The monthly scorecard (绩效表): each roster person's figures of the period scored against the
// supervisor's rule in kefu.json ("scorecard", config/config.h ScorecardRule):
//   points  = 100 × (value − floor) / (target − floor), capped to 0..100 (for a metric where lower
//             is better, floor > target and the same formula holds);
//   contribution = points × weight / Σ weights;  score = Σ contributions (0..100);
//   rank: by score within the person's group (team), 1 the best; equal scores share a rank.
// A metric with no value, or no target beyond the floor, for a person leaves their score unknown,
// never zero.
#pragma once

#include "report/report.h"

#include <optional>
#include <string>
#include <vector>

namespace kefu::host::report {

struct ScoreLine {
  std::string metric;
  double weight = 0;
  double floor = 0;
  std::optional<double> target;  // the rule's, else the person's target in force
  std::string target_scope;      // where that target came from: "scorecard" or a Target scope
  std::optional<double> value;
  double denominator = 0;        // what the value divides by (segments, turns ...)
  std::optional<double> points, contribution;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("metric", s.metric);
    v("weight", s.weight);
    v("floor", s.floor);
    v("target", s.target);
    v("target_scope", s.target_scope);
    v("value", s.value);
    v("denominator", s.denominator);
    v("points", s.points);
    v("contribution", s.contribution);
  }
};

struct ScoreRow {
  std::string person, name, group, platform;  // platform: ","-joined when several
  std::vector<ScoreLine> lines;               // one per rule metric, in the rule's order
  std::optional<double> score;
  std::optional<int> rank;  // within `group`
  int group_size = 0;       // people of the group with a score
  std::vector<std::string> missing;  // the metrics that left the score unknown

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("person", s.person);
    v("name", s.name);
    v("group", s.group);
    v("platform", s.platform);
    v("lines", s.lines);
    v("score", s.score);
    v("rank", s.rank);
    v("group_size", s.group_size);
    v("missing", s.missing);
  }
};

struct Scorecard {
  std::string schema = "kefu.scorecard/1";
  Period period;
  std::vector<config::ScoreMetric> rule;  // the config's rule as applied
  std::vector<ScoreRow> rows;             // by group, then rank, then name
  std::vector<std::string> not_in_roster;  // platform/shop/agent accounts left out (Note account_not_in_roster)

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("schema", s.schema);
    v("period", s.period);
    v("rule", s.rule);
    v("rows", s.rows);
    v("not_in_roster", s.not_in_roster);
  }
};

// Points for `value` between `floor` (0) and `target` (100), capped; either direction.
double score_points(double value, double floor, double target);

// The scorecard of a by-person report (By::person) under `config.scorecard`.
Scorecard build_scorecard(const Report& by_person, const config::Config& config);

}  // namespace kefu::host::report
