// Writing a platform plugin: derive from kefu::Plugin, override what your platform provides,
// and put KEFU_PLUGIN(YourClass) in exactly one .cpp file.
//
//   class PddPlugin final : public kefu::Plugin {
//    public:
//     using kefu::Plugin::Plugin;
//     kefu::PlatformInfo info() const override { ... }
//     kefu::RuleSet rules() const override { ... }
//   };
//   KEFU_PLUGIN(PddPlugin)
//
// KEFU_PLUGIN generates the C entry points of kefu/abi.h: every call is wrapped so that no
// exception leaves the plugin, answers travel as JSON, and capabilities you do not override
// answer KEFU_UNSUPPORTED.
#pragma once

#include <kefu/abi.h>
#include <kefu/fingerprint.h>
#include <kefu/json.hpp>
#include <kefu/model.hpp>
#include <kefu/toolkit/wordfile.hpp>

#include <boost/dll/alias.hpp>

#include <exception>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace kefu {

enum class LogLevel : std::int32_t {
  debug = KEFU_LOG_DEBUG,
  info = KEFU_LOG_INFO,
  warn = KEFU_LOG_WARN,
  error = KEFU_LOG_ERROR
};

namespace detail {
inline void append_to_string(void* ctx, const char* data, std::size_t size) {
  static_cast<std::string*>(ctx)->append(data, size);
}
// A sink that writes into a std::string owned by the caller's side.
inline kefu_sink string_sink(std::string& target) { return kefu_sink{&target, &append_to_string}; }
inline void put(kefu_sink* sink, std::string_view text) {
  if (sink && sink->append) sink->append(sink->ctx, text.data(), text.size());
}
}  // namespace detail

// The host's services, seen from a plugin. Cheap to copy.
class Host {
 public:
  explicit Host(const kefu_host_api* api) : api_(api) {}

  void log(LogLevel level, std::string_view message) const {
    if (api_ && api_->log) api_->log(api_->ctx, static_cast<std::int32_t>(level), {message.data(), message.size()});
  }

  // Sends one HTTP request through the host's client (timeouts, retries, TLS, redaction).
  // Throws std::runtime_error with the host's message when no response could be had.
  HttpResponse http(const HttpRequest& request) const {
    if (!api_ || !api_->http) throw std::runtime_error("the host offers no HTTP service");
    const std::string body = json::write(request);
    std::string response, error;
    kefu_sink out = detail::string_sink(response), err = detail::string_sink(error);
    if (api_->http(api_->ctx, {body.data(), body.size()}, &out, &err) != KEFU_OK) {
      throw std::runtime_error(error.empty() ? "HTTP request failed" : error);
    }
    return json::read<HttpResponse>(response, "HTTP response from host");
  }

  // This plugin's section of the host configuration, as JSON text ("{}" when none).
  std::string config_json() const {
    if (!api_ || !api_->config) return "{}";
    std::string out, error;
    kefu_sink o = detail::string_sink(out), e = detail::string_sink(error);
    if (api_->config(api_->ctx, &o, &e) != KEFU_OK) throw std::runtime_error(error);
    return out.empty() ? "{}" : out;
  }

 private:
  const kefu_host_api* api_;
};

// Thrown (by the defaults below) for a capability the plugin does not provide.
class Unsupported : public std::exception {
 public:
  const char* what() const noexcept override { return "capability not provided"; }
};

class Plugin {
 public:
  explicit Plugin(Host host) : host_(host) {}
  virtual ~Plugin() = default;
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

  virtual PlatformInfo info() const = 0;
  virtual RuleSet rules() const { throw Unsupported(); }
  virtual WordList words() const { throw Unsupported(); }
  virtual MetricProfile metric_profile() const { throw Unsupported(); }
  virtual ImportResult import_native(const ImportRequest&, std::string_view /*payload*/) { throw Unsupported(); }
  virtual FetchResult fetch(const FetchRequest&) { throw Unsupported(); }

 protected:
  const Host& host() const { return host_; }

  // The usual words(): the list the plugin ships (compiled in with kefu_embed; a bad line there
  // is the plugin's bug and throws) plus the merchant's own lists, named in this plugin's
  // configuration as {"words_files": ["/path/list.txt", ...]} in the word-file format (a plain
  // one-term-per-line export is valid). A merchant file's bad lines are logged with file:line
  // and skipped; an unreadable file throws, naming it.
  WordList shipped_and_merchant_words(std::string_view shipped, const WordFileDefaults& defaults) const {
    WordList list;
    if (auto problems = read_word_file(shipped, defaults, list); !problems.empty())
      throw std::runtime_error("shipped word list, line " + std::to_string(problems[0].line) + ": " +
                               problems[0].reason);
    for (const std::string& path : configured_word_files()) {
      std::ifstream in(path, std::ios::binary);
      if (!in) throw std::runtime_error("cannot read words_files entry " + path);
      std::stringstream text;
      text << in.rdbuf();
      WordFileDefaults merchant = defaults;
      merchant.source = Source{"商家词表 " + path, "", "", Confidence::merchant, "configured in words_files", ""};
      for (const auto& problem : read_word_file(text.str(), merchant, list))
        host_.log(LogLevel::warn, path + ":" + std::to_string(problem.line) + ": " + problem.reason);
    }
    return list;
  }

