#include "report/scorecard.h"

#include "model/catalog.h"

#include <algorithm>
#include <map>

namespace kefu::host::report {

double score_points(double value, double floor, double target) {
  if (target == floor) return value == target ? 100 : 0;
  return std::clamp(100 * (value - floor) / (target - floor), 0.0, 100.0);
}

Scorecard build_scorecard(const Report& r, const config::Config& config) {
  Scorecard card;
  card.period = r.period;
  card.rule = config.scorecard.metrics;
  double total_weight = 0;
  for (const config::ScoreMetric& m : card.rule) total_weight += m.weight;
  for (const Note& n : r.notes)
    if (n.kind == "account_not_in_roster") card.not_in_roster.push_back(n.subject);

  for (const Row& row : r.rows) {
    if (row.total || !row.key.starts_with("person/")) continue;
    ScoreRow out{row.key.substr(7), row.label, row.group, row.platform, {}, {}, {}, 0, {}};
    double score = 0;
    for (const config::ScoreMetric& m : card.rule) {
      ScoreLine line{m.metric, m.weight, m.floor, m.target, m.target ? "scorecard" : "", {}, 0, {}, {}};
      const auto at = std::find(r.metrics.begin(), r.metrics.end(), m.metric);
      if (at != r.metrics.end()) {
        const Cell& c = row.cells[static_cast<std::size_t>(at - r.metrics.begin())];
        line.value = c.value;
        line.denominator = c.denominator;
        if (!line.target && c.target) line.target = c.target->value, line.target_scope = c.target->scope;
      }
      // A target in force on the wrong side of the floor (a person's 100 s against a 90 s floor)
      // gives no line to score along: unknown, not a made-up score.
      const MetricDef* def = find_metric(m.metric);
      const bool higher = def && def->better == Better::higher;
      if (line.target && (higher ? *line.target <= m.floor : *line.target >= m.floor)) line.target.reset();
      if (line.value && line.target) {
        line.points = score_points(*line.value, m.floor, *line.target);
        line.contribution = *line.points * m.weight / total_weight;
        score += *line.contribution;
      } else {
        out.missing.push_back(m.metric);
      }
      out.lines.push_back(std::move(line));
    }
    if (out.missing.empty()) out.score = score;
    card.rows.push_back(std::move(out));
  }
  // Ranks within each group; equal scores share the better rank (1, 1, 3).
  std::map<std::string, std::vector<ScoreRow*>> groups;
  for (ScoreRow& row : card.rows)
    if (row.score) groups[row.group].push_back(&row);
  for (auto& [group, rows] : groups) {
    std::sort(rows.begin(), rows.end(), [](const ScoreRow* a, const ScoreRow* b) { return *a->score > *b->score; });
    for (std::size_t i = 0; i < rows.size(); ++i) {
      rows[i]->rank = i > 0 && *rows[i]->score == *rows[i - 1]->score ? *rows[i - 1]->rank : static_cast<int>(i + 1);
      rows[i]->group_size = static_cast<int>(rows.size());
    }
  }
  std::stable_sort(card.rows.begin(), card.rows.end(), [](const ScoreRow& a, const ScoreRow& b) {
    const int ra = a.rank.value_or(1 << 30), rb = b.rank.value_or(1 << 30);
    return std::tie(a.group, ra, a.name) < std::tie(b.group, rb, b.name);
  });
  return card;
}

}  // namespace kefu::host::report
