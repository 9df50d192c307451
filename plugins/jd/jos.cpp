#include "jos.h"

#include <kefu/json_guard.hpp>
#include <kefu/toolkit/signing.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

namespace jd {
namespace {

std::string text_of(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string jos_sign(const std::map<std::string, std::string>& params, const std::string& app_secret) {
  std::string s = app_secret;
  for (const auto& [k, v] : params)
    if (k != "sign") s += k + v;
  s += app_secret;
  return kefu::signing::hex(kefu::signing::hash(kefu::signing::Digest::md5, s), true);
}

std::string jos_response_key(const std::string& method) {
  std::string key = method;
  for (char& c : key)
    if (c == '.') c = '_';
  return key + "_responce";
}

std::string jos_unwrap(const std::string& method, const std::string& body) {
  rapidjson::Document doc;
  kefu::json::parse_untrusted(doc, body);
  if (doc.HasParseError() || !doc.IsObject()) throw std::runtime_error(method + ": JD's answer is not complete JSON");
  kefu::json::check_depth(doc, method + ": JD's answer");  // text_of recurses
  if (doc.HasMember("error_response"))
    throw std::runtime_error(method + ": JD error " + text_of(doc["error_response"]));
  const std::string key = jos_response_key(method);
  if (!doc.HasMember(key.c_str())) throw std::runtime_error(method + ": the answer lacks " + key);
  return text_of(doc[key.c_str()]);
}

}  // namespace jd
