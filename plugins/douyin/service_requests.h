// 抖店 服务请求 (customer service requests on orders, order.getServiceList) counted per day: the
// only CS-adjacent data 抖店's open API offers. Request and answer fields: zsmhub/doudian-sdk
// api/order_getServiceList (generated from 抖店's API metadata).
#pragma once

#include <kefu/plugin.hpp>

namespace douyin {

inline constexpr int kPageSize = 100;   // the API's maximum per page
inline constexpr int kMaxPages = 1000;  // a guard on paging

// Shop-level daily counts (by the request's create time, China days): requests created, and
// those with a reply. Throws with the platform's code and message on an error answer.
kefu::FetchResult fetch_service_requests(const kefu::Host& host, const kefu::FetchRequest& request);

}  // namespace douyin
