#include "cli/cmd_plugins.h"

#include "platforms/conformance.h"

#include <kefu/json.hpp>

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

namespace kefu::host {
namespace {

// The JSON shape of `kefu plugins --format json` (documented in docs/plugin-guide.md).
struct PluginRow {
  std::string id, name_zh, name_en, version, sdk_version, path;
  std::vector<std::string> capabilities, limitations, notes;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("id", s.id);
    v("name_zh", s.name_zh);
    v("name_en", s.name_en);
    v("version", s.version);
    v("sdk_version", s.sdk_version);
    v("path", s.path);
    v("capabilities", s.capabilities);
    v("limitations", s.limitations);
    v("notes", s.notes);
  }
};
struct RefusalRow {
  std::string code, file, message;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("code", s.code);
    v("file", s.file);
    v("message", s.message);
  }
};
struct PluginListing {
  std::vector<PluginRow> plugins;
  std::vector<RefusalRow> refused;
  std::vector<std::string> warnings;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("plugins", s.plugins);
    v("refused", s.refused);
    v("warnings", s.warnings);
  }
};
struct CheckOutput {
  std::string file, status;
  std::optional<RefusalRow> refused;
  std::optional<PluginRow> plugin;
  std::vector<std::string> passed, failures, notes;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("file", s.file);
    v("status", s.status);
    v("refused", s.refused);
    v("plugin", s.plugin);
    v("passed", s.passed);
    v("failures", s.failures);
    v("notes", s.notes);
  }
};

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

RefusalRow row_of(const Refusal& r) { return {std::string(to_string(r.code)), r.file, r.message}; }

struct Args {
  std::string file;
  Format format = Format::table, check_format = Format::table;
} args;  // kefu parses one command line

int list_plugins(Context& ctx) {
  // Refusals are part of the listing here, not warnings.
  const PluginRegistry& registry = ctx.plugins(Refusals::quiet);
  PluginListing listing;
  for (const auto& p : registry.plugins()) {
    const auto& i = p->info();
    listing.plugins.push_back({i.id, i.name_zh, i.name_en, i.version, p->sdk_version(), p->path(), i.capabilities,
                               i.limitations, p->notes()});
  }
  for (const auto& r : registry.refusals()) listing.refused.push_back(row_of(r));
  listing.warnings = registry.warnings();

  if (args.format == Format::json) {
    std::cout << json::write(listing) << '\n';
  } else {
    const Lang lang = ctx.lang();
    Table table({tr(lang, "平台", "platform"), tr(lang, "名称", "name"), tr(lang, "插件版本", "version"), "SDK",
                 tr(lang, "能力", "capabilities"), tr(lang, "路径", "path")});
    for (const auto& p : listing.plugins) {
      table.add({p.id, lang == Lang::zh ? p.name_zh : p.name_en, p.version, p.sdk_version,
                 p.capabilities.empty() ? "-" : join(p.capabilities, ","), p.path});
    }
    table.print(std::cout);
    std::cout << '\n' << listing.plugins.size() << tr(lang, " 个插件已加载", " plugin(s) loaded");
    if (!listing.refused.empty()) std::cout << ", " << listing.refused.size() << tr(lang, " 个被拒绝", " refused");
    std::cout << '\n';
    // What each plugin cannot do, plainly: the user learns here to import an export instead.
    bool heading = false;
    for (const auto& p : listing.plugins) {
      for (const auto& l : p.limitations) {
        if (!heading)
          std::cout << '\n' << tr(lang, "限制（插件自述）：\n", "Limitations (as each plugin states them):\n");
        heading = true;
        std::cout << wrap(l, 100, "  " + p.id + ": ", std::string(p.id.size() + 4, ' '));
      }
    }
    for (const auto& p : listing.plugins) {
      for (const auto& n : p.notes) std::cerr << "kefu: note: " << p.id << ": " << n << '\n';
    }
    for (const auto& r : listing.refused) std::cerr << "kefu: refused: " << r.message << '\n';
    for (const auto& w : listing.warnings) std::cerr << "kefu: warning: " << w << '\n';
  }
  if (listing.plugins.empty() && listing.refused.empty()) {
    std::cerr << "kefu: no plugins found in "
              << join(plugin_search_path(ctx.options().plugin_dirs, std::getenv("KEFU_PLUGIN_PATH")), ", ")
              << ". Use --plugin-dir DIR or KEFU_PLUGIN_PATH.\n";
    return kExitUsage;
  }
  return listing.refused.empty() ? kExitOk : kExitFindings;
}

int check_plugin(const Context& ctx) {
  const bool data_file = is_data_file(args.file);
  const ConformanceReport report = data_file ? check_data_file(args.file) : check_conformance(args.file);
  CheckOutput out;
  out.file = report.file;
  out.status = report.ok() ? "ok" : report.refusal ? "refused" : "failed";
  if (report.refusal)
    out.refused = row_of(*report.refusal);
  else if (!data_file)
    out.plugin = PluginRow{report.info.id,           report.info.name_zh,     report.info.name_en,
                           report.info.version,      report.sdk_version,      report.file,
                           report.info.capabilities, report.info.limitations, report.notes};
  out.passed = report.passed;
  out.failures = report.failures;
  out.notes = report.notes;

  if (args.check_format == Format::json) {
    std::cout << json::write(out) << '\n';
  } else {
    const Lang lang = ctx.lang();
    std::cout << (data_file ? tr(lang, "检查数据文件 ", "checking data file ") : tr(lang, "检查插件 ", "checking plugin "))
              << report.file << '\n';
    if (report.refusal) std::cout << "  ✗ " << report.refusal->message << '\n';
    for (const auto& p : report.passed) std::cout << "  ✓ " << p << '\n';
    for (const auto& f : report.failures) std::cout << "  ✗ " << f << '\n';
    for (const auto& n : report.notes) std::cout << "  · " << n << '\n';
    if (report.ok() && data_file)
      std::cout << tr(lang, "通过：数据文件符合 Kefu SDK 约定\n", "passed: the data file conforms to the Kefu SDK\n");
    else if (report.ok())
      std::cout << tr(lang, "通过：插件符合 Kefu SDK 约定\n", "passed: the plugin conforms to the Kefu SDK\n");
    else
      std::cout << tr(lang, "未通过：", "failed: ") << (report.refusal ? 1 : report.failures.size())
                << tr(lang, " 个问题\n", " problem(s)\n");
  }
  return report.ok() ? kExitOk : kExitFindings;
}

}  // namespace

void add_plugins_options(CLI::App& cmd, ConfigPaths&) {
  add_format_option(cmd, args.format, {Format::table, Format::json});
  auto* check = cmd.add_subcommand(
      "check", "Load one plugin file and run the conformance checks on it, or check one data file "
               "(rules.json, metrics.json, words.txt) against the SDK's schemas and grammar");
  check->add_option("FILE", args.file, "the plugin's .so file, or a .json / .txt data file")->required();
  add_format_option(*check, args.check_format, {Format::table, Format::json});
}

int run_plugins(Context& ctx, const CLI::App& cmd) {
  return cmd.get_subcommand("check")->parsed() ? check_plugin(ctx) : list_plugins(ctx);
}

}  // namespace kefu::host
