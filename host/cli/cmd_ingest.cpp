#include "cli/cmd_ingest.h"

#include "config/config.h"
#include "pipeline/ingest.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace kefu::host {
namespace {

struct IngestArgs {
  std::vector<std::string> files;
  std::string platform, shop, day, encoding, store, config, rejects_dir;
  unsigned workers = 0;
};

int run_ingest(const GlobalOptions& options, const IngestArgs& args) {
  const Lang lang = options.language();
  ingest::IngestOptions opts{args.platform, args.shop, args.day, std::nullopt, args.workers, args.rejects_dir};
  if (!args.encoding.empty()) {
    opts.encoding = parse_encoding(args.encoding);
    if (!opts.encoding) throw CLI::ValidationError("--encoding", "use utf-8, gbk or gb18030");
  }
  const PluginRegistry registry = load_plugins(options);
  for (const auto& r : registry.refusals()) std::cerr << "kefu: warning: " << r.message << '\n';
  const std::string store_path = config::resolve_config(args.config, args.store).store;
  auto store = store::open_sqlite_store(store_path);
  const ingest::IngestOutcome out = ingest::ingest_files(args.files, opts, registry, *store);

  bool rejected = false;
  for (const ingest::FileOutcome& f : out.files) {
    std::cout << f.file << ": " << (f.kind == "chat_log" ? tr(lang, "聊天记录", "chat log") : tr(lang, "平台导出", "platform export"))
              << " (" << f.encoding << tr(lang, ")，读取 ", "), read ") << f.rows << tr(lang, " 行，拒绝 ", " rows, rejected ")
              << f.rejected << tr(lang, " 行", "");
    if (!f.rejects_file.empty()) std::cout << tr(lang, "（已存入 ", " (kept in ") << f.rejects_file << tr(lang, "）", ")");
    std::cout << '\n';
    for (const auto& n : f.notes) std::cout << "  " << n << '\n';
    rejected = rejected || f.rejected > 0;
  }
  std::cout << tr(lang, "已写入 ", "stored in ") << store_path << tr(lang, "：新增或更新 ", ": new or changed ") << out.summary.written
            << tr(lang, " 个数值，未变 ", " values, unchanged ") << out.summary.unchanged << tr(lang, "（第 ", " (ingest #")
            << out.summary.id << tr(lang, " 次导入）\n", ")\n");
  for (const auto& s : out.snapshots) std::cout << tr(lang, "已保存快照：", "snapshot kept: ") << s << '\n';
  for (const auto& w : out.warnings) std::cerr << "kefu: warning: " << w << '\n';
  return rejected ? kExitFindings : kExitOk;
}

}  // namespace

void add_ingest_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<IngestArgs>();
  auto* cmd = app.add_subcommand("ingest", "Store metric values from chat logs (recomputed) and platform exports (native), idempotently");
  cmd->add_option("files", args->files, "chat logs (CSV/JSONL, canonical header) and platform export files")
      ->required()->check(CLI::ExistingFile);
  cmd->add_option("--platform", args->platform, "the platform whose exports these are (chat logs name theirs)");
  cmd->add_option("--shop", args->shop, "shop id, for exports that do not name their shop");
  cmd->add_option("--day", args->day, "YYYY-MM-DD, for exports without a day column");
  cmd->add_option("--encoding", args->encoding, "force the encoding: utf-8 | gbk (default: detect)");
  cmd->add_option("--store", args->store, "the SQLite store (default: the config's, else ./kefu.db)");
  cmd->add_option("--config", args->config, "config file (default: $KEFU_CONFIG, else ./kefu.json if present)");
  cmd->add_option("--workers", args->workers, "threads reading chat logs (default: one per core)");
  cmd->add_option("--rejects-dir", args->rejects_dir, "write <FILE>.rejects.csv into DIR instead of beside each input (inputs on a read-only share)")
      ->check(CLI::ExistingDirectory);
  cmd->callback([&options, &exit_code, args] { exit_code = run_ingest(options, *args); });
}

}  // namespace kefu::host
