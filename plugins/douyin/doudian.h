// The 抖店 Open Platform wire format: param_json canonicalization, signing, the envelope. Facts:
// docs/research/platforms.md §3.3 (zsmhub/doudian-sdk utils/sign_util.go, and an API guide
// copy at http://www.maolg.com/ProductDetail/7036311.html, 2022-09-13). 飞鸽 CS data has no
// open API (RPA only), so the plugin does not fetch CS metrics.
#pragma once

#include <string>

namespace douyin {

enum class SignMethod { hmac_sha256, md5 };

// param_json exactly as it must be signed and sent: keys sorted recursively, no HTML escaping,
// no spaces. Throws std::invalid_argument for text that is not JSON.
std::string canonical_param_json(const std::string& json);

// sign over "app_key"+k "method"+m "param_json"+p "timestamp"+t "v"+v wrapped in the secret on
// both sides: HMAC-SHA256 (key: the secret) or MD5, as lower-case hex.
std::string doudian_sign(const std::string& app_key, const std::string& app_secret, const std::string& method,
                         const std::string& param_json, const std::string& timestamp, const std::string& v,
                         SignMethod m);

// The `data` of a successful answer ({"code":10000,...} or the older {"err_no":0,...}); throws
// std::runtime_error with the platform's code and message otherwise.
std::string doudian_unwrap(const std::string& method, const std::string& body);

}  // namespace douyin
