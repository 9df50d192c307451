#include "kwai.h"

#include <kefu/toolkit/signing.hpp>

namespace kuaishou {

std::string kwai_sign(const std::map<std::string, std::string>& params, const std::string& sign_secret, SignMethod m) {
  static const char* const kSigned[] = {"access_token", "appkey",    "method", "param",
                                        "signMethod",   "timestamp", "version"};
  std::string s;
  for (const auto& [k, v] : params) {  // std::map: sorted by key
    bool in = false;
    for (const char* name : kSigned) in = in || k == name;
    if (in && !v.empty()) s += (s.empty() ? "" : "&") + k + "=" + v;
  }
  s += "&signSecret=" + sign_secret;
  using kefu::signing::Digest;
  return m == SignMethod::md5 ? kefu::signing::hex(kefu::signing::hash(Digest::md5, s))
                              : kefu::signing::base64(kefu::signing::hmac(Digest::sha256, sign_secret, s));
}

}  // namespace kuaishou
