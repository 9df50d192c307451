#include "config/definition_file.h"

#include "base/file.h"
#include "model/native_definition.h"
#include "model/validate.h"

#include <kefu/json.hpp>

#include <filesystem>
#include <stdexcept>

namespace kefu::host::config {

std::vector<TeamDefinition> read_definition_file(const std::string& path) {
  const auto text = read_whole_file(path);
  if (!text) throw std::runtime_error(path + ": cannot be read; check the path and its permissions");
  MetricProfile profile;
  try {
    profile = json::read<MetricProfile>(*text, path);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string(e.what()) +
                             " (a definition file is shaped like a plugin's metrics.json: docs/metrics.md)");
  }
  if (profile.metrics.empty()) throw std::runtime_error(path + ": \"metrics\" holds no definition");
  std::string problems;
  for (std::size_t i = 0; i < profile.metrics.size(); ++i) {
    const NativeMetric& m = profile.metrics[i];
    const std::string where = "metrics[" + std::to_string(i) + "] " + m.native_name;
    if (m.native_name.empty()) problems += "\n  " + where + ": native_name is empty";
    if (!m.computation) problems += "\n  " + where + ": computation is missing";
    for (const auto& p : validate_computation(m, where)) problems += "\n  " + p;
  }
  if (!problems.empty()) throw std::runtime_error(path + ": the definitions cannot be used:" + problems);
  const std::string stem = std::filesystem::path(path).stem().string();
  std::vector<TeamDefinition> out;
  for (const NativeMetric& m : profile.metrics)
    out.push_back({m, definition_from(stem + "/" + m.native_name, m.canonical_key, m.computation, m.source)});
  return out;
}

}  // namespace kefu::host::config
