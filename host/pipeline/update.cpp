#include "pipeline/update.h"

#include "base/file.h"
#include "base/output_file.h"
#include "model/validate.h"
#include "platforms/word_sources.h"
#include "store/store_url.h"

#include <kefu/json.hpp>
#include <kefu/toolkit/signing.hpp>

#include <rapidjson/document.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace kefu::host::update {
namespace {

namespace fs = std::filesystem;

// What the previous download said about itself, for the conditional request.
struct Meta {
  std::string url, etag, last_modified, sha256, day;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("url", s.url);
    v("etag", s.etag);
    v("last_modified", s.last_modified);
    v("sha256", s.sha256);
    v("day", s.day);
  }
};

std::string header(const HttpResponse& r, std::string_view name) {
  const std::string* value = find_header(r, name);
  return value ? *value : "";
}

// Empty when `body` is a usable word list, else why not: the same reader as the merchant layer
// (every bad line named; a team's own categories accepted).
std::string invalid_content(const config::UpdateSource& u, const std::string& body, const std::string& dir) {
  const std::string probe = dir + "/." + u.name + ".download";
  write_file_atomically(probe, [&](std::ostream& out) { out << body; });
  std::string why;
  try {
    words::read_merchant_word_files({{probe, "kefu update " + u.name}});
  } catch (const std::exception& e) {
    why = e.what();
  }
  fs::remove(probe);
  return why;
}

Outcome update_one(const config::UpdateSource& u, const std::string& dir, HttpClient& http, store::Store& store,
                   const std::string& today) {
  Outcome out{u.name, Outcome::State::failed, "", ""};
  const std::string file = dir + "/" + u.name, meta_file = file + ".meta.json";
  Meta meta;
  std::string damaged;  // why the record of the previous download could not be read
  if (fs::exists(file) && fs::exists(meta_file)) {
    out.active_file = file;
    try {
      const auto text = read_whole_file(meta_file);
      if (!text) throw std::runtime_error(meta_file + ": cannot be read");
      meta = json::read<Meta>(*text, meta_file);
    } catch (const std::exception& e) {
      // One damaged record costs this source its conditional request, not the other sources.
      meta = Meta{};
      damaged = std::string(e.what()) + "; downloaded afresh";
    }
  }
  const std::string previous = out.active_file.empty() ? "no previous version"
                               : meta.day.empty()      ? "the previous version stays active"
                                                       : "the version of " + meta.day + " stays active";
  auto noted = [&](Outcome o) {
    if (!damaged.empty()) o.message += " (its record " + meta_file + " was damaged: " + damaged + ")";
    return o;
  };
  HttpRequest request;
  request.url = u.url;
  if (meta.url == u.url) {  // a changed URL starts afresh
    if (!meta.etag.empty()) request.headers.push_back({"If-None-Match", meta.etag});
    if (!meta.last_modified.empty()) request.headers.push_back({"If-Modified-Since", meta.last_modified});
  }
  HttpResponse response;
  try {
    response = http.send(request);
  } catch (const std::exception& e) {
    out.message = std::string("download failed: ") + e.what() + "; " + previous;
    return noted(out);
  }
  if (response.status == 304 && !out.active_file.empty()) {
    out.state = Outcome::State::unchanged;
    out.message = "unchanged since " + meta.day;
    return out;
  }
  if (response.status != 200) {
    out.message = "download failed: HTTP " + std::to_string(response.status) + "; " + previous;
    return noted(out);
  }
  const std::string sha = kefu::signing::hex(kefu::signing::hash(kefu::signing::Digest::sha256, response.body));
  if (!u.sha256.empty() && sha != u.sha256) {
    out.message = "SHA-256 mismatch: the config pins " + u.sha256 + ", the download is " + sha + "; " + previous;
    return noted(out);
  }
  if (const std::string why = invalid_content(u, response.body, dir); !why.empty()) {
    out.message = "the download is not a valid " + u.kind + " file: " + why + "; " + previous;
    return noted(out);
  }
  if (sha == meta.sha256 && !out.active_file.empty()) {
    out.state = Outcome::State::unchanged;
    out.message = "same content as " + meta.day;
  } else {
    write_file_atomically(file, [&](std::ostream& o) { o << response.body; });
    out.state = Outcome::State::updated;
    out.message = "new version (sha256 " + sha.substr(0, 12) + "…)";
    if (store.snapshot(u.platform, u.kind + ":" + u.name, today, response.body))
      out.message += "; snapshot dated " + today;
  }
  meta = Meta{u.url, header(response, "ETag"), header(response, "Last-Modified"), sha,
              out.state == Outcome::State::updated ? today : meta.day};
  write_file_atomically(meta_file, [&](std::ostream& o) { o << json::write(meta); });
  out.active_file = file;
  return noted(out);
}

