// Each platform's request signature against vectors computed independently with Python's
// hashlib, hmac and base64 (the commands are in the comments), and the answer envelopes.
#include "doudian.h"
#include "jos.h"
#include "kwai.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using ::testing::HasSubstr;

// secret + "".join(k + v for k, v in sorted(p.items())) + secret → hashlib.md5(...).hexdigest().upper()
TEST(JosSign, MatchesAnIndependentVector) {
  const std::map<std::string, std::string> p{{"method", "jingdong.pop.order.search"},
                                             {"app_key", "JDKEY"},
                                             {"access_token", "tok-1"},
                                             {"timestamp", "2026-11-16 10:00:00"},
                                             {"v", "2.0"},
                                             {"format", "json"},
                                             {"sign_method", "md5"},
                                             {"360buy_param_json", R"({"page":"1","page_size":"10"})"}};
  EXPECT_EQ(jd::jos_sign(p, "jd-secret-42"), "31A3F02BAB6871C7FDE3D2CC5DE62063");
  auto signed_already = p;
  signed_already["sign"] = "whatever";
  EXPECT_EQ(jd::jos_sign(signed_already, "jd-secret-42"), "31A3F02BAB6871C7FDE3D2CC5DE62063");
}

TEST(JosEnvelope, SpelledResponce) {
  EXPECT_EQ(jd::jos_response_key("jingdong.sku.read.findSkuById"), "jingdong_sku_read_findSkuById_responce");
  EXPECT_EQ(jd::jos_unwrap("jingdong.x.get", R"({"jingdong_x_get_responce":{"code":"0","result":[1]}})"),
            R"({"code":"0","result":[1]})");
  EXPECT_THAT([] { jd::jos_unwrap("jingdong.x.get", R"({"error_response":{"code":"19","zh_desc":"token过期"}})"); },
              ::testing::ThrowsMessage<std::runtime_error>(HasSubstr("JD error {\"code\":\"19\"")));
  EXPECT_THROW(jd::jos_unwrap("jingdong.x.get", R"({"jingdong_x_get_res)"), std::runtime_error);
}

// json.dumps(obj, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
TEST(DoudianParamJson, KeysSortedRecursivelyNoHtmlEscaping) {
  EXPECT_EQ(douyin::canonical_param_json(R"({"size": 10, "page": 0, "b": {"z": "<&>", "a": "中文"}})"),
            R"({"b":{"a":"中文","z":"<&>"},"page":0,"size":10})");
  EXPECT_EQ(douyin::canonical_param_json(R"([{"b":1,"a":[{"d":1,"c":2}]}])"), R"([{"a":[{"c":2,"d":1}],"b":1}])");
  EXPECT_THROW(douyin::canonical_param_json("{oops"), std::invalid_argument);
}

// w = secret + "app_key"+k + "method"+m + "param_json"+pj + "timestamp"+ts + "v"+"2" + secret
// hmac.new(secret, w, sha256).hexdigest(); hashlib.md5(w).hexdigest()
TEST(DoudianSign, MatchesIndependentVectors) {
  const std::string pj = R"({"b":{"a":"中文","z":"<&>"},"page":0,"size":10})";
  EXPECT_EQ(douyin::doudian_sign("7001", "dd-secret", "order.searchList", pj, "2026-11-16 10:00:00", "2",
                                 douyin::SignMethod::hmac_sha256),
            "1decaeab6878d520e7d9836089f46d86e775f289769b4d8a8a1f7f221d996fe8");
  EXPECT_EQ(douyin::doudian_sign("7001", "dd-secret", "order.searchList", pj, "2026-11-16 10:00:00", "2",
                                 douyin::SignMethod::md5),
            "de1a467f34fed40020348db6b14638d2");
}

TEST(DoudianEnvelope, NewAndOldSuccessShapes) {
  EXPECT_EQ(douyin::doudian_unwrap("order.searchList", R"({"code":10000,"msg":"success","data":{"total":0}})"),
            R"({"total":0})");
  EXPECT_EQ(douyin::doudian_unwrap("order.searchList", R"({"err_no":0,"message":"success","data":[]})"), "[]");
  EXPECT_THAT([] { douyin::doudian_unwrap("order.searchList", R"({"code":30001,"msg":"access_token已过期"})"); },
              ::testing::ThrowsMessage<std::runtime_error>(HasSubstr("抖店 error 30001 access_token已过期")));
}

// st = "&".join(f"{k}={v}" for k, v in sorted(p.items())) + "&signSecret=" + secret
// hashlib.md5(st).hexdigest(); base64.b64encode(hmac.new(secret, st, sha256).digest())
TEST(KwaiSign, Md5HexAndHmacBase64) {
  std::map<std::string, std::string> p{{"access_token", "ks-tok"},
                                       {"appkey", "ks123"},
                                       {"method", "open.cs.dispatching.group.query"},
                                       {"param", R"({"groupId":1})"},
                                       {"timestamp", "1763258400000"},
                                       {"version", "1"},
                                       {"signMethod", "MD5"}};
  EXPECT_EQ(kuaishou::kwai_sign(p, "ks-sign-secret", kuaishou::SignMethod::md5), "559aa2bd02194e2071e4e34960794d07");
  p["signMethod"] = "HMAC_SHA256";
  EXPECT_EQ(kuaishou::kwai_sign(p, "ks-sign-secret", kuaishou::SignMethod::hmac_sha256),
            "4KTaty7eAeCU3A/EGXOTP/ojpL3IUpDJTQgB/3TlAbk=");
  p["sign"] = "x";  // neither sign nor other parameters are signed
  p["extra"] = "y";
  EXPECT_EQ(kuaishou::kwai_sign(p, "ks-sign-secret", kuaishou::SignMethod::hmac_sha256),
            "4KTaty7eAeCU3A/EGXOTP/ojpL3IUpDJTQgB/3TlAbk=");
}

}  // namespace
