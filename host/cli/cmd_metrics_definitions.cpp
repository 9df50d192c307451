// `kefu metrics definitions`: what each platform metric's definition is made of, parameter by
// parameter, with sources, and which parameters are unknown (so the figure cannot be recomputed
// the platform's way). The data is each plugin's metrics.json `computation` (SDK 1.5).
#include "cli/metrics_subcommands.h"
#include "model/native_definition.h"
#include "present/definitions_output.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace kefu::host {
namespace {

struct Args {
  std::vector<std::string> platforms;
  Format format = Format::table;
} args;  // kefu parses one command line

}  // namespace

void add_metrics_definitions_options(CLI::App& cmd) {
  cmd.add_option("--platform", args.platforms, "Only this platform (repeatable)");
  add_format_option(cmd, args.format, {Format::table, Format::json});
}

int run_metrics_definitions(Context& ctx) {
  const PluginRegistry& registry = ctx.plugins();
  std::vector<PlatformDefinitions> platforms;
  auto add = [&](const LoadedPlugin& plugin) {
    const auto& profile = plugin.valid_profile();
    if (!profile) {
      if (!args.platforms.empty())
        throw std::runtime_error("plugin " + plugin.info().id + " declares no metric profile");
      return;
    }
    PlatformDefinitions p{plugin.info(), {}};
    for (const NativeMetric& m : profile->metrics) p.metrics.push_back({m, definition_of(plugin.info().id, m)});
    platforms.push_back(std::move(p));
  };
  if (args.platforms.empty())
    for (const auto& p : registry.plugins()) add(*p);
  else
    for (const auto& id : args.platforms) add(registry.require(id));

  if (args.format == Format::json)
    print_definitions_json(platforms, std::cout);
  else
    print_definitions_text(platforms, ctx.lang(), std::cout);
  return kExitOk;
}

}  // namespace kefu::host
