#include "cli/context.h"

#include "base/file.h"
#include "present/text.h"
#include "model/validate.h"

#include <kefu/json.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>

namespace kefu::host {

PluginRegistry load_plugins(const GlobalOptions& options, const HttpOptions& http) {
  LoadOptions load_options;
  load_options.http = std::make_shared<HttpClient>(http);
  // Each plugin in a process of its own unless asked otherwise (platforms/plugin_process.h).
  load_options.isolated = !options.plugins_in_process && !in_process_from_environment();
  load_options.limits = plugin_limits_from_environment();
  PluginRegistry registry(load_options);
  for (const auto& dir : plugin_search_path(options.plugin_dirs, std::getenv("KEFU_PLUGIN_PATH"))) {
    registry.load_directory(dir);
  }
  return registry;
}

HttpOptions http_options(const config::Config& config) {
  HttpOptions http;
  http.connect_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(config.http.connect_timeout_s * 1000));
  http.total_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(config.http.timeout_s * 1000));
  http.retry.max_attempts = config.http.attempts;
  http.ca_bundle = config.http.ca_bundle;
  return http;
}

Context::Context(GlobalOptions options, ConfigPaths paths) : options_(std::move(options)), paths_(std::move(paths)) {}

config::Config& Context::config() {
  if (!config_) config_ = config::resolve_config(paths_.config, paths_.store);
  return *config_;
}

store::Store& Context::store(const store::OpenOptions& open) {
  if (!store_) {
    store::OpenOptions options = open;
    // A writer says it waits for another one; a reader waits (rarely, briefly) without a word.
    if (!options.on_wait && !options.read_only)
      options.on_wait = [name = store_name(), lang = lang()] {
        std::cerr << "kefu: " << store_wait_text(name, lang) << std::endl;
      };
    store_ = store::open_store(config().store, options);
  }
  return *store_;
}

std::string Context::store_name() { return store::printable_store(config().store); }

const PluginRegistry& Context::plugins(Refusals refusals, const HttpOptions& http) {
  if (!plugins_) plugins_.emplace(load_plugins(options_, http));
  if (refusals == Refusals::warn && !refusals_told_) {
    for (const auto& r : plugins_->refusals()) std::cerr << "kefu: warning: " << r.message << '\n';
    refusals_told_ = true;
  }
  return *plugins_;
}

const words::ClosingList& Context::closings() {
  if (!closings_) {
    words::ClosingList list = words::ClosingList::defaults();
    const config::Config& c = config();
    try {
      list.add(c.closings);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(c.path + ": closings: " + e.what() + "; remove it or write a phrase");
    }
    closings_ = std::move(list);
  }
  return *closings_;
}

std::function<bool(std::string_view)> Context::closing_rule() {
  const words::ClosingList& list = closings();
  return [&list](std::string_view content) { return list.closing_only(content); };
}

namespace {

// A --layout file: one layout object, checked as kefu.json's are.
ChatLayout read_layout_file(const std::string& path) {
  const auto text = read_whole_file(path);
  if (!text) throw std::runtime_error(path + ": cannot read the layout file");
  ChatLayout layout;
  try {
    layout = json::read<ChatLayout>(*text, path);
  } catch (const json::ParseError& e) {
    throw std::runtime_error(std::string(e.what()) + " (the layout format: docs/data-in.md, \"Chat-log layouts\")");
  }
  const auto problems = validate_chat_layout(layout, "$", LayoutOrigin::team);
  if (!problems.empty()) {
    std::string m = path + ": " + std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems");
    for (const auto& p : problems) m += "\n  " + p;
    throw std::runtime_error(m + "\n(the layout format: docs/data-in.md, \"Chat-log layouts\")");
  }
  return layout;
}

}  // namespace

const chatlog::Layouts& Context::chat_layouts(const std::vector<std::string>& layout_files) {
  if (!layouts_) {
    std::vector<ChatLayout> given;
    for (const auto& f : layout_files) given.push_back(read_layout_file(f));
    for (const auto& l : config().chat_layouts) given.push_back(l);
    // A plugin's layouts are its platform's: without a platform of their own, they fix its id.
    layouts_.emplace(std::move(given), [this] {
      std::vector<ChatLayout> out;
      for (const auto& p : plugins().plugins()) {
        const auto& profile = p->valid_profile();
        if (!profile) continue;
        for (ChatLayout l : profile->chat_layouts) {
          if (l.values.platform.empty() && l.columns.platform.empty()) l.values.platform = p->info().id;
          out.push_back(std::move(l));
        }
      }
      return out;
    });
  }
  return *layouts_;
}

}  // namespace kefu::host
