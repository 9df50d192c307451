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
  std::set<std::string> platforms;
  for (const config::Shop& s : config.shops) platforms.insert(s.platform);
  if (platforms.empty())
    for (const auto& [id, keys] : native) platforms.insert(id);

  for (const auto& [metric, value] : config.global_targets) {
    if (is_recomputed(metric)) continue;
    std::set<std::string> carriers;
    for (const std::string& p : platforms)
      if (why_not(metric, p, native).empty()) carriers.insert(p);
    if (carriers.empty())
      problems.push_back("targets.global." + metric + ": Kefu does not recompute " + metric +
                         " from chat logs, and no plugin of the team's platforms (" + joined(platforms) +
                         ") maps a figure to it, so no figure could meet the target");
  }
  for (const auto& [platform, targets] : config.platform_targets)
    for (const auto& [metric, value] : targets)
      if (!is_recomputed(metric))
        if (const std::string why = why_not(metric, platform, native); !why.empty())
          problems.push_back("targets.platforms." + platform + "." + metric + ": " + why);
  for (const auto& [shop_id, targets] : config.shop_targets) {
    const config::Shop* shop = config.find_shop(shop_id);
    if (!shop) continue;  // the config reader has said so already
    for (const auto& [metric, value] : targets)
      if (!is_recomputed(metric))
        if (const std::string why = why_not(metric, shop->platform, native); !why.empty())
          problems.push_back("targets.shops." + shop_id + "." + metric + ": " + why + " (shop " + shop_id + " is on " +
                             shop->platform + ")");
  }
  return problems;
}

}  // namespace kefu::host::report
