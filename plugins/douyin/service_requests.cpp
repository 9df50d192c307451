#include "service_requests.h"

#include "doudian.h"

#include <kefu/catalog.hpp>
#include <kefu/json_guard.hpp>
#include <kefu/toolkit/dates.hpp>
#include <kefu/toolkit/signing.hpp>

#include <rapidjson/document.h>

#include <chrono>
#include <ctime>
#include <map>

namespace douyin {
namespace {

constexpr const char* kProduction = "https://openapi-fxg.jinritemai.com";
constexpr const char* kMethod = "order.getServiceList";
constexpr std::int64_t kChina = 8 * 3600;

std::string setting(const std::vector<kefu::Setting>& settings, const std::string& name) {
  for (const auto& s : settings)
    if (s.name == name) return s.value;
  return "";
}

std::string china_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + kChina;
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

// create_time as the China day it falls on: epoch seconds, or "YYYY-MM-DD HH:MM:SS" (+08:00).
std::string china_day_of(const std::string& t) {
  if (!t.empty() && t.find_first_not_of("0123456789") == std::string::npos)
    return kefu::dates::format_day(static_cast<std::int32_t>((std::stoll(t) + kChina) / 86400));
  return kefu::dates::parse_day(t.substr(0, 10)) ? t.substr(0, 10) : "";
}

std::string field(const rapidjson::Value& item, const char* key) {
  if (!item.HasMember(key)) return "";
  const auto& v = item[key];
  if (v.IsString()) return v.GetString();
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  return "";
}

}  // namespace

kefu::FetchResult fetch_service_requests(const kefu::Host& host, const kefu::FetchRequest& request) {
  const std::string app_key = setting(request.credentials, "app_key"),
                    secret = setting(request.credentials, "app_secret"),
                    token = setting(request.credentials, "access_token");
  if (app_key.empty() || secret.empty() || token.empty())
    throw std::invalid_argument(
        "抖店 needs app_key, app_secret and access_token for this shop (from the environment or the secrets file)");
  const SignMethod sign_method =
      setting(request.credentials, "sign_method") == "md5" ? SignMethod::md5 : SignMethod::hmac_sha256;
  const auto from = kefu::dates::parse_day(request.from), to = kefu::dates::parse_day(request.to);
  if (!from || !to || *to < *from)
    throw std::invalid_argument("the range " + request.from + ".." + request.to + " is not a range of days");
  // The window in epoch seconds, China days (the SDK calls them 时间戳; seconds, as 抖店's other timestamps).
  const std::int64_t start = static_cast<std::int64_t>(*from) * 86400 - kChina,
                     end = (static_cast<std::int64_t>(*to) + 1) * 86400 - kChina - 1;
  const std::string endpoint = request.endpoint.empty() ? kProduction : request.endpoint;

  std::map<std::string, std::pair<int, int>> per_day;  // day → created, replied
  std::int64_t seen = 0, total = -1;
  int calls = 0;
  for (int page = 1; total < 0 || seen < total; ++page) {
    if (page > kMaxPages) throw std::runtime_error(std::string(kMethod) + ": more than 1000 pages; stopped");
    const std::string param =
        canonical_param_json("{\"start_time\":" + std::to_string(start) + ",\"end_time\":" + std::to_string(end) +
                             ",\"order_by\":\"create_time\",\"page\":" + std::to_string(page) +
                             ",\"size\":" + std::to_string(kPageSize) + "}");
    const std::string timestamp = china_now();
    const std::string sign = doudian_sign(app_key, secret, kMethod, param, timestamp, "2", sign_method);
    kefu::HttpRequest http;
    http.method = "POST";
    http.url = endpoint + "/order/getServiceList?app_key=" + kefu::signing::url_encode(app_key) + "&method=" + kMethod +
               "&access_token=" + kefu::signing::url_encode(token) + "&param_json=" + kefu::signing::url_encode(param) +
               "&timestamp=" + kefu::signing::url_encode(timestamp) +
               "&v=2&sign_method=" + (sign_method == SignMethod::md5 ? "md5" : "hmac-sha256") + "&sign=" + sign;
    http.headers = {{"Content-Type", "application/json"}};
    http.body = param;
    http.secrets = {secret, token, sign};
    ++calls;
    const kefu::HttpResponse response = host.http(http);
    if (response.status != 200)
      throw std::runtime_error(std::string(kMethod) + ": HTTP " + std::to_string(response.status));
    rapidjson::Document data;
    const std::string text = doudian_unwrap(kMethod, response.body);
    kefu::json::parse_untrusted(data, text);
    if (!data.IsObject() || !data.HasMember("list") || !data["list"].IsArray())
      throw std::runtime_error(std::string(kMethod) + ": the answer's data has no list");
    total = data.HasMember("total") && data["total"].IsInt64() ? data["total"].GetInt64() : 0;
    const auto& list = data["list"].GetArray();
    if (list.Empty() && seen < total)
      throw std::runtime_error(std::string(kMethod) + ": paging ended at " + std::to_string(seen) + " of " +
                               std::to_string(total) +
                               " requests; the range would be incomplete, so nothing of it is kept");
    for (const auto& item : list) {
      ++seen;
      const std::string day = china_day_of(field(item, "create_time"));
      if (day.empty()) continue;
      auto& counts = per_day[day];
      ++counts.first;
      const std::string reply_time = field(item, "reply_time");
      if (!field(item, "reply").empty() || (!reply_time.empty() && reply_time != "0")) ++counts.second;
    }
  }
  kefu::FetchResult result;
  for (const auto& [day, counts] : per_day) {
    result.values.push_back({"douyin", request.shop_id, "", day, "服务请求数(API)", "服务请求数(API)",
                             static_cast<double>(counts.first), kefu::Availability::available,
                             std::string(kefu::origin::api)});
    result.values.push_back({"douyin", request.shop_id, "", day, "已回复服务请求数(API)", "已回复服务请求数(API)",
                             static_cast<double>(counts.second), kefu::Availability::available,
                             std::string(kefu::origin::api)});
  }
  result.notes.push_back(std::to_string(seen) + " service requests in " + std::to_string(calls) + " calls to " +
                         kMethod);
  return result;
}

}  // namespace douyin
