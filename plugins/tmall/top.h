// The Taobao Open Platform (TOP) wire format: request signing, the common parameters, and the
// error envelope turned into messages that say what to do. Facts:
// docs/research/platforms.md §3.1 (signing as the official Java SDK's signTopRequest does it) and
// the TOP error-code table quoted at http://blog.unvs.cn/archives/taobao-oauth-top-error-code.html
// (2012-10-29, from the official doc) and https://www.wanfa688.com/html/Products/214243.html.
#pragma once

#include <kefu/plugin.hpp>

#include <rapidjson/document.h>

#include <functional>
#include <map>
#include <stdexcept>
#include <string>

namespace tmall {

enum class SignMethod { md5, hmac, hmac_sha256 };

// sign_method's wire name and back; the parse throws for anything else.
const char* sign_method_name(SignMethod m);
SignMethod parse_sign_method(const std::string& name);

// The TOP signature: parameters except `sign` sorted by name (byte order), concatenated as
// key1value1key2value2 (empty values skipped), then MD5(secret + s + secret), HMAC-MD5 or
// HMAC-SHA256 keyed with the secret, as upper-case hex.
std::string top_sign(const std::map<std::string, std::string>& params, const std::string& secret, SignMethod method);

struct TopCredentials {
  std::string app_key, app_secret, session;
  SignMethod sign_method = SignMethod::hmac_sha256;
};

// A TOP error_response, with the platform's code and sub_code and a message saying what to do.
class TopError : public std::runtime_error {
 public:
  TopError(int code, std::string sub_code, const std::string& message)
      : std::runtime_error(message), code_(code), sub_code_(std::move(sub_code)) {}
  int code() const { return code_; }
  const std::string& sub_code() const { return sub_code_; }

 private:
  int code_;
  std::string sub_code_;
};

// What an error_response means for the user, and what to do about it.
std::string explain_top_error(const std::string& method, int code, const std::string& msg, const std::string& sub_code,
                              const std::string& sub_msg);

class TopClient {
 public:
  // `now` gives the request timestamp, yyyy-MM-dd HH:mm:ss in GMT+8 (TOP allows 10 min skew).
  TopClient(const kefu::Host& host, std::string endpoint, TopCredentials credentials,
            std::function<std::string()> now = {});

  // Calls `method` (JSON format) and returns its `<method with . → _>_response` object. Throws
  // TopError for an error_response and std::runtime_error for an HTTP failure or a body that is
  // not the JSON TOP sends (truncated, HTML from a proxy...).
  rapidjson::Document call(const std::string& method, const std::map<std::string, std::string>& params);
  // The same for the XML-only calls (chatpeers.get): the raw XML body.
  std::string call_xml(const std::string& method, const std::map<std::string, std::string>& params);

  int calls() const { return calls_; }

 private:
  kefu::HttpResponse send(const std::string& method, const std::map<std::string, std::string>& params,
                          const char* format);

  const kefu::Host& host_;
  std::string endpoint_;
  TopCredentials credentials_;
  std::function<std::string()> now_;
  int calls_ = 0;
};

}  // namespace tmall
