#include "wangwang.h"
#include "xml_scan.h"

#include <kefu/catalog.hpp>
#include <kefu/toolkit/dates.hpp>

#include <algorithm>
#include <set>

namespace tmall {
namespace {

constexpr const char* kProduction = "https://gw.api.taobao.com/router/rest";
constexpr const char* kStaffPrefix = "cntaobao";

std::string setting(const std::vector<kefu::Setting>& settings, const std::string& name) {
  for (const auto& s : settings)
    if (s.name == name) return s.value;
  return "";
}

std::vector<std::string> split_ids(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    std::string id = list.substr(start, comma - start);
    id.erase(0, id.find_first_not_of(' '));
    id.erase(id.find_last_not_of(' ') + 1);
    if (!id.empty()) out.push_back(id);
    start = comma + 1;
  }
  return out;
}

std::string nick_of(const std::string& staff_id) {
  return staff_id.starts_with(kStaffPrefix) ? staff_id.substr(std::string_view(kStaffPrefix).size()) : staff_id;
}

// TOP's JSON writes a list either as an array or as an object holding one array
// ({"waiting_time_by_id": [...]}); both are read.
const rapidjson::Value* list_of(const rapidjson::Value& v) {
  if (v.IsArray()) return &v;
  if (v.IsObject() && v.MemberCount() == 1 && v.MemberBegin()->value.IsArray()) return &v.MemberBegin()->value;
  return nullptr;
}

template <class F>
void each(const rapidjson::Value& parent, const char* key, F f) {
  if (!parent.IsObject() || !parent.HasMember(key)) return;
  if (const rapidjson::Value* list = list_of(parent[key]))
    for (const auto& item : list->GetArray()) f(item);
}

std::string str(const rapidjson::Value& v, const char* key) {
  if (!v.IsObject() || !v.HasMember(key)) return "";
  const auto& x = v[key];
  if (x.IsString()) return x.GetString();
  if (x.IsInt64()) return std::to_string(x.GetInt64());
  if (x.IsNumber()) return std::to_string(x.GetDouble());
  return "";
}

double num(const rapidjson::Value& v, const char* key) {
  const std::string s = str(v, key);
  try {
    return s.empty() ? 0 : std::stod(s);
  } catch (const std::exception&) {
    throw std::runtime_error(std::string("TOP field ") + key + " is not a number: \"" + s + "\"");
  }
}

// 2026-11-16 09:00:01 in GMT+8 → epoch ms; 0 when unreadable.
std::int64_t china_ms(const std::string& t) {
  const auto day = kefu::dates::parse_day(std::string_view(t).substr(0, std::min<std::size_t>(10, t.size())));
  int h, m, s;
  if (!day || t.size() < 19 || std::sscanf(t.c_str() + 11, "%d:%d:%d", &h, &m, &s) != 3) return 0;
  return ((static_cast<std::int64_t>(*day) * 86400 + h * 3600 + m * 60 + s) - 8 * 3600) * 1000;
}

class Fetcher {
 public:
  Fetcher(const kefu::Host& host, const kefu::FetchRequest& request)
      : request_(request),
        client_(host, request.endpoint.empty() ? kProduction : request.endpoint,
                TopCredentials{setting(request.credentials, "app_key"), setting(request.credentials, "app_secret"),
                               setting(request.credentials, "session"),
                               parse_sign_method(setting(request.credentials, "sign_method"))}) {}

  kefu::FetchResult run() {
    const RangePlan plan = plan_ranges(request_.from, request_.to, request_.today);
    result_.notes = plan.notes;
    const std::vector<std::string> staff = roster();
    for (const auto& [from, to] : plan.chunks) {
      for (std::size_t i = 0; i < staff.size(); i += kMaxStaffPerCall) {
        const std::vector<std::string> batch(
            staff.begin() + static_cast<std::ptrdiff_t>(i),
            staff.begin() + static_cast<std::ptrdiff_t>(std::min(staff.size(), i + kMaxStaffPerCall)));
        statistics(batch, from, to);
      }
      chat_logs(staff, from, to);
    }
    result_.notes.push_back(std::to_string(client_.calls()) + " TOP calls for " + std::to_string(staff.size()) +
                            " agents");
    if (!chat_note_.empty()) result_.notes.push_back(chat_note_);
    return std::move(result_);
  }

