#include "pipeline/credentials.h"

#include "base/file.h"
#include "base/private_file.h"

#include <rapidjson/document.h>

#include <cstdlib>

namespace kefu::host::fetch {

std::string credential_variable(const std::string& shop_id, const std::string& name) {
  std::string v = "KEFU_";
  for (char c : shop_id + "_" + name) {
    const char u = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    v += ((u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')) ? u : '_';
  }
  return v;
}

std::vector<Setting> load_credentials(const std::string& shop_id, const std::string& secrets_file) {
  std::vector<Setting> out;
  rapidjson::Document doc;
  if (!secrets_file.empty()) {
    check_private_file("secrets file", secrets_file);
    const auto text = read_whole_file(secrets_file);
    if (!text) throw std::runtime_error("secrets file " + secrets_file + ": cannot be read");
    doc.Parse<rapidjson::kParseIterativeFlag>(text->c_str(), text->size());  // no recursion on [[[[
    // The parser's message could quote the file; only the position is reported.
    if (doc.HasParseError() || !doc.IsObject())
      throw std::runtime_error("secrets file " + secrets_file +
                               ": not a JSON object {\"shops\": {\"<id>\": {...}}} (error at byte " +
                               std::to_string(doc.GetErrorOffset()) + ")");
  }
  const rapidjson::Value* shop = nullptr;
  if (doc.IsObject() && doc.HasMember("shops") && doc["shops"].IsObject() && doc["shops"].HasMember(shop_id.c_str()))
    shop = &doc["shops"][shop_id.c_str()];
  for (const char* name : kCredentialNames) {
    if (const char* env = std::getenv(credential_variable(shop_id, name).c_str()); env && *env) {
      out.push_back({name, env});
    } else if (shop && shop->IsObject() && shop->HasMember(name) && (*shop)[name].IsString()) {
      out.push_back({name, (*shop)[name].GetString()});
    }
  }
  return out;
}

std::vector<std::string> secret_values(const std::vector<Setting>& credentials) {
  std::vector<std::string> out;
  for (const Setting& s : credentials)
    if (s.name != "sign_method") out.push_back(s.value);
  return out;
}

}  // namespace kefu::host::fetch
