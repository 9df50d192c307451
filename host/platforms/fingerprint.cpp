#include "platforms/fingerprint.h"

#include <kefu/fingerprint.h>

#include <map>
#include <sstream>

namespace kefu::host {
namespace {

std::map<std::string, std::string> parse(const std::string& fp) {
  std::map<std::string, std::string> parts;
  std::stringstream in(fp);
  std::string item;
  while (std::getline(in, item, ';')) {
    const auto eq = item.find('=');
    if (eq != std::string::npos) parts[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return parts;
}

}  // namespace

std::string host_fingerprint() { return KEFU_BUILD_FINGERPRINT; }

FingerprintCheck compare_fingerprints(const std::string& host, const std::string& plugin) {
  const auto h = parse(host), p = parse(plugin);
  FingerprintCheck check;
  for (const auto& [key, host_value] : h) {
    const auto it = p.find(key);
    const std::string plugin_value = it == p.end() ? "(missing)" : it->second;
    if (plugin_value == host_value) continue;
    const bool layout = key == "arch" || key == "data";
    if (layout) {
      check.blocking.push_back(key + " " + host_value + " (host) vs " + plugin_value + " (plugin)");
    } else {
      check.notes.push_back(key + " " + host_value + " (host) vs " + plugin_value + " (plugin)");
    }
  }
  return check;
}

}  // namespace kefu::host