 private:
  // The agents: the shop's `staff` setting (nicks, comma-separated), else every member of the
  // seller's E客服 routing groups.
  std::vector<std::string> roster() {
    std::vector<std::string> ids;
    for (const auto& nick : split_ids(setting(request_.options, "staff"))) ids.push_back(kStaffPrefix + nick);
    if (!ids.empty()) return ids;
    const std::string seller = setting(request_.options, "seller_nick");
    if (seller.empty())
      throw std::invalid_argument("shop " + request_.shop_id +
                                  ": set seller_nick (the main account's nick) or staff in the config");
    const auto doc = client_.call("taobao.wangwang.eservice.groupmember.get", {{"manager_id", kStaffPrefix + seller}});
    std::set<std::string> seen;
    each(doc, "group_member_list", [&](const rapidjson::Value& g) {
      for (auto& id : split_ids(str(g, "member_list")))
        if (seen.insert(id).second) ids.push_back(id);
    });
    if (ids.empty())
      throw std::runtime_error("shop " + request_.shop_id + ": TOP lists no E客服 group members for " + seller);
    return ids;
  }

  void put(const std::string& staff_id, const std::string& day, std::string_view metric, const std::string& native,
           double value) {
    result_.values.push_back({"tmall", request_.shop_id, nick_of(staff_id), day, std::string(metric), native, value,
                              kefu::Availability::available, std::string(kefu::origin::api)});
  }

  void statistics(const std::vector<std::string>& staff, const std::string& from, const std::string& to) {
    std::string ids;
    for (const auto& s : staff) ids += (ids.empty() ? "" : ",") + s;
    const std::map<std::string, std::string> p{{"service_staff_id", ids}, {"start_date", from}, {"end_date", to}};

    auto wait = client_.call("taobao.wangwang.eservice.avgwaittime.get", p);
    each(wait, "waiting_time_list_on_days", [&](const rapidjson::Value& d) {
      each(d, "waiting_time_by_ids", [&](const rapidjson::Value& x) {
        put(str(x, "service_staff_id"), str(d, "waiting_date"), kefu::metric::avg_response_s, "旺旺平均等待时长(API)",
            num(x, "avg_waiting_times"));
      });
    });
    auto noreply = client_.call("taobao.wangwang.eservice.noreplynum.get", p);
    each(noreply, "non_reply_stat_on_days", [&](const rapidjson::Value& d) {
      each(d, "nonreply_stat_by_ids", [&](const rapidjson::Value& x) {
        put(str(x, "service_staff_id"), str(d, "nonreply_date"), kefu::metric::unreplied_customers,
            "旺旺未回复人数(API)", num(x, "non_reply_num"));
      });
    });
    auto received = client_.call("taobao.wangwang.eservice.receivenum.get", p);
    each(received, "reply_stat_list_on_days", [&](const rapidjson::Value& d) {
      each(d, "reply_stat_by_ids", [&](const rapidjson::Value& x) {
        put(str(x, "user_id"), str(d, "reply_date"), kefu::metric::received_customers, "旺旺已接待人数(API)",
            num(x, "reply_num"));
      });
    });
    auto evals = client_.call("taobao.wangwang.eservice.evaluation.get", p);
    each(evals, "staff_eval_stat_on_days", [&](const rapidjson::Value& d) {
      each(d, "staff_eval_stat_by_ids", [&](const rapidjson::Value& x) {
        each(x, "evaluations", [&](const rapidjson::Value& e) {
          const std::string name = "旺旺评价:" + str(e, "evaluation_name");  // a native count with no canonical key
          put(str(x, "service_staff_id"), str(d, "eval_date"), name, name, num(e, "evaluation_num"));
        });
      });
    });
  }

  // Each agent's conversations: chat peers (XML only), then every conversation, page by page.
  void chat_logs(const std::vector<std::string>& staff, const std::string& from, const std::string& to) {
    const auto today = kefu::dates::parse_day(request_.today);
    const auto first = kefu::dates::parse_day(from);
    if (!today || !first || *first < *today - kChatDaysBack) {
      chat_note_ = "chat logs: TOP lists chat peers for the last " + std::to_string(kChatDaysBack) +
                   " days only; older days have figures but no chat log";
      return;
    }
    for (const std::string& agent : staff) {
      const std::string xml =
          client_.call_xml("taobao.wangwang.eservice.chatpeers.get",
                           {{"chat_id", agent}, {"start_date", from}, {"end_date", to}, {"charset", "utf-8"}});
      tmall::xml::chat_peers(xml, [&](const tmall::xml::Peer& peer) { conversation(agent, peer.uid, peer.date); });
    }
  }

