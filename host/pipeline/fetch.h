// `kefu fetch`: each configured shop's data from its platform's API, through the shop's plugin,
// into the store the same way files go in — one transaction per shop and range, so an
// interrupted or failed fetch leaves no partial range and a re-run completes it without
// duplicates. One shop failing does not stop the others.
#pragma once

#include "config/config.h"
#include "pipeline/ingest.h"
#include "platforms/registry.h"
#include "store/store.h"

#include <functional>
#include <string>
#include <vector>

namespace kefu::host::fetch {

struct ShopFetch {
  std::string shop_id, platform;
  bool ok = false;
  std::string error;               // why it failed, secrets redacted
  ingest::FetchOutcome stored;     // when ok
  std::vector<std::string> notes;  // the plugin's (range clipped, calls made ...)
};

struct FetchPlan {
  std::string from, to;            // YYYY-MM-DD, inclusive
  std::vector<std::string> shops;  // empty: every configured shop
  std::string today;               // China time; the caller's clock
};

// `progress` gets "shop i/n: <id> ..." lines for a terminal.
std::vector<ShopFetch> fetch_shops(const config::Config& config, const PluginRegistry& registry, store::Store& store,
                                   const FetchPlan& plan, const std::function<void(const std::string&)>& progress = {});

}  // namespace kefu::host::fetch
