#include "pipeline/fetch.h"

#include "net/http_client.h"
#include "pipeline/credentials.h"

#include <algorithm>

namespace kefu::host::fetch {
namespace {

bool can_fetch(const LoadedPlugin& plugin) { return plugin.provides(kCapApiFetch); }

ShopFetch fetch_one(const config::Config& config, const config::Shop& shop, const PluginRegistry& registry,
                    store::Store& store, const FetchPlan& plan) {
  ShopFetch out{shop.id, shop.platform, false, "", {}, {}};
  std::vector<std::string> secrets;
  try {
    const LoadedPlugin* plugin = registry.find(shop.platform);
    if (!plugin) throw std::runtime_error("no plugin for platform " + shop.platform + " is loaded (see kefu plugins)");
    if (!can_fetch(*plugin))
      throw std::runtime_error("the " + shop.platform +
                               " plugin cannot fetch from an API (kefu plugins lists what it lacks): "
                               "import the platform's export with kefu ingest instead");
    FetchRequest request;
    request.shop_id = shop.id;
    request.from = plan.from;
    request.to = plan.to;
    request.today = plan.today;
    if (const auto e = config.endpoints.find(shop.platform); e != config.endpoints.end()) request.endpoint = e->second;
    request.credentials = load_credentials(shop.id, config.secrets);
    secrets = secret_values(request.credentials);
    for (const auto& [k, v] : shop.api) request.options.push_back({k, v});
    if (HttpClient* http = registry.http()) http->set_extra_secrets(secrets);
    const auto fetched = plugin->fetch(request);
    if (!fetched) throw std::runtime_error("the plugin returned nothing");
    out.notes = fetched->notes;
    ingest::IngestOptions options;
    options.explain = {config.explain.keep_days, config.explain.messages};
    options.today = plan.today;
    options.qc = ingest::team_qc_lexicon(registry, config);
    out.stored = ingest::ingest_fetched(*fetched, *plugin,
                                        "api " + shop.platform + " " + shop.id + " " + plan.from + ".." + plan.to,
                                        registry, store, options);
    out.ok = true;
  } catch (const std::exception& e) {
    out.error = redact(e.what(), secrets);
    if (secrets.empty())
      out.error += " [no credentials found for " + shop.id + ": set " + credential_variable(shop.id, "app_key") + ", " +
                   credential_variable(shop.id, "app_secret") + " ... in the environment, or add \"" + shop.id +
                   "\" under \"shops\" in the secrets file" +
                   (config.secrets.empty() ? " (config \"secrets\")" : " " + config.secrets) + "]";
  }
  if (HttpClient* http = registry.http()) http->set_extra_secrets({});
  return out;
}

}  // namespace

std::vector<ShopFetch> fetch_shops(const config::Config& config, const PluginRegistry& registry, store::Store& store,
                                   const FetchPlan& plan, const std::function<void(const std::string&)>& progress) {
  std::vector<const config::Shop*> shops;
  for (const std::string& id : plan.shops) {
    const config::Shop* s = config.find_shop(id);
    if (!s)
      throw std::runtime_error("shop " + id +
                               " is not in the config's shops (fetch needs its platform and API settings)");
    shops.push_back(s);
  }
  if (plan.shops.empty())
    for (const config::Shop& s : config.shops) shops.push_back(&s);
  if (shops.empty()) throw std::runtime_error("no shops to fetch: list them in the config (shops[])");
  std::vector<ShopFetch> out;
  for (std::size_t i = 0; i < shops.size(); ++i) {
    if (progress) {
      // Appended piece by piece: GCC 12 at -O3 misreads `"[" + std::string` (a false -Wrestrict).
      std::string line = "[";
      line += std::to_string(i + 1) + "/" + std::to_string(shops.size()) + "] ";
      line += shops[i]->id + " (" + shops[i]->platform + ") " + plan.from + ".." + plan.to;
      progress(line);
    }
    out.push_back(fetch_one(config, *shops[i], registry, store, plan));
  }
  return out;
}

}  // namespace kefu::host::fetch
