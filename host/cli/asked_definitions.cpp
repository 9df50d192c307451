#include "cli/asked_definitions.h"

#include "config/definition_file.h"
#include "model/assumptions.h"
#include "model/native_definition.h"

#include <CLI/CLI.hpp>

#include <stdexcept>

namespace kefu::host {

std::vector<metrics::ComputedDefinition> asked_definitions(Context& ctx, const DefinitionRequest& request) {
  std::vector<metrics::ComputedDefinition> out;
  auto add = [&](const NativeMetric& m, Definition d) {
    metrics::ComputedDefinition cd;
    try {
      cd.assumed = assume(d, request.assumptions);
    } catch (const std::invalid_argument& e) {
      throw CLI::ValidationError("--assume", e.what());
    }
    cd.not_computable = metrics::not_computable(d);
    cd.native_name = m.native_name;
    cd.definition = std::move(d);
    out.push_back(std::move(cd));
  };
  for (const auto& id : request.platforms) {
    const LoadedPlugin& plugin = ctx.plugins().require(id);
    const auto& profile = plugin.valid_profile();
    if (!profile) throw std::runtime_error("plugin " + id + " declares no metric profile: it has no definitions");
    for (const NativeMetric& m : profile->metrics) add(m, definition_of(id, m));
  }
  for (const auto& file : request.files)
    for (auto& team : config::read_definition_file(file)) add(team.metric, std::move(team.definition));
  return out;
}

}  // namespace kefu::host