  void conversation(const std::string& agent, const std::string& uid, const std::string& date) {
    std::string next_key;
    for (int page = 0;; ++page) {
      if (page == kMaxPages)
        throw std::runtime_error("chat log " + agent + "/" + uid + " " + date + ": more than 1000 pages; stopped");
      std::map<std::string, std::string> p{
          {"from_id", agent}, {"to_id", uid},      {"start_date", date + " 00:00:00"}, {"end_date", date + " 23:59:59"},
          {"count", "1000"},  {"charset", "utf-8"}};
      if (!next_key.empty()) p["next_key"] = next_key;
      const auto doc = client_.call("taobao.wangwang.abstract.logquery", p);
      if (doc.HasMember("ret_code") && doc["ret_code"].IsInt() && doc["ret_code"].GetInt() != 0)
        throw std::runtime_error("chat log " + agent + "/" + uid + " " + date + ": TOP ret_code " +
                                 str(doc, "ret_code") + " " + str(doc, "error_msg"));
      each(doc, "msg_lists", [&](const rapidjson::Value& m) { message(agent, uid, date, m); });
      const bool sliced = str(doc, "is_sliced") == "1" ||
                          (doc.HasMember("is_sliced") && doc["is_sliced"].IsBool() && doc["is_sliced"].GetBool());
      const std::string next = str(doc, "next_key");
      if (!sliced) return;
      if (next.empty() || next == next_key)
        throw std::runtime_error("chat log " + agent + "/" + uid + " " + date +
                                 ": TOP says there is more (is_sliced) but gives no new "
                                 "next_key; the conversation would be incomplete, so nothing of this range is kept");
      next_key = next;
    }
  }

  // One message. Kefu's reading of `direction` is an assumption (no public source defines it):
  // 0 = sent by from_id (the agent), anything else = sent by to_id (the customer).
  void message(const std::string& agent, const std::string& uid, const std::string& date, const rapidjson::Value& m) {
    kefu::ChatMessage msg;
    msg.platform = "tmall";
    msg.shop_id = request_.shop_id;
    msg.session_id = nick_of(agent) + "|" + nick_of(uid) + "|" + date;  // TOP has no session ids: one per pair and day
    msg.customer_id = nick_of(uid);
    msg.ts_ms = china_ms(str(m, "time"));
    const bool from_agent = str(m, "direction") == "0";
    msg.sender = from_agent ? kefu::sender::agent : kefu::sender::customer;
    msg.agent_id = from_agent ? nick_of(agent) : "";
    msg.event = kefu::chat_event::msg;
    msg.content = str(m, "content");
    result_.messages.push_back(std::move(msg));
  }

  const kefu::FetchRequest& request_;
  TopClient client_;
  kefu::FetchResult result_;
  std::string chat_note_;
};

}  // namespace

RangePlan plan_ranges(const std::string& from, const std::string& to, const std::string& today) {
  const auto a = kefu::dates::parse_day(from), b = kefu::dates::parse_day(to), t = kefu::dates::parse_day(today);
  if (!a || !b || !t)
    throw std::invalid_argument("dates must be YYYY-MM-DD (from " + from + ", to " + to + ", today " + today + ")");
  if (*b < *a) throw std::invalid_argument("the range ends (" + to + ") before it starts (" + from + ")");
  RangePlan plan;
  std::int32_t last = *b;
  if (last >= *t) {
    last = *t - 1;
    plan.notes.push_back("TOP has no figures for today or later: fetched up to " + kefu::dates::format_day(last));
  }
  if (*a < *t - kMaxDaysBack)
    throw std::invalid_argument("TOP keeps " + std::to_string(kMaxDaysBack) + " days: " + from +
                                " is older; the earliest day is " + kefu::dates::format_day(*t - kMaxDaysBack));
  for (std::int32_t start = *a; start <= last; start += kMaxDaysPerCall)
    plan.chunks.emplace_back(kefu::dates::format_day(start),
                             kefu::dates::format_day(std::min(last, start + kMaxDaysPerCall - 1)));
  return plan;
}

kefu::FetchResult fetch_wangwang(const kefu::Host& host, const kefu::FetchRequest& request) {
  return Fetcher(host, request).run();
}

}  // namespace tmall
