// What Kefu fetches from TOP for one shop and date range: the agents' daily 旺旺 E客服 figures
// (average waiting time, not-replied and received customers, evaluations) and their chat logs
// (chat peers, then each conversation with next_key paging) as canonical chat messages.
#pragma once

#include "top.h"

#include <kefu/model.hpp>

#include <string>
#include <utility>
#include <vector>

namespace tmall {

// TOP's limits on the E客服 statistics calls (wangwang_apis.go): at most 7 days per call, not
// today, nothing older than 90 days, at most 30 agent ids per call. Chat peers: last month only.
inline constexpr int kMaxDaysPerCall = 7;
inline constexpr int kMaxDaysBack = 90;
inline constexpr int kChatDaysBack = 30;
inline constexpr std::size_t kMaxStaffPerCall = 30;
inline constexpr int kMaxPages = 1000;  // a guard on next_key paging, far above a real day

struct RangePlan {
  std::vector<std::pair<std::string, std::string>> chunks;  // [from, to] of each call, inclusive
  std::vector<std::string> notes;
};

// Splits [from, to] into calls TOP accepts. Days from today on are dropped with a note; a range
// reaching further back than 90 days is refused (std::invalid_argument), saying the earliest day.
RangePlan plan_ranges(const std::string& from, const std::string& to, const std::string& today);

kefu::FetchResult fetch_wangwang(const kefu::Host& host, const kefu::FetchRequest& request);

}  // namespace tmall
