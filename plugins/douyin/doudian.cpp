#include "doudian.h"

#include <kefu/json_guard.hpp>
#include <kefu/toolkit/signing.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <stdexcept>

namespace douyin {
namespace {

void sort_keys(rapidjson::Value& v) {
  if (v.IsObject()) {
    std::sort(v.MemberBegin(), v.MemberEnd(), [](const auto& a, const auto& b) {
      return std::string_view(a.name.GetString(), a.name.GetStringLength()) <
             std::string_view(b.name.GetString(), b.name.GetStringLength());
    });
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) sort_keys(it->value);
  } else if (v.IsArray()) {
    for (auto& item : v.GetArray()) sort_keys(item);
  }
}

std::string text_of(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);  // writes UTF-8 and <>& as they are
  v.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string canonical_param_json(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse<kefu::json::kParseFlags>(json.c_str(), json.size());
  if (doc.HasParseError()) throw std::invalid_argument("param_json is not JSON");
  if (kefu::json::nesting_depth(doc, kefu::json::kMaxDepth) > kefu::json::kMaxDepth)  // sort_keys recurses
    throw std::invalid_argument("param_json is nested deeper than " + std::to_string(kefu::json::kMaxDepth) +
                                " levels (the limit)");
  sort_keys(doc);
  return text_of(doc);
}

std::string doudian_sign(const std::string& app_key, const std::string& app_secret, const std::string& method,
                         const std::string& param_json, const std::string& timestamp, const std::string& v,
                         SignMethod m) {
  const std::string pattern =
      "app_key" + app_key + "method" + method + "param_json" + param_json + "timestamp" + timestamp + "v" + v;
  const std::string wrapped = app_secret + pattern + app_secret;
  using kefu::signing::Digest;
  return m == SignMethod::md5 ? kefu::signing::hex(kefu::signing::hash(Digest::md5, wrapped))
                              : kefu::signing::hex(kefu::signing::hmac(Digest::sha256, app_secret, wrapped));
}

std::string doudian_unwrap(const std::string& method, const std::string& body) {
  rapidjson::Document doc;
  kefu::json::parse_untrusted(doc, body);
  if (doc.HasParseError() || !doc.IsObject()) throw std::runtime_error(method + ": 抖店's answer is not complete JSON");
  kefu::json::check_depth(doc, method + ": 抖店's answer");  // text_of recurses
  const bool new_ok = doc.HasMember("code") && doc["code"].IsInt() && doc["code"].GetInt() == 10000;
  const bool old_ok = doc.HasMember("err_no") && doc["err_no"].IsInt() && doc["err_no"].GetInt() == 0;
  if (!new_ok && !old_ok) {
    const char* msg_key = doc.HasMember("msg") ? "msg" : "message";
    const std::string msg = doc.HasMember(msg_key) && doc[msg_key].IsString() ? doc[msg_key].GetString() : "";
    const std::string code = doc.HasMember("code")     ? text_of(doc["code"])
                             : doc.HasMember("err_no") ? text_of(doc["err_no"])
                                                       : "?";
    throw std::runtime_error(method + ": 抖店 error " + code + (msg.empty() ? "" : " " + msg));
  }
  return doc.HasMember("data") ? text_of(doc["data"]) : "null";
}

}  // namespace douyin
