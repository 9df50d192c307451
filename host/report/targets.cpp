#include "report/targets.h"

#include "metrics/canonical.h"

namespace kefu::host::report {
namespace {

std::string joined(const std::set<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s.empty() ? "none" : s;
}

// Why `platform` cannot carry a target on the native-only `metric`, or "" when it can.
std::string why_not(const std::string& metric, const std::string& platform, const NativeKeys& native) {
  const auto p = native.find(platform);
  if (p == native.end())
    return "no loaded plugin for platform " + platform +
           " (see `kefu plugins`), so no figure of it can meet the target";
  if (p->second.contains(metric)) return "";
  return "Kefu does not recompute " + metric + " from chat logs, and the " + platform +
         " plugin maps none of its figures to it (it maps: " + joined(p->second) +
         "); put the target on a platform that reports it";
}

}  // namespace

bool is_recomputed(std::string_view metric) {
  for (const metrics::CanonicalMetric& m : metrics::canonical_metrics())
    if (m.def.key == metric) return m.figure != nullptr;
  return false;
}

std::vector<std::string> unhonoured_targets(const config::Config& config, const NativeKeys& native) {
  std::vector<std::string> problems;
  std::set<std::string> team_platforms;
  for (const config::Shop& s : config.shops) team_platforms.insert(s.platform);
  if (team_platforms.empty())
    for (const auto& [id, keys] : native) team_platforms.insert(id);

  // A target on a native-only metric needs one of `platforms` to carry it.
  auto check = [&](const std::string& key, const std::string& metric, const std::set<std::string>& platforms,
                   const std::string& whose, bool one_of = false) {
    if (is_recomputed(metric)) return;
    if (platforms.size() == 1 && !one_of) {
      if (const std::string why = why_not(metric, *platforms.begin(), native); !why.empty())
        problems.push_back(key + ": " + why + whose);
      return;
    }
    for (const std::string& p : platforms)
      if (why_not(metric, p, native).empty()) return;
    problems.push_back(key + ": Kefu does not recompute " + metric + " from chat logs, and no plugin of the " +
                       (whose.empty() ? std::string("team's platforms") : "platforms" + whose) + " (" +
                       joined(platforms) + ") maps a figure to it, so no figure could meet the target");
  };
  for (const config::TargetSet& set : config.target_sets) {
    for (const auto& [metric, value] : set.global) check(set.path + ".global." + metric, metric, team_platforms, "", true);
    for (const auto& [platform, targets] : set.platforms)
      for (const auto& [metric, value] : targets)
        check(set.path + ".platforms." + platform + "." + metric, metric, {platform}, "");
    for (const auto& [shop_id, targets] : set.shops) {
      const config::Shop* shop = config.find_shop(shop_id);
      if (!shop) continue;  // the config reader has said so already
      for (const auto& [metric, value] : targets)
        check(set.path + ".shops." + shop_id + "." + metric, metric, {shop->platform},
              " (shop " + shop_id + " is on " + shop->platform + ")");
    }
    for (const auto& [group, targets] : set.groups) {
      std::set<std::string> platforms;
      for (const config::Shop& s : config.shops)
        if (s.group == group) platforms.insert(s.platform);
      for (const config::Person& p : config.roster.people)
        if (p.team == group)
          for (const config::Account& a : p.accounts) platforms.insert(a.platform);
      for (const auto& [metric, value] : targets)
        check(set.path + ".groups." + group + "." + metric, metric, platforms, " of group " + group, true);
    }
    for (const auto& [id, targets] : set.people) {
      if (!config.roster.find(id)) continue;  // the config reader has said so already
      // A person's figures are their chat-log figures joined across accounts: only those.
      for (const auto& [metric, value] : targets)
        if (!is_recomputed(metric))
          problems.push_back(set.path + ".people." + id + "." + metric + ": Kefu does not recompute " + metric +
                             " from chat logs, and a person's figures join their accounts' chat-log figures only "
                             "(platforms' own per-agent figures are shown per account); put the target on a shop or "
                             "platform instead");
    }
  }
  for (std::size_t i = 0; i < config.scorecard.metrics.size(); ++i) {
    const std::string& metric = config.scorecard.metrics[i].metric;
    if (!is_recomputed(metric))
      problems.push_back("scorecard.metrics[" + std::to_string(i) + "].metric: Kefu does not recompute " + metric +
                         " from chat logs, and the scorecard scores each person's chat-log figures; choose one of "
                         "the grid's metrics (reply_rate, avg_response_s ...)");
  }
  return problems;
}

}  // namespace kefu::host::report
