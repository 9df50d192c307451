#include "platforms/conformance.h"

#include "model/validate.h"
#include "platforms/data_schemas.h"
#include "platforms/loader.h"

#include <algorithm>

namespace kefu::host {
namespace {

// Runs one capability call and checks its answer agrees with what the plugin declared.
// `call` returns the validation problems of the answer, or nullopt for "unsupported".
template <class Call>
void check_capability(ConformanceReport& report, std::string_view capability, std::string_view fn, Call&& call) {
  const bool declared = declares(report.info, capability);
  const std::string name = std::string(fn) + "()";
  try {
    std::optional<std::vector<std::string>> problems = call();
    if (!problems) {
      if (declared)
        report.failures.push_back(name + " answers 'unsupported' but the plugin declares '" + std::string(capability) +
                                  "'");
      else
        report.passed.push_back(name + " answers 'unsupported', as declared");
      return;
    }
    if (!declared) {
      report.failures.push_back(name + " answers but '" + std::string(capability) +
                                "' is not in capabilities; declare it");
      return;
    }
    for (auto& p : *problems) report.failures.push_back(name + ": " + p);
    if (problems->empty()) report.passed.push_back(name + " answers a valid " + std::string(capability));
  } catch (const std::exception& e) {
    report.failures.push_back(e.what());
  }
}

// For calls that may legitimately fail on empty input: a failure with a message is fine;
// one without a message, or an escaped exception, is a plugin bug and propagates.
template <class Call>
std::optional<std::vector<std::string>> answered_cleanly(Call&& call) {
  try {
    if (!call()) return std::nullopt;
  } catch (const PluginCallError& e) {
    if (e.kind() == PluginCallError::Kind::plugin_bug) throw;
  }
  return std::vector<std::string>{};
}

// The call's answer as the plugin gave it, against the SDK's schema for it (data_schemas.h):
// unknown keys and misspelt enum names, which the model's reader would ignore or refuse
// without the whole list.
void add_schema_violations(const LoadedPlugin& plugin, PluginCall call, std::vector<std::string>& problems) {
  const std::optional<RawAnswer> raw = plugin.raw_call(call);
  if (!raw || raw->status != KEFU_OK) return;
  for (std::string& v : schema_violations(call, raw->out)) problems.push_back(std::move(v));
}

}  // namespace

ConformanceReport check_conformance(const std::string& path) {
  ConformanceReport report;
  report.file = path;
  // No HTTP service: a conformance check must never reach a platform. In this process: a
  // developer's tool, to be run under a debugger.
  LoadOptions options;
  LoadResult loaded = load_plugin(path, options);
  if (loaded.refusal) {
    report.refusal = loaded.refusal;
    return report;
  }
  const LoadedPlugin& plugin = *loaded.plugin;
  report.file = plugin.path();
  report.info = plugin.info();
  report.sdk_version = plugin.sdk_version();
  report.notes = plugin.notes();
  report.passed.push_back("file, format, ABI record, SDK version and function table accepted");
  report.passed.push_back("identity well-formed: " + report.info.id + " " + report.info.version);

  check_capability(report, kCapRules, "rules", [&]() -> std::optional<std::vector<std::string>> {
    auto answer = plugin.rules();
    if (!answer) return std::nullopt;
    std::vector<std::string> problems = validate_rules(*answer);
    add_schema_violations(plugin, PluginCall::rules, problems);
    return problems;
  });
  check_capability(report, kCapWords, "words", [&]() -> std::optional<std::vector<std::string>> {
    auto answer = plugin.words();
    if (!answer) return std::nullopt;
    return validate_words(*answer);
  });
  check_capability(report, kCapMetricProfile, "metric_profile", [&]() -> std::optional<std::vector<std::string>> {
    auto answer = plugin.metric_profile();
    if (!answer) return std::nullopt;
    std::size_t without = 0;
    for (const NativeMetric& m : answer->metrics) without += m.computation ? 0 : 1;
    if (without > 0)
      report.notes.push_back(std::to_string(without) + " of " + std::to_string(answer->metrics.size()) +
                             " metrics give no computation (SDK 1.5): their definition parameters read as unknown; "
                             "see docs/metrics.md, \"Definition parameters\"");
    std::vector<std::string> problems = validate_metric_profile(*answer);
    add_schema_violations(plugin, PluginCall::metric_profile, problems);
    return problems;
  });
  // An empty export must be answered cleanly (a result, or an error with a message), and so
  // must a fetch without an HTTP service: never a crash, a silent failure or a hang.
  check_capability(report, kCapNativeImport, "import_native", [&] {
    return answered_cleanly([&] {
      return plugin.import_native(ImportRequest{"empty.csv", "conformance", "", ""}, "");
    });
  });
  check_capability(report, kCapApiFetch, "fetch", [&] {
    FetchRequest request;
    request.shop_id = "conformance";
    request.from = request.to = "2026-01-01";
    return answered_cleanly([&] { return plugin.fetch(request); });
  });
  return report;
}

}  // namespace kefu::host
