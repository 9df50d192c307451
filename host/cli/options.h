// The options every command shares, and the one way each is added: the same name, help, parse
// and error wherever a command takes it.
#pragma once

#include "base/encoding.h"
#include "metrics/engine.h"
#include "present/text.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace kefu::host {

// The options before (or after) any command: kefu --lang en scan ...
struct GlobalOptions {
  std::vector<std::string> plugin_dirs;  // --plugin-dir, repeatable
  std::string lang = "zh";               // --lang zh|en
  bool verbose = false;
  bool plugins_in_process = false;  // --plugins-in-process (or KEFU_PLUGINS_IN_PROCESS=1)

  Lang language() const { return lang == "en" ? Lang::en : Lang::zh; }
};

// Exit codes, the same for every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;
// `kefu scan`: no hit is banned, but some are of a category whose stance on the platform is not
// known (未知). Not 0: a pre-send check must not read "not known" as "clean". `kefu diff`: no
// script line becomes a violation, but the briefing shows a category whose stance on FROM or TO
// is not known.
inline constexpr int kExitUnknown = 3;

// --config and --store: the files config::resolve_config starts from (empty: its defaults).
struct ConfigPaths {
  std::string config, store;
};

// --config FILE; `what` says what the command reads from it, e.g. "config file".
void add_config_option(CLI::App& cmd, ConfigPaths& paths, std::string_view what = "config file");
// --store FILE.
void add_store_option(CLI::App& cmd, ConfigPaths& paths);

// --encoding NAME: forces the input encoding; nullopt (the default) detects it. A name
// parse_encoding does not know is a usage error.
void add_encoding_option(CLI::App& cmd, std::optional<Encoding>& encoding);
// --layout FILE (repeatable): chat-log layouts tried first (docs/data-in.md).
void add_layout_option(CLI::App& cmd, std::vector<std::string>& files);

// --sheet NAME: which sheet of an .xlsx input to read (default: the first); an unknown name
// fails with the workbook's sheet names.
void add_sheet_option(CLI::App& cmd, std::string& sheet);

// --definitions kefu/1|kefu/2: which canonical definitions recompute chat logs (docs/metrics.md);
// the value `version` holds before the parse (kefu/2) is the default.
void add_definitions_option(CLI::App& cmd, metrics::Canonical& version);

// The one --format vocabulary. `text` is read as `table`: scan, diff and plugins check said
// text, and scripts still do.
enum class Format { table, json, csv, md, xlsx, html };

// --format NAME, accepting the formats of `supported` (listed in that order in the help); the
// value `format` holds before the parse is the default.
void add_format_option(CLI::App& cmd, Format& format, std::initializer_list<Format> supported);

}  // namespace kefu::host
