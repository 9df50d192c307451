// The JD Open Platform (JOS, 宙斯) wire format: signing and the response envelope. Facts:
// docs/research/platforms.md §3.2 (public JOS clients citing http://jos.jd.com/doc/channel.htm?id=157).
// No JOS API for 咚咚 CS metrics or chat logs was found, so the plugin does not fetch; this is
// the client a future CS call would use, tested against independently computed vectors.
#pragma once

#include <map>
#include <string>

namespace jd {

// UPPER(MD5(app_secret + k1v1k2v2... + app_secret)) over the system parameters and
// 360buy_param_json, sorted by name, `sign` excluded.
std::string jos_sign(const std::map<std::string, std::string>& params, const std::string& app_secret);

// The member a JOS answer is wrapped in: the method with '.' → '_' and JD's own spelling
// "_responce" (sic), e.g. jingdong_sku_read_findSkuById_responce.
std::string jos_response_key(const std::string& method);

// The business result inside a JOS answer (JSON text of the `_responce` member); throws
// std::runtime_error quoting JD's error_response when there is one.
std::string jos_unwrap(const std::string& method, const std::string& body);

}  // namespace jd
