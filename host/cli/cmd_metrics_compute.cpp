// `kefu metrics compute FILE...`: canonical chat logs in, one row per agent/shop/platform day out.
#include "base/output_file.h"
#include "chatlog/reader.h"
#include "cli/asked_definitions.h"
#include "cli/metrics_subcommands.h"
#include "cli/progress.h"
#include "metrics/engine.h"
#include "present/chatlog_messages.h"
#include "present/definition_figures.h"
#include "present/parameter_labels.h"
#include "present/metrics_output.h"
#include "present/table_notes.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <future>
#include <iostream>

namespace kefu::host {
namespace {

struct Args {
  std::vector<std::string> files;
  Format format = Format::csv;
  std::string out;
  std::optional<Encoding> encoding;
  std::string sheet;
  std::string rejects_dir;
  unsigned workers = 0;
  metrics::Canonical definitions = metrics::Canonical::v2;
  DefinitionRequest asked;
  std::vector<std::string> layouts;
  std::string shop;
} args;  // kefu parses one command line

bool platform_or_team_definitions() { return !args.asked.empty(); }

void write_definitions(std::ostream& out, const std::vector<metrics::ComputedDefinition>& defs, Format format,
                       Lang lang) {
  if (format == Format::json)
    metrics::write_definition_figures_json(out, defs);
  else if (format == Format::table)
    metrics::write_definition_figures_table(out, defs, lang);
  else
    metrics::write_definition_figures_csv(out, defs);
}

void write_rows(std::ostream& out, const std::vector<metrics::MetricRow>& rows, Format format, Lang lang) {
  if (format == Format::json)
    metrics::write_json(out, rows);
  else if (format == Format::table)
    metrics::write_table(out, rows, lang);
  else
    metrics::write_csv(out, rows);
}

}  // namespace

void add_metrics_compute_options(CLI::App& cmd) {
  cmd.add_option("files", args.files,
                 "Chat logs: CSV with the canonical header or a known layout's, JSON Lines, or an xlsx workbook")
      ->required()
      ->check(CLI::ExistingFile);
  add_layout_option(cmd, args.layouts);
  cmd.add_option("--shop", args.shop, "shop id, for chat layouts that do not name their shop");
  add_format_option(cmd, args.format, {Format::csv, Format::json, Format::table});
  cmd.add_option("--out", args.out, "Write the result to FILE (replaced whole, never half-written)");
  add_encoding_option(cmd, args.encoding);
  add_sheet_option(cmd, args.sheet);
  cmd.add_option("--workers", args.workers, "Threads to use (default: one per core)");
  add_definitions_option(cmd, args.definitions);
  cmd.add_option("--as", args.asked.platforms,
                 "Also the platform's own definitions (平台口径), each metric whose parameters are all known "
                 "(repeatable; see kefu metrics definitions)");
  cmd.add_option("--definition", args.asked.files,
                 "A definition file of your own KPIs, shaped like a plugin's metrics.json (repeatable)")
      ->check(CLI::ExistingFile);
  cmd.add_option("--assume", args.asked.assumptions,
                 "Fill a parameter the platform leaves unknown: NAME=VALUE (e.g. transfers=carry), or kefu/2 "
                 "for all; each figure says what was assumed (repeatable)");
  cmd.add_option("--rejects-dir", args.rejects_dir,
                 "Write <FILE>.rejects.csv into DIR instead of beside each input (inputs on a read-only share)")
      ->check(CLI::ExistingDirectory);
}

int run_metrics_compute(Context& ctx) {
  const Lang lang = ctx.lang();
  if (!args.asked.assumptions.empty() && !platform_or_team_definitions())
    throw CLI::ValidationError("--assume", "fills parameters of --as or --definition definitions: give one");
  // Definitions are resolved before the (long) reading, so a typo fails at once.
  std::vector<metrics::ComputedDefinition> defs;
  if (platform_or_team_definitions()) defs = asked_definitions(ctx, args.asked);
  chatlog::ChatReadOptions read_options;
  read_options.workers = args.workers;
  read_options.encoding = args.encoding;
  read_options.sheet = args.sheet;
  read_options.closing_only = ctx.closing_rule();
  read_options.layouts = &ctx.chat_layouts(args.layouts);
  read_options.shop = args.shop;
  read_options.naive_offset_ms = ctx.config().utc_offset_ms;
  std::size_t total = 0;
  for (const auto& f : args.files) {
    std::error_code ec;
    total += static_cast<std::size_t>(std::filesystem::file_size(f, ec));
  }
  Progress progress(total, lang, "读取", "reading");

  chatlog::ChatEvents events;
  std::int64_t rows_read = 0, rejected = 0;
  for (std::size_t i = 0; i < args.files.size(); ++i) {
    read_options.progress = [&progress, i](std::uint64_t bytes) { progress.done(i).store(bytes); };
    auto reading =
        std::async(std::launch::async, [&] { return chatlog::read_chat_log(args.files[i], events, read_options); });
    while (reading.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) progress.show();
    const chatlog::ChatReadResult result = reading.get();
    rows_read += result.rows;
    rejected += static_cast<std::int64_t>(result.rejects.size());
    if (const std::string note = table_note(result.source, lang); !note.empty())
      std::cerr << args.files[i] << ": " << note << '\n';
    if (result.layout != chatlog::kCanonicalLayoutId)
      std::cerr << args.files[i] << ": " << present::layout_used(result.layout, lang) << '\n';
    if (result.naive_times > 0)
      std::cerr << args.files[i] << ": " << present::naive_times(result.naive_times, read_options.naive_offset_ms, lang)
                << '\n';
    if (const auto path = write_rejects_file(args.files[i], result.rejects, args.rejects_dir); !path.empty())
      std::cerr << args.files[i] << ": " << result.rejects.size()
                << tr(lang, " 行无法读取，已存入 ", " rows could not be read, kept in ") << path << '\n';
  }
  progress.finish();

  if (platform_or_team_definitions()) {
    std::size_t computed = 0;
    for (auto& cd : defs) {
      if (!cd.not_computable.empty()) continue;
      cd.rows = metrics::compute_definition(events, cd.definition, args.workers);
      ++computed;
    }
    if (args.out.empty())
      write_definitions(std::cout, defs, args.format, lang);
    else
      write_file_atomically(args.out, [&](std::ostream& out) { write_definitions(out, defs, args.format, lang); });
    if (args.format == Format::csv)  // the CSV has rows only: say what was left out, and why
      for (const auto& cd : defs)
        if (!cd.not_computable.empty())
          std::cerr << cd.definition.id << tr(lang, "：无法重算（", ": not computed (")
                    << not_computable_text(cd.not_computable.front(), lang) << tr(lang, "）\n", ")\n");
    std::cerr << tr(lang, "读取 ", "read ") << rows_read << tr(lang, " 行，拒绝 ", " rows, rejected ") << rejected
              << tr(lang, " 行；口径 ", "; definitions ") << defs.size() << tr(lang, " 个，可重算 ", ", computed ")
              << computed << '\n';
    return rejected ? kExitFindings : kExitOk;
  }

  const auto rows = metrics::compute_metrics(events, args.definitions, args.workers);
  if (args.out.empty()) {
    write_rows(std::cout, rows, args.format, lang);
  } else {
    write_file_atomically(args.out, [&](std::ostream& out) { write_rows(out, rows, args.format, lang); });
  }
  std::cerr << (lang == Lang::zh ? "读取 " : "read ") << rows_read
            << (lang == Lang::zh ? " 行，拒绝 " : " rows, rejected ") << rejected
            << (lang == Lang::zh ? " 行，会话 " : ", sessions ") << events.sessions.size()
            << (lang == Lang::zh ? " 个，输出 " : ", output ") << rows.size() << (lang == Lang::zh ? " 行" : " rows")
            << '\n';
  return rejected ? kExitFindings : kExitOk;
}

}  // namespace kefu::host
