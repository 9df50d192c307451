// What a command runs with: the global options, and the config, store and plugins, each opened
// on first use — a command that never asks for the store never creates one, and `kefu rules`
// does not fail on a broken kefu.json it has no use for.
#pragma once

#include "chatlog/layout.h"
#include "cli/options.h"
#include "config/config.h"
#include "net/http_client.h"
#include "platforms/registry.h"
#include "store/open_store.h"
#include "words/closings.h"

#include <functional>
#include <string_view>
#include <memory>
#include <optional>

namespace kefu::host {

// Loads the plugins of the search path (--plugin-dir, else KEFU_PLUGIN_PATH, else beside kefu);
// refusals are kept in the registry. The plugins share one HTTP client with `http`'s limits.
PluginRegistry load_plugins(const GlobalOptions& options, const HttpOptions& http = {});

// The HTTP client's limits as the config sets them (`http`: timeouts, attempts, CA bundle).
HttpOptions http_options(const config::Config& config);

// Whether Context::plugins warns about refused plugins on stderr. `kefu plugins` lists them
// itself; words, rules, diff and report have never warned.
enum class Refusals { warn, quiet };

class Context {
 public:
  Context(GlobalOptions options, ConfigPaths paths);

  const GlobalOptions& options() const { return options_; }
  Lang lang() const { return options_.language(); }

  // The config of --config/--store (config::resolve_config), resolved on first use. Mutable:
  // a command's own options may override what it says (fetch --secrets).
  config::Config& config();
  // The store at config().store, opened on first use with `open` (later calls' `open` is unused).
  store::Store& store(const store::OpenOptions& open = {});
  // The store as every message names it: the path, or the URL without a password.
  std::string store_name();
  // The plugins, loaded on first use with `http` as the shared client's limits (later calls'
  // `http` is unused). Refusals become "kefu: warning: ..." lines, once, when `refusals` says so.
  const PluginRegistry& plugins(Refusals refusals = Refusals::warn, const HttpOptions& http = {});
  // C2's closing list: Kefu's, plus the config's "closings" (docs/metrics.md). Built on first use;
  // a bad entry throws std::runtime_error naming the config.
  const words::ClosingList& closings();
  std::function<bool(std::string_view)> closing_rule();
  // The layouts chat logs are matched against (docs/data-in.md): `layout_files` (--layout), the
  // config's chat_layouts, the canonical layout, then the plugins' — loaded only when a header
  // matches none before. Built on first use; a bad layout file throws naming it and the key.
  const chatlog::Layouts& chat_layouts(const std::vector<std::string>& layout_files);

 private:
  GlobalOptions options_;
  ConfigPaths paths_;
  std::optional<config::Config> config_;
  std::unique_ptr<store::Store> store_;
  std::optional<PluginRegistry> plugins_;
  std::optional<words::ClosingList> closings_;
  std::optional<chatlog::Layouts> layouts_;
  bool refusals_told_ = false;
};

}  // namespace kefu::host
