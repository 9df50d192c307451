#include "platforms/conformance.h"

#include "base/file.h"
#include "model/validate.h"
#include "platforms/data_schemas.h"
#include "platforms/loader.h"

#include <kefu/json.hpp>
#include <kefu/toolkit/native_export.hpp>
#include <kefu/toolkit/wordfile.hpp>

#include <algorithm>
#include <filesystem>

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

namespace kefu::host {
namespace {

// Which schema a JSON data file is held to: by its name, else by its top-level key.
std::optional<PluginCall> json_kind(const std::string& path, const std::string& text) {
  const std::string name = std::filesystem::path(path).filename().string();
  if (name.find("rules") != std::string::npos) return PluginCall::rules;
  if (name.find("metrics") != std::string::npos) return PluginCall::metric_profile;
  if (text.find("\"rules\"") != std::string::npos) return PluginCall::rules;
  if (text.find("\"metrics\"") != std::string::npos) return PluginCall::metric_profile;
  return std::nullopt;
}

void check_json_file(ConformanceReport& report, const std::string& name, const std::string& text) {
  const std::optional<PluginCall> kind = json_kind(report.file, text);
  if (!kind) {
    report.failures.push_back(name + ": neither a rules.json (a \"rules\" list) nor a metrics.json (a \"metrics\" list)");
    return;
  }
  std::vector<std::string> problems = schema_violations(*kind, text, name);
  if (problems.empty()) report.passed.push_back(name + ": valid against " + std::string(answer_schema_name(*kind)));
  // Then as the plugin's answer is read and validated (only when it reads: a schema violation
  // of type has said it already).
  try {
    std::vector<std::string> model;
    if (*kind == PluginCall::rules) {
      model = validate_rules(json::read<RuleSet>(text, name));
    } else {
      const auto file = json::read<MetricsFile>(text, name);
      model = validate_metric_profile(file.profile());
    }
    if (model.empty()) report.passed.push_back(name + ": the catalog and source checks pass");
    for (std::string& m : model) problems.push_back(name + ": " + m);
  } catch (const json::ParseError& e) {
    if (problems.empty()) problems.push_back(e.what());
  }
  for (std::string& p : problems) report.failures.push_back(std::move(p));
}

void check_word_file(ConformanceReport& report, const std::string& name, const std::string& text) {
  WordList list;
  WordFileDefaults defaults;
  defaults.source.title = name;  // entries before the first #@source: the validator names them
  for (const WordFileProblem& p : read_word_file(text, defaults, list))
    report.failures.push_back(name + ":" + std::to_string(p.line) + ": " + p.reason);
  std::vector<std::string> model = validate_words(list);
  for (std::string& m : model) report.failures.push_back(name + ": " + m);
  if (report.failures.empty())
    report.passed.push_back(name + ": " + std::to_string(list.terms.size()) + " terms, " +
                            std::to_string(list.allow.size()) + " allowed phrases, " +
                            std::to_string(list.unban.size()) + " unbanned: grammar and catalog checks pass");
}

}  // namespace

bool is_data_file(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  return ext == ".json" || ext == ".txt";
}

ConformanceReport check_data_file(const std::string& path) {
  ConformanceReport report;
  report.file = path;
  const std::string name = std::filesystem::path(path).filename().string();
  const std::optional<std::string> text = read_whole_file(path);
  if (!text) {
    report.failures.push_back(path + ": cannot be read; check the path and its permissions");
    return report;
  }
  if (std::filesystem::path(path).extension() == ".json")
    check_json_file(report, name, *text);
  else
    check_word_file(report, name, *text);
  return report;
}

}  // namespace kefu::host
