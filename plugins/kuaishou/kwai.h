// The 快手电商开放平台 wire format: signing and the envelope. Facts:
// docs/research/platforms.md §3.4 (AndersonBY/kwaixiaodian-python-sdk, MIT: auth/signature.py
// and its copy of official doc 401853, whose Java sign() this follows). The CS APIs offer
// routing groups (分流组), not metrics or chat logs, so the plugin does not fetch; no public
// source found gives the answer envelope, so none is parsed here.
#pragma once

#include <map>
#include <string>

namespace kuaishou {

enum class SignMethod { md5, hmac_sha256 };

// The parameters access_token, appkey, method, param, signMethod, timestamp, version with empty
// ones dropped, sorted by key, joined k=v&k=v, then "&signSecret=<secret>"; MD5 as lower-case
// hex, or HMAC-SHA256 keyed with the signSecret as Base64 (not hex, unlike 抖店). Signed before
// URL encoding.
std::string kwai_sign(const std::map<std::string, std::string>& params, const std::string& sign_secret, SignMethod m);

}  // namespace kuaishou
