#include "platforms/loader.h"

#include "model/validate.h"
#include "platforms/elf_probe.h"
#include "platforms/file_checks.h"
#include "platforms/fingerprint.h"
#include "platforms/host_api.h"
#include "platforms/in_process_calls.h"

#include <kefu/plugin.hpp>

#include <boost/dll/library_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <filesystem>

namespace kefu::host {
namespace {

// Libraries are never unloaded: objects, threads and atexit handlers a plugin created may
// outlive any instance we destroy, and dlclose under them crashes (Boost.DLL "missuses",
// OBS and GStreamer do the same). The registry is leaked on purpose so no static destructor
// unloads a library at exit.
std::vector<boost::dll::shared_library>& resident_libraries() {
  static auto* libraries = new std::vector<boost::dll::shared_library>();
  return *libraries;
}

// Boost.DLL wraps dlerror() as "...load() failed (dlerror system message: <text>): <errno text>";
// users need the loader's own words, so quote just <text>.
std::string dlerror_of(const std::exception& e) {
  const std::string what = e.what();
  const std::string marker = "dlerror system message: ";
  const auto begin = what.find(marker);
  const auto end = what.rfind("): ");
  if (begin == std::string::npos || end == std::string::npos || end < begin) return what;
  return what.substr(begin + marker.size(), end - begin - marker.size());
}

Refusal refuse(RefusalCode code, const std::string& file, std::string_view what, std::string_view expected,
               std::string_view found, std::string_view remedy) {
  return {code, file, refusal_message(file, what, expected, found, remedy)};
}

LoadResult refused(Refusal r) { return LoadResult{nullptr, std::move(r)}; }

// The loader reads the open file through /proc/self/fd/N; people know it by its path.
std::string named(std::string text, const PluginFile& file, const std::string& path) {
  const std::string fd_path = file.fd_path();
  for (auto at = text.find(fd_path); at != std::string::npos; at = text.find(fd_path, at + path.size()))
    text.replace(at, fd_path.size(), path);
  return text;
}

// Tries dlopen only to quote the loader's own words about a file we already know is unusable.
std::string loader_error_for(PluginFile& file, const std::string& path) {
  try {
    boost::dll::shared_library probe(file.fd_path(),
                                     boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    resident_libraries().push_back(std::move(probe));
    file.keep_open();
    return "(the system loader accepted it)";
  } catch (const std::exception& e) {
    return named(dlerror_of(e), file, path);
  }
}

std::optional<Refusal> check_markers(const std::string& path, const std::string& read_from) {
  std::vector<std::string> aliases;
  try {
    aliases = boost::dll::library_info(read_from).symbols("boostdll");
  } catch (const std::exception&) {
    // library_info throws bare iostream errors on odd files; the ELF probe already passed, so
    // treat it as "no markers found".
  }
  const bool has_record = std::count(aliases.begin(), aliases.end(), KEFU_ABI_RECORD_SYMBOL) > 0;
  const bool has_factory = std::count(aliases.begin(), aliases.end(), KEFU_FACTORY_SYMBOL) > 0;
  if (has_record && has_factory) return std::nullopt;
  std::string found = "a shared library exporting neither";
  if (has_record) found = "the ABI record but no factory '" KEFU_FACTORY_SYMBOL "'";
  if (has_factory) found = "a factory but no ABI record '" KEFU_ABI_RECORD_SYMBOL "'";
  return refuse(RefusalCode::not_kefu_plugin, path, "not a Kefu plugin",
                "the exported aliases '" KEFU_ABI_RECORD_SYMBOL "' and '" KEFU_FACTORY_SYMBOL "'", found,
                "Build it with kefu_add_plugin() and KEFU_PLUGIN(YourClass) from the Kefu SDK");
}

std::optional<Refusal> check_record(const std::string& path, const kefu_abi_record& record,
                                    std::vector<std::string>& notes) {
  const std::string host_version =
      std::to_string(KEFU_SDK_VERSION_MAJOR) + "." + std::to_string(KEFU_SDK_VERSION_MINOR);
  if (record.magic != KEFU_ABI_MAGIC ||
      record.struct_size < offsetof(kefu_abi_record, fingerprint) + sizeof(const char*)) {
    return refuse(
        RefusalCode::not_kefu_plugin, path, "the ABI record is damaged",
        "magic 0x5546454B and a record of at least " + std::to_string(sizeof(kefu_abi_record)) + " bytes",
        "magic 0x" +
            [&] {
              char b[16];
              std::snprintf(b, sizeof b, "%08X", record.magic);
              return std::string(b);
            }() +
            ", " + std::to_string(record.struct_size) + " bytes",
        "Rebuild the plugin with the Kefu SDK");
  }
  const std::string plugin_version = std::to_string(record.sdk_major) + "." + std::to_string(record.sdk_minor);
  if (record.sdk_major != KEFU_SDK_VERSION_MAJOR) {
    return refuse(RefusalCode::sdk_version_mismatch, path, "built for another SDK major version",
                  "SDK " + std::to_string(KEFU_SDK_VERSION_MAJOR) + ".x (this host is SDK " + host_version + ")",
                  "SDK " + plugin_version,
                  "Rebuild the plugin against the Kefu SDK " + std::to_string(KEFU_SDK_VERSION_MAJOR) +
                      ".x installed with this host");
  }
  if (record.sdk_minor > KEFU_SDK_VERSION_MINOR) {
    return refuse(
        RefusalCode::sdk_version_mismatch, path, "built for a newer SDK than this host",
        "SDK " + std::to_string(KEFU_SDK_VERSION_MAJOR) + ".0 to " + host_version, "SDK " + plugin_version,
        "Upgrade Kefu to SDK " + plugin_version + " or later, or rebuild the plugin against SDK " + host_version);
  }
  const std::string plugin_fp = record.fingerprint ? record.fingerprint : "";
  const FingerprintCheck fp = compare_fingerprints(host_fingerprint(), plugin_fp);
  if (!fp.blocking.empty()) {
    std::string found;
    for (const auto& b : fp.blocking) found += (found.empty() ? "" : "; ") + b;
    return refuse(RefusalCode::abi_fingerprint_mismatch, path, "built for another data model", host_fingerprint(),
                  found, "Rebuild the plugin for this machine (" + expected_elf_description() + ")");
  }
  for (const auto& note : fp.notes) {
    notes.push_back("built with another toolchain (" + note +
                    "); accepted because only C types cross the plugin boundary");
  }
  return std::nullopt;
}

std::optional<Refusal> check_vtable(const std::string& path, const kefu_plugin_vtable* vt) {
  const std::string expected =
      "a function table of at least " + std::to_string(sizeof(kefu_plugin_vtable)) + " bytes with every function set";
  if (!vt)
    return refuse(RefusalCode::descriptor_incomplete, path, "the factory returned no function table", expected, "none",
                  "Rebuild the plugin with KEFU_PLUGIN() from the Kefu SDK");
  std::vector<std::string> missing;
  if (!vt->info) missing.push_back("info");
  if (!vt->rules) missing.push_back("rules");
  if (!vt->words) missing.push_back("words");
  if (!vt->metric_profile) missing.push_back("metric_profile");
  if (!vt->import_native) missing.push_back("import_native");
  if (!vt->fetch) missing.push_back("fetch");
  if (!vt->destroy) missing.push_back("destroy");
  if (vt->struct_size < sizeof(kefu_plugin_vtable) || !missing.empty()) {
    std::string found = std::to_string(vt->struct_size) + " bytes";
    for (const auto& m : missing) found += ", '" + m + "' is null";
    return refuse(RefusalCode::descriptor_incomplete, path, "the function table is incomplete", expected, found,
                  "The plugin is damaged or was built with a modified SDK header; rebuild it with KEFU_PLUGIN()");
  }
  return std::nullopt;
}

}  // namespace

LoadResult load_plugin(const std::string& given_path, const LoadOptions& options, HttpService http_service) {
  std::error_code ec;
  std::string path = std::filesystem::absolute(given_path, ec).lexically_normal().string();
  if (ec) path = given_path;

  // From here on every step reads the one open, checked file, never the path again.
  PluginFile file;
  if (auto r = open_plugin_file(path, file)) return refused(std::move(*r));
  const std::string opened = file.fd_path();

  const ElfProbe probe = probe_elf(opened);
  if (!probe.loadable) {
    return refused(refuse(RefusalCode::not_shared_library, path, "not a shared library for this machine",
                          expected_elf_description(), probe.found + " (loader: " + loader_error_for(file, path) + ")",
                          "Install the plugin built for this system, or rebuild it here with kefu_add_plugin()"));
  }
  if (auto r = check_markers(path, opened)) return refused(std::move(*r));

  boost::dll::shared_library library;
  try {
    library.load(opened, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    return refused(
        refuse(RefusalCode::dependency_missing, path, "could not be loaded",
               "every library and symbol it needs to be present", named(dlerror_of(e), file, path),
               "Install the missing library (see 'ldd " + path + "') or rebuild the plugin against this system"));
  }
  resident_libraries().push_back(library);
  file.keep_open();  // the library is mapped under /proc/self/fd/N: N must not name another file later

  const auto& record = library.get_alias<const kefu_abi_record>(KEFU_ABI_RECORD_SYMBOL);
  std::vector<std::string> notes;
  if (auto r = check_record(path, record, notes)) return refused(std::move(*r));

  auto create =
      library.get_alias<std::int32_t(const kefu_host_api*, kefu_plugin_instance*, kefu_sink*)>(KEFU_FACTORY_SYMBOL);
  auto context = std::make_unique<HostContext>(path, options.config_json, std::move(http_service));
  kefu_plugin_instance instance{nullptr, nullptr};
  std::string error;
  kefu_sink error_sink = detail::string_sink(error);
  std::int32_t status = KEFU_ERROR;
  try {
    status = create(context->api(), &instance, &error_sink);
  } catch (const std::exception& e) {
    error = std::string("an exception escaped the factory: ") + e.what();
  } catch (...) {
    error = "an unknown exception escaped the factory";
  }
  if (status != KEFU_OK) {
    const std::string found = error.empty() ? "a failure with no message" : "\"" + error + "\"";
    return refused(refuse(RefusalCode::init_failed, path, "failed to initialize", "the factory to succeed", found,
                          error.empty()
                              ? "This is a bug in the plugin: it must say why it failed; report it to its authors"
                              : "Fix the cause above (configuration, data files) and retry"));
  }
  if (auto r = check_vtable(path, instance.vtable)) return refused(std::move(*r));

  const std::string sdk_version = std::to_string(record.sdk_major) + "." + std::to_string(record.sdk_minor) + "." +
                                  std::to_string(record.sdk_patch);
  auto plugin = std::make_unique<LoadedPlugin>(
      path, sdk_version, std::make_unique<InProcessCalls>(instance, std::move(context), options.limits.answer_bytes));
  for (auto& n : notes) plugin->add_note(std::move(n));
  try {
    const PlatformInfo info = plugin->query_info();
    const auto problems = validate_identity(info);
    if (!problems.empty()) {
      std::string found;
      for (const auto& p : problems) found += (found.empty() ? "" : "; ") + p;
      return refused(refuse(RefusalCode::identity_invalid, path, "its identity is malformed",
                            "a well-formed id, names, version and capabilities", found, "Fix info() in the plugin"));
    }
  } catch (const std::exception& e) {
    return refused(refuse(RefusalCode::identity_invalid, path, "info() failed", "its identity", e.what(),
                          "Fix info() in the plugin"));
  }
  return LoadResult{std::move(plugin), std::nullopt};
}

}  // namespace kefu::host