 private:
  std::vector<std::string> configured_word_files() const {
    rapidjson::Document config;
    config.Parse<rapidjson::kParseIterativeFlag>(host_.config_json().c_str());
    std::vector<std::string> files;
    if (!config.IsObject() || !config.HasMember("words_files")) return files;
    const auto& list = config["words_files"];
    if (!list.IsArray()) throw std::runtime_error("configuration words_files must be an array of paths");
    for (const auto& item : list.GetArray()) {
      if (!item.IsString()) throw std::runtime_error("configuration words_files must be an array of paths");
      files.emplace_back(item.GetString(), item.GetStringLength());
    }
    return files;
  }

  Host host_;
};

namespace detail {

// Runs `body`, turning every exception into a status and a message for the host.
template <class Body>
std::int32_t guarded(kefu_sink* error, Body&& body) noexcept {
  try {
    return body();
  } catch (const Unsupported&) {
    return KEFU_UNSUPPORTED;
  } catch (const std::exception& e) {
    put(error, e.what());
  } catch (...) {
    put(error, "unknown exception (not derived from std::exception)");
  }
  return KEFU_ERROR;
}

template <class Body>
std::int32_t answer(kefu_sink* out, kefu_sink* error, Body&& body) noexcept {
  return guarded(error, [&] {
    put(out, json::write(body()));
    return std::int32_t{KEFU_OK};
  });
}

template <class P>
struct Adapter {
  static P& self(void* p) { return *static_cast<P*>(p); }
  static std::string_view view(kefu_str s) { return {s.data, s.size}; }

  static std::int32_t info(void* p, kefu_sink* out, kefu_sink* err) noexcept {
    return answer(out, err, [&] { return self(p).info(); });
  }
  static std::int32_t rules(void* p, kefu_sink* out, kefu_sink* err) noexcept {
    return answer(out, err, [&] { return self(p).rules(); });
  }
  static std::int32_t words(void* p, kefu_sink* out, kefu_sink* err) noexcept {
    return answer(out, err, [&] { return self(p).words(); });
  }
  static std::int32_t metric_profile(void* p, kefu_sink* out, kefu_sink* err) noexcept {
    return answer(out, err, [&] { return self(p).metric_profile(); });
  }
  static std::int32_t import_native(void* p, kefu_str request, kefu_str payload, kefu_sink* out,
                                    kefu_sink* err) noexcept {
    return answer(out, err, [&] {
      return self(p).import_native(json::read<ImportRequest>(view(request), "import request"), view(payload));
    });
  }
  static std::int32_t fetch(void* p, kefu_str request, kefu_sink* out, kefu_sink* err) noexcept {
    return answer(out, err, [&] { return self(p).fetch(json::read<FetchRequest>(view(request), "fetch request")); });
  }
  static void destroy(void* p) noexcept { delete static_cast<P*>(p); }

  static constexpr kefu_plugin_vtable vtable = {
      sizeof(kefu_plugin_vtable), &info, &rules, &words, &metric_profile, &import_native, &fetch, &destroy};

  static std::int32_t create(const kefu_host_api* host, kefu_plugin_instance* out, kefu_sink* err) noexcept {
    return guarded(err, [&] {
      if (!out) throw std::invalid_argument("kefu_plugin_create: no output instance");
      out->self = new P(Host(host));
      out->vtable = &vtable;
      return std::int32_t{KEFU_OK};
    });
  }
};

}  // namespace detail
}  // namespace kefu

// The ABI record's initializer, with this SDK's version and this translation unit's fingerprint.
#define KEFU_ABI_RECORD_INIT                                                                                         \
  {                                                                                                                  \
    KEFU_ABI_MAGIC, sizeof(kefu_abi_record), KEFU_SDK_VERSION_MAJOR, KEFU_SDK_VERSION_MINOR, KEFU_SDK_VERSION_PATCH, \
        0, KEFU_BUILD_FINGERPRINT                                                                                    \
  }

// Exports the ABI record and the factory for PluginClass. Use once per plugin library.
#define KEFU_PLUGIN(PluginClass)                                       \
  namespace kefu_generated {                                           \
  const kefu_abi_record kefu_abi_record_v1 = KEFU_ABI_RECORD_INIT;     \
  }                                                                    \
  BOOST_DLL_ALIAS(kefu_generated::kefu_abi_record_v1, kefu_plugin_abi) \
  BOOST_DLL_ALIAS(::kefu::detail::Adapter<PluginClass>::create, kefu_plugin_create)
