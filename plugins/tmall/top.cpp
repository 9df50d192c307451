#include "top.h"
#include "xml_scan.h"

#include <kefu/json_guard.hpp>
#include <kefu/toolkit/signing.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace tmall {
namespace {

using kefu::signing::Digest;

std::string china_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + 8 * 3600;
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string form(const std::map<std::string, std::string>& params) {
  std::string body;
  for (const auto& [k, v] : params)
    body += (body.empty() ? "" : "&") + kefu::signing::url_encode(k) + "=" + kefu::signing::url_encode(v);
  return body;
}

std::string response_key(std::string method) {
  if (method.starts_with("taobao.")) method.erase(0, 7);
  for (char& c : method)
    if (c == '.') c = '_';
  return method + "_response";
}

}  // namespace

const char* sign_method_name(SignMethod m) {
  switch (m) {
    case SignMethod::md5:
      return "md5";
    case SignMethod::hmac:
      return "hmac";
    case SignMethod::hmac_sha256:
      return "hmac-sha256";
  }
  return "";
}

SignMethod parse_sign_method(const std::string& name) {
  if (name == "md5") return SignMethod::md5;
  if (name == "hmac") return SignMethod::hmac;
  if (name == "hmac-sha256" || name.empty()) return SignMethod::hmac_sha256;
  throw std::invalid_argument("sign_method \"" + name + "\": TOP accepts md5, hmac or hmac-sha256");
}

std::string top_sign(const std::map<std::string, std::string>& params, const std::string& secret, SignMethod method) {
  std::string s;  // std::map iterates in byte order of the names, as the SDK's sort does
  for (const auto& [k, v] : params)
    if (k != "sign" && !k.empty() && !v.empty()) s += k + v;
  switch (method) {
    case SignMethod::md5:
      return kefu::signing::hex(kefu::signing::hash(Digest::md5, secret + s + secret), true);
    case SignMethod::hmac:
      return kefu::signing::hex(kefu::signing::hmac(Digest::md5, secret, s), true);
    case SignMethod::hmac_sha256:
      return kefu::signing::hex(kefu::signing::hmac(Digest::sha256, secret, s), true);
  }
  return "";
}

std::string explain_top_error(const std::string& method, int code, const std::string& msg, const std::string& sub_code,
                              const std::string& sub_msg) {
  std::string what = method + ": TOP error " + std::to_string(code) + " " + msg;
  if (!sub_code.empty()) what += " (" + sub_code + (sub_msg.empty() ? "" : ": " + sub_msg) + ")";
  std::string fix;
  if (code == 26 || code == 27 || sub_code.find("session") != std::string::npos)
    fix =
        "the shop's authorization (session key) is missing, invalid or expired: authorize the app again for this shop "
        "and update its session credential";
  else if (code == 25)
    fix = "the signature was refused: check the app_secret and sign_method configured for this shop";
  else if (code == 31)
    fix = "the timestamp was refused: this machine's clock is more than 10 minutes off; fix the clock (NTP)";
  else if (code == 11 || code == 12 || code == 13)
    fix = "the app or the account lacks permission for " + method +
          ": grant the API (旺旺/客服 package) to the app, or "
          "use the main account's authorization";
  else if (code == 7 || code == 8 || code == 4 || code == 5 || code == 6 || sub_code.find("limit") != std::string::npos)
    fix = "the call limit was reached: try again later (the platform's message says when, if it says)";
  else if (sub_code.starts_with("isp."))
    fix = "a fault on the platform's side: try again later";
  else if (code == 40 || code == 41 || sub_code.starts_with("isv."))
    fix = "the request was refused as invalid: check the shop's settings (seller_nick, staff) and the date range";
  return fix.empty() ? what : what + ": " + fix;
}

TopClient::TopClient(const kefu::Host& host, std::string endpoint, TopCredentials credentials,
                     std::function<std::string()> now)
    : host_(host), endpoint_(std::move(endpoint)), credentials_(std::move(credentials)), now_(std::move(now)) {
  if (!now_) now_ = china_now;
  if (credentials_.app_key.empty() || credentials_.app_secret.empty() || credentials_.session.empty())
    throw std::invalid_argument(
        "TOP needs app_key, app_secret and session for this shop (from the environment or the secrets file)");
}

kefu::HttpResponse TopClient::send(const std::string& method, const std::map<std::string, std::string>& business,
                                   const char* format) {
  // System parameters go in the query string and business ones in the body, as the official
  // SDK sends them; the signature covers both.
  std::map<std::string, std::string> system{{"method", method},
                                            {"app_key", credentials_.app_key},
                                            {"session", credentials_.session},
                                            {"timestamp", now_()},
                                            {"v", "2.0"},
                                            {"sign_method", sign_method_name(credentials_.sign_method)},
                                            {"format", format}};
  std::map<std::string, std::string> all = system;
  all.insert(business.begin(), business.end());
  system["sign"] = top_sign(all, credentials_.app_secret, credentials_.sign_method);
  kefu::HttpRequest request;
  request.method = "POST";
  request.url = endpoint_ + (endpoint_.find('?') == std::string::npos ? "?" : "&") + form(system);
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded;charset=utf-8"}};
  request.body = form(business);
  request.secrets = {credentials_.app_secret, credentials_.session, system["sign"]};
  ++calls_;
  kefu::HttpResponse response = host_.http(request);
  if (response.status != 200)
    throw std::runtime_error(
        method + ": HTTP " + std::to_string(response.status) + " from the TOP gateway" +
        (response.attempts > 1 ? " after " + std::to_string(response.attempts) + " attempts" : ""));
  return response;
}

rapidjson::Document TopClient::call(const std::string& method, const std::map<std::string, std::string>& params) {
  const kefu::HttpResponse response = send(method, params, "json");
  rapidjson::Document doc;
  kefu::json::parse_untrusted(doc, response.body);  // a broken emoji (\ud83d alone) becomes U+FFFD
  if (doc.HasParseError() || !doc.IsObject())
    throw std::runtime_error(method + ": the gateway's answer is not complete JSON (" +
                             std::to_string(response.body.size()) +
                             " bytes; cut off or not from TOP): nothing from this call is used");
  if (doc.HasMember("error_response")) {
    const auto& e = doc["error_response"];
    auto str = [&](const char* k) {
      return e.HasMember(k) && e[k].IsString() ? std::string(e[k].GetString()) : std::string();
    };
    const int code = e.HasMember("code") && e["code"].IsInt() ? e["code"].GetInt() : 0;
    throw TopError(code, str("sub_code"), explain_top_error(method, code, str("msg"), str("sub_code"), str("sub_msg")));
  }
  const std::string key = response_key(method);
  if (!doc.HasMember(key.c_str()) || !doc[key.c_str()].IsObject())
    throw std::runtime_error(method + ": the answer lacks " + key);
  kefu::json::check_depth(doc, method + ": the gateway's answer");  // CopyFrom recurses
  rapidjson::Document out;
  out.CopyFrom(doc[key.c_str()], out.GetAllocator());
  return out;
}

std::string TopClient::call_xml(const std::string& method, const std::map<std::string, std::string>& params) {
  kefu::HttpResponse response = send(method, params, "xml");
  if (const auto e = xml::error_response(response.body))
    throw TopError(e->code, e->sub_code, explain_top_error(method, e->code, e->msg, e->sub_code, ""));
  const std::string close = "</" + response_key(method) + ">";
  if (response.body.find(close) == std::string::npos)
    throw std::runtime_error(method + ": the gateway's XML answer is incomplete (no " + close +
                             "): nothing from this call is used");
  return std::move(response.body);
}

}  // namespace tmall
