// `kefu metrics import --platform P FILE...`: a platform's own CS export, read by its plugin,
// printed as metric values with the native definition they carry. Rows the plugin cannot read
// go to <FILE>.rejects.csv; cells the platform fills in later are "pending", not zero.
#include "base/encoding.h"
#include "base/output_file.h"
#include "cli/metrics_subcommands.h"
#include "platforms/native_file.h"
#include "present/table_notes.h"

#include <kefu/json.hpp>

#include <CLI/CLI.hpp>

#include <charconv>
#include <iostream>
#include <map>

namespace kefu::host {
namespace {

struct Args {
  std::string platform;
  std::vector<std::string> files;
  std::string shop, day, rejects_dir, sheet;
  std::optional<Encoding> encoding;
  Format format = Format::table;
} args;  // kefu parses one command line

// One value as printed (docs/metrics.md): the model's MetricValue plus the definition it has.
struct ValueJson {
  MetricValue value;
  std::string comparability, definition;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.value.platform);
    v("shop_id", s.value.shop_id);
    v("agent_id", s.value.agent_id);
    v("day", s.value.day);
    v("metric", s.value.metric);
    v("native_name", s.value.native_name);
    v("value", s.value.value);
    v("availability", s.value.availability);
    v("origin", s.value.origin);
    v("comparability", s.comparability);
    v("definition", s.definition);
  }
};
struct FileJson {
  std::string file, encoding, rejects_file, error;
  std::int64_t rows_read = 0, values = 0, pending = 0, rejected = 0;
  std::vector<std::string> notes;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("file", s.file);
    v("encoding", s.encoding);
    v("rows_read", s.rows_read);
    v("values", s.values);
    v("pending", s.pending);
    v("rejected", s.rejected);
    v("rejects_file", s.rejects_file);
    v("notes", s.notes);
    v("error", s.error);
  }
};
struct ImportJson {
  std::vector<ValueJson> values;
  std::vector<FileJson> files;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("values", s.values);
    v("files", s.files);
  }
};

std::string number_text(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

void print(const ImportJson& out, Format format, Lang lang) {
  if (format == Format::json) {
    std::cout << json::write(out) << '\n';
    return;
  }
  if (format == Format::csv) {
    std::cout << "platform,shop_id,agent_id,day,metric,native_name,value,availability,comparability\n";
    for (const auto& v : out.values) {
      const MetricValue& m = v.value;
      std::cout << csv_field(m.platform) << ',' << csv_field(m.shop_id) << ',' << csv_field(m.agent_id) << ',' << m.day
                << ',' << csv_field(m.metric) << ',' << csv_field(m.native_name) << ','
                << (m.availability == Availability::pending ? "" : number_text(m.value)) << ','
                << json::detail::enum_name(m.availability) << ',' << v.comparability << '\n';
    }
    return;
  }
  Table table(
      lang == Lang::zh
          ? std::vector<std::string>{"店铺", "客服", "日期", "平台指标", "统一指标", "数值", "可比性"}
          : std::vector<std::string>{"shop", "agent", "day", "native metric", "canonical", "value", "comparable"});
  for (const auto& v : out.values) {
    const MetricValue& m = v.value;
    table.add({m.shop_id, m.agent_id.empty() ? tr(lang, "（全店）", "(shop)") : m.agent_id, m.day, m.native_name,
               m.metric == m.native_name ? "-" : m.metric,
               m.availability == Availability::pending ? tr(lang, "待平台统计", "pending") : number_text(m.value),
               metric_label(lang, v.comparability)});
  }
  table.print(std::cout);
}

}  // namespace

void add_metrics_import_options(CLI::App& cmd) {
  cmd.add_option("--platform", args.platform, "The platform whose export this is")->required();
  cmd.add_option("files", args.files, "Export files (CSV or xlsx)")->required()->check(CLI::ExistingFile);
  cmd.add_option("--shop", args.shop, "Shop id, when the export does not name its shop");
  cmd.add_option("--day", args.day, "YYYY-MM-DD, when the export has no day column");
  add_encoding_option(cmd, args.encoding);
  add_sheet_option(cmd, args.sheet);
  add_format_option(cmd, args.format, {Format::table, Format::csv, Format::json});
  cmd.add_option("--rejects-dir", args.rejects_dir,
                 "Write <FILE>.rejects.csv into DIR instead of beside each export (exports on a read-only share)")
      ->check(CLI::ExistingDirectory);
}

int run_metrics_import(Context& ctx) {
  const Lang lang = ctx.lang();
  const PluginRegistry& registry = ctx.plugins();
  const LoadedPlugin& plugin = registry.require(args.platform);
  const auto& profile = plugin.valid_profile();
  std::map<std::string, const NativeMetric*> by_name;
  if (profile)
    for (const auto& m : profile->metrics) by_name[m.native_name] = &m;

  ImportJson out;
  bool failed = false, rejected = false;
  for (const auto& path : args.files) {
    FileJson file;
    file.file = path;
    try {
      const metrics::NativeFile native =
          metrics::import_native_file(plugin, path, args.shop, args.day, args.encoding, args.rejects_dir, args.sheet);
      const ImportResult* result = &native.result;
      file.encoding = native.encoding;
      file.rows_read = result->rows_read;
      file.notes = result->notes;
      if (const std::string note = table_note(native.source, lang); !note.empty())
        file.notes.insert(file.notes.begin(), note);
      file.rejected = static_cast<std::int64_t>(result->rejects.size());
      file.rejects_file = native.rejects_file;
      rejected = rejected || file.rejected > 0;
      for (const auto& v : result->values) {
        const auto it = by_name.find(v.native_name);
        ValueJson row{v, "", ""};
        if (it != by_name.end()) {
          row.comparability = std::string(json::detail::enum_name(it->second->comparability));
          row.definition = it->second->definition;
        }
        file.pending += v.availability == Availability::pending;
        out.values.push_back(std::move(row));
      }
      file.values = static_cast<std::int64_t>(result->values.size());
    } catch (const std::exception& e) {
      file.error = e.what();  // JSON: English, stable
      failed = true;
      const auto* workbook = dynamic_cast<const xlsx::Error*>(&e);
      std::cerr << "kefu: error: " << (workbook ? workbook_error(*workbook, lang) : std::string(e.what())) << '\n';
    }
    if (file.error.empty()) {
      std::cerr << path << ": " << tr(lang, "读取 ", "read ") << file.rows_read << tr(lang, " 行，导入 ", " rows, ")
                << file.values << tr(lang, " 个数值（待平台统计 ", " values (pending ") << file.pending
                << tr(lang, " 个），拒绝 ", "), rejected ") << file.rejected << tr(lang, " 行", "");
      if (!file.rejects_file.empty()) std::cerr << tr(lang, "，已存入 ", ", kept in ") << file.rejects_file;
      std::cerr << '\n';
      for (const auto& n : file.notes) std::cerr << "  " << n << '\n';
    }
    out.files.push_back(std::move(file));
  }
  print(out, args.format, lang);
  return failed ? kExitUsage : rejected ? kExitFindings : kExitOk;
}

}  // namespace kefu::host