// <store>.updates must be a directory of ours: never a link (a chmod or a write through it would
// land wherever it points), never something else.
void prepare_updates_dir(const std::string& dir) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    if (errno != ENOENT) throw std::runtime_error("updates directory " + dir + ": " + std::strerror(errno));
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
      throw std::runtime_error("cannot create the updates directory " + dir + ": " + std::strerror(errno));
  } else if (S_ISLNK(st.st_mode)) {
    std::error_code ec;
    throw std::runtime_error(
        "the updates directory " + dir + " is a symbolic link to " + fs::read_symlink(dir, ec).string() +
        "; kefu keeps downloads only in a real directory beside the store. Remove the link (kefu creates "
        "the directory), or move the store");
  } else if (!S_ISDIR(st.st_mode)) {
    throw std::runtime_error("the updates directory " + dir +
                             " is not a directory: move that file away (kefu creates the directory)");
  }
  // The mode set on the directory opened without following a link.
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("updates directory " + dir + ": " + std::strerror(errno));
  const int rc = ::fchmod(fd, 0755);
  const int e = errno;
  ::close(fd);
  if (rc != 0) throw std::runtime_error("updates directory " + dir + ": cannot set its mode: " + std::strerror(e));
}

}  // namespace

std::string updates_dir(const config::Config& config) {
  if (!store::is_postgres_url(config.store)) return config.store + ".updates";
  // A store on a server has no folder of its own here: the files go beside the config.
  const std::string folder = config.path.empty() ? "" : fs::path(config.path).parent_path().string();
  return (folder.empty() ? std::string(".") : folder) + "/kefu.updates";
}

std::vector<Outcome> run_updates(const config::Config& config, HttpClient& http, store::Store& store,
                                 const std::string& today) {
  const std::string dir = updates_dir(config);
  prepare_updates_dir(dir);
  std::vector<Outcome> out;
  for (const auto& u : config.updates) {
    try {
      out.push_back(update_one(u, dir, http, store, today));
    } catch (const std::exception& e) {  // one source failing (a file, the store) does not stop the others
      out.push_back(Outcome{u.name, Outcome::State::failed, e.what(), ""});
    }
  }
  return out;
}

std::vector<std::string> active_word_files(const config::Config& config, const std::string& platform) {
  std::vector<std::string> files;
  for (const auto& u : config.updates) {
    const std::string file = updates_dir(config) + "/" + u.name;
    if (u.kind == "words" && (platform.empty() || u.platform == platform) && fs::exists(file)) files.push_back(file);
  }
  return files;
}

std::vector<words::MerchantFile> merchant_word_files(const config::Config& config, const std::string& platform) {
  std::vector<words::MerchantFile> out;
  if (const auto it = config.word_files.find(platform); it != config.word_files.end())
    for (const std::string& f : it->second) out.push_back({f, "kefu.json words." + platform});
  for (const auto& u : config.updates) {
    const std::string file = updates_dir(config) + "/" + u.name;
    if (u.kind == "words" && u.platform == platform && fs::exists(file)) out.push_back({file, "kefu update " + u.name});
  }
  return out;
}

WordList merchant_word_list(const config::Config& config, const std::string& platform) {
  return words::read_merchant_word_files(merchant_word_files(config, platform));
}

void add_merchant_layers(std::vector<words::PlatformWords>& platforms, const config::Config& config) {
  for (words::PlatformWords& p : platforms) p.merchant = merchant_word_list(config, p.id);
}

std::vector<std::string> mode_word_files(const config::Config& config, const std::vector<words::PlatformWords>& platforms,
                                         const std::vector<std::string>& user_files) {
  std::vector<std::string> out;
  for (const words::PlatformWords& p : platforms)
    for (const words::MerchantFile& f : merchant_word_files(config, p.id))
      if (std::find(out.begin(), out.end(), f.path) == out.end()) out.push_back(f.path);
  out.insert(out.end(), user_files.begin(), user_files.end());
  return out;
}

words::Lexicon scan_lexicon(const PluginRegistry& registry, const config::Config& config,
                            const std::vector<std::string>& platforms, const std::vector<std::string>& user_words,
                            const std::vector<std::string>& user_allow) {
  auto lists = words::plugin_word_lists(registry, platforms);
  add_merchant_layers(lists, config);
  const words::CategoryModes modes = words::category_modes(mode_word_files(config, lists, user_words));
  return words::Lexicon(words::common_word_list(), std::move(lists), words::read_user_word_files(user_words, user_allow),
                        {}, modes);
}

}  // namespace kefu::host::update
