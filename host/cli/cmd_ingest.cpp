#include "cli/cmd_ingest.h"

#include "metrics/definition_engine.h"
#include "model/assumptions.h"
#include "model/native_definition.h"
#include "pipeline/ingest.h"
#include "present/table_notes.h"
#include "present/chatlog_messages.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace kefu::host {
namespace {

struct Args {
  std::vector<std::string> files;
  std::string platform, shop, day, rejects_dir;
  std::optional<Encoding> encoding;
  std::string sheet;
  unsigned workers = 0;
  metrics::Canonical definitions = metrics::Canonical::v2;
  std::optional<int> explain_messages;
  std::vector<std::string> assumptions;
  std::vector<std::string> layouts;
  bool no_qc = false;
} args;  // kefu parses one command line

// Every platform definition that can run on chat logs: all parameters known, or filled by the
// user's --assume (docs/metrics.md "Platform definitions computed").
std::vector<ingest::PlatformDefinition> runnable_definitions(const PluginRegistry& registry) {
  std::vector<ingest::PlatformDefinition> out;
  for (const auto& p : registry.plugins()) {
    const auto& profile = p->valid_profile();
    if (!profile) continue;
    for (const NativeMetric& m : profile->metrics) {
      Definition d = definition_of(p->info().id, m);
      std::vector<std::string> assumed;
      try {
        assumed = assume(d, args.assumptions);
      } catch (const std::invalid_argument& e) {
        throw CLI::ValidationError("--assume", e.what());
      }
      if (metrics::not_computable(d).empty()) out.push_back({p->info().id, m.native_name, std::move(d), assumed});
    }
  }
  return out;
}

}  // namespace

