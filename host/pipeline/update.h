// `kefu update`: word lists a team keeps on its own server, pulled from the URLs
// in the config. A download is used only when it is complete, matches its pinned SHA-256 (when
// the config pins one) and reads as a valid word list; otherwise the previous
// version stays active and the reason is reported. Conditional requests (ETag,
// If-Modified-Since) make an unchanged source cost one 304. Each new version is also kept in the
// store as a dated snapshot.
#pragma once

#include "config/config.h"
#include "net/http_client.h"
#include "platforms/registry.h"
#include "store/store.h"
#include "words/lexicon.h"
#include "words/lists.h"

#include <string>
#include <vector>

namespace kefu::host::update {

struct Outcome {
  std::string name;
  enum class State { updated, unchanged, failed } state = State::failed;
  std::string message;      // why it failed, or what changed
  std::string active_file;  // the version in use after this run ("" when there is none yet)
};

// Where the active versions live: beside the store, in <store>.updates/; for a PostgreSQL store,
// kefu.updates/ beside the config (else in the current directory).
std::string updates_dir(const config::Config& config);

std::vector<Outcome> run_updates(const config::Config& config, HttpClient& http, store::Store& store,
                                 const std::string& today);

// The active word-list files of `platform` (or of every platform when empty), as `kefu update`
// last kept them.
std::vector<std::string> active_word_files(const config::Config& config, const std::string& platform);

// The merchant layer of `platform`: the config's `words` files, then the team's lists kept by
// `kefu update`, each with where it was named.
std::vector<words::MerchantFile> merchant_word_files(const config::Config& config, const std::string& platform);
// The same, read (every bad line named, WordFileError).
WordList merchant_word_list(const config::Config& config, const std::string& platform);
// Fills each platform's merchant layer.
void add_merchant_layers(std::vector<words::PlatformWords>& platforms, const config::Config& config);

// The word files whose `#@modes` lines set the evasion modes of a scan of `platforms`, in the
// order they apply: the team's lists of those platforms (as add_merchant_layers reads them),
// then the user's --words files, so that the command line has the last word.
std::vector<std::string> mode_word_files(const config::Config& config, const std::vector<words::PlatformWords>& platforms,
                                         const std::vector<std::string>& user_files);

// The lexicon `kefu scan --platform P --platform Q ... --words W --allow A` scans with: the common
// list, each platform's own with the team's lists as its merchant layer, the user's files, and
// the evasion modes those team lists and --words files set. `platforms` empty: every loaded
// platform with a word list. One home for `kefu scan` and the QC scan of `kefu ingest`.
words::Lexicon scan_lexicon(const PluginRegistry& registry, const config::Config& config,
                            const std::vector<std::string>& platforms, const std::vector<std::string>& user_words = {},
                            const std::vector<std::string>& user_allow = {});

}  // namespace kefu::host::update