void add_ingest_options(CLI::App& cmd, ConfigPaths& paths) {
  cmd.add_option("files", args.files,
                 "chat logs (CSV/JSONL/xlsx: the canonical header or a known layout's) and platform export files "
                 "(CSV or xlsx)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd.add_option("--platform", args.platform, "the platform whose exports these are (chat logs name theirs)");
  cmd.add_option("--shop", args.shop, "shop id, for exports and chat layouts that do not name their shop");
  add_layout_option(cmd, args.layouts);
  cmd.add_option("--day", args.day, "YYYY-MM-DD, for exports without a day column");
  add_encoding_option(cmd, args.encoding);
  add_sheet_option(cmd, args.sheet);
  add_store_option(cmd, paths);
  add_config_option(cmd, paths);
  cmd.add_option("--workers", args.workers, "threads reading chat logs (default: one per core)");
  add_definitions_option(cmd, args.definitions);
  cmd.add_option("--explain-messages", args.explain_messages,
                 "last messages kept per session with a finding, for kefu explain from the store (default: the "
                 "config's explain.messages, else 5; 0 keeps none)")
      ->check(CLI::Range(0, 100));
  cmd.add_option("--assume", args.assumptions,
                 "also store each platform's own figures, filling the parameters it leaves unknown: NAME=VALUE or "
                 "kefu/2 (repeatable; each stored figure says what was assumed)");
  cmd.add_flag("--no-qc", args.no_qc,
               "do not scan agent messages against the platform's word list (the report then says QC is unknown "
               "for these days, never 0)");
  cmd.add_option("--rejects-dir", args.rejects_dir,
                 "write <FILE>.rejects.csv into DIR instead of beside each input (inputs on a read-only share)")
      ->check(CLI::ExistingDirectory);
}

int run_ingest(Context& ctx, const CLI::App&) {
  const Lang lang = ctx.lang();
  const config::Config::Explain& keep = ctx.config().explain;
  ingest::IngestOptions opts{args.platform,
                                   args.shop,
                                   args.day,
                                   args.encoding,
                                   args.workers,
                                   args.rejects_dir,
                                   args.definitions,
                                   ctx.closing_rule(),
                                   {keep.keep_days, args.explain_messages.value_or(keep.messages)},
                                   {},
                                   {},
                                   args.sheet};
  const PluginRegistry& registry = ctx.plugins();
  opts.platform_definitions = runnable_definitions(registry);
  opts.layouts = &ctx.chat_layouts(args.layouts);
  opts.utc_offset_ms = ctx.config().utc_offset_ms;
  opts.on_retry = [lang](int attempt, int attempts, const std::string& why) {
    std::cerr << "kefu: " << why
              << tr(lang, "；重试（第 ", "; trying again (attempt ") << attempt << tr(lang, " 次，共 ", " of ") << attempts
              << tr(lang, " 次）\n", ")\n");
  };
  // QC: each platform's agent messages against the list `kefu scan --platform P` uses.
  if (!args.no_qc) opts.qc = ingest::team_qc_lexicon(registry, ctx.config());
  const std::string store_path = ctx.store_name();
  const ingest::IngestOutcome out = ingest::ingest_files(args.files, opts, registry, ctx.store());

  // The summary never contradicts the outcome: a run that stored nothing says so first.
  const bool nothing_stored = out.summary.written + out.summary.unchanged == 0;
  if (nothing_stored) {
    std::int64_t rows = 0, rejects = 0;
    for (const ingest::FileOutcome& f : out.files) rows += f.rows, rejects += f.rejected;
    std::cerr << "kefu: error: " << tr(lang, "没有存入任何数值：", "nothing was stored: ")
              << (rejects > 0 && rows == 0
                      ? std::string(lang == Lang::zh ? "全部 " + std::to_string(rejects) + " 行都无法读取"
                                                     : "all " + std::to_string(rejects) + " rows were rejected")
                      : std::string(tr(lang, "文件中没有可计算的数据", "the files hold nothing to compute")))
              << tr(lang, "。每个文件的情况和被拒绝的行见下面；改正后再导入\n",
                    ". Each file's outcome and its rejected rows are below; fix them and ingest again\n");
  }
  bool rejected = false;
  for (const ingest::FileOutcome& f : out.files) {
    std::cout << f.file << ": "
              << (f.kind == "chat_log" ? tr(lang, "聊天记录", "chat log") : tr(lang, "平台导出", "platform export"))
              << " (" << f.encoding << tr(lang, ")，读取 ", "), read ") << f.rows
              << tr(lang, " 行，拒绝 ", " rows, rejected ") << f.rejected << tr(lang, " 行", "");
    if (!f.rejects_file.empty())
      std::cout << tr(lang, "（已存入 ", " (kept in ") << f.rejects_file << tr(lang, "）", ")");
    std::cout << '\n';
    if (const std::string note = table_note(f.source, lang); !note.empty()) std::cout << "  " << note << '\n';
    if (f.kind == "chat_log") {
      if (f.layout != chatlog::kCanonicalLayoutId) std::cout << "  " << present::layout_used(f.layout, lang) << '\n';
      if (f.naive_times > 0)
        std::cout << "  " << present::naive_times(f.naive_times, opts.utc_offset_ms, lang) << '\n';
    }
    for (const auto& n : f.notes) std::cout << "  " << n << '\n';
    rejected = rejected || f.rejected > 0;
  }
  // Every run adds: say what this run was counted with, and where it could not be.
  if (out.joined.stored_sessions > 0)
    std::cout << tr(lang, "与之前导入的同日会话合并计算：", "counted with the same days' sessions of earlier ingests: ")
              << out.joined.stored_sessions << tr(lang, " 个会话（其中 ", " sessions (")
              << out.joined.continued_sessions
              << tr(lang, " 个本次带来了新消息）\n", " of them continued by these files)\n");
  for (const std::string& day : out.joined.days_without_sessions)
    std::cerr << "kefu: warning: " << day
              << tr(lang,
                    " 的聊天记录指标是在 Kefu 保存会话之前导入的，无法与本次合并：本次结果替换了它们。要两次都算，"
                    "请把当天的全部聊天记录文件一起重新导入\n",
                    ": its chat-log figures were stored before Kefu kept sessions and cannot be added to; this "
                    "ingest's replace them. To count both, ingest all of that day's chat logs again together\n");
  if (out.qc.messages > 0 || out.qc.kept > 0)
    std::cout << tr(lang, "质检：扫描客服消息 ", "QC: agent messages scanned ") << out.qc.messages
              << tr(lang, " 条，命中 ", ", hits ") << out.qc.block + out.qc.warn + out.qc.unknown
              << tr(lang, " 处（禁用 ", " (block ") << out.qc.block << tr(lang, "，提示 ", ", warn ") << out.qc.warn
              << tr(lang, "，平台立场未知 ", ", stance not known for the platform ") << out.qc.unknown
              << tr(lang, "）", ")")
              << (out.qc.kept > 0 ? std::string(tr(lang, "；保留之前导入的命中 ", "; hits of earlier ingests kept ")) +
                                        std::to_string(out.qc.kept)
                                  : std::string())
              << tr(lang, "（见 kefu report 的质检部分）\n", " (see kefu report's QC section)\n");
  for (const std::string& p : out.qc.not_scanned)
    std::cerr << "kefu: warning: " << tr(lang, "质检未扫描 ", "QC did not scan ") << p << '\n';
  std::int64_t platform_values = 0;
  for (const ingest::FileOutcome& f : out.files) platform_values += f.platform_values;
  if (!opts.platform_definitions.empty())
    std::cout << tr(lang, "平台口径重算：", "platform definitions recomputed: ") << opts.platform_definitions.size()
              << tr(lang, " 个口径，", " definitions, ") << platform_values
              << tr(lang, " 个数值（见 kefu report 的口径对照）\n", " values (see kefu report's definitions side by side)\n");
  else if (!args.assumptions.empty())
    std::cerr << "kefu: warning: "
              << tr(lang, "这些 --assume 没有让任何平台口径变得可重算（仍有参数未知或聊天记录算不出）\n",
                    "these --assume made no platform definition computable (a parameter is still unknown, or not "
                    "countable from chat logs)\n");
  std::cout << tr(lang, "已写入 ", "stored in ") << store_path << tr(lang, "：新增或更新 ", ": new or changed ")
            << out.summary.written << tr(lang, " 个数值，未变 ", " values, unchanged ") << out.summary.unchanged
            << tr(lang, "（第 ", " (ingest #") << out.summary.id << tr(lang, " 次导入）\n", ")\n");
  // Said, not hidden: the store keeps one value per key, so a repeated key is a lost figure.
  if (out.summary.superseded)
    std::cerr << "kefu: warning: " << out.summary.superseded
              << tr(lang,
                    " 个数值与本次导入中更早的数值同键（平台、店铺、客服、日期、指标、平台指标名），只保留了最后一个\n",
                    " values had the key (platform, shop, agent, day, metric, native name) of an earlier value of "
                    "this ingest; only the last one is kept\n");
  for (const auto& s : out.snapshots) std::cout << tr(lang, "已保存快照：", "snapshot kept: ") << s << '\n';
  for (const auto& w : out.warnings) std::cerr << "kefu: warning: " << w << '\n';
  if (nothing_stored) return kExitUsage;
  return rejected ? kExitFindings : kExitOk;
}

}  // namespace kefu::host
