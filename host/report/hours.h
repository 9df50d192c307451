// The hour-of-day profile of a shop's day or a person's day (docs/report.md "Hours"): turns and
// response time by hour, and who was on — computed from the conversations' rows the store keeps
// without their content (store.h StoredSession, chatlog/session_rows.h), so it needs no chat log
// and no schema of its own. It answers "when did it happen, and who was on" for an unusual day.
#pragma once

#include "config/config.h"
#include "store/store.h"

#include <optional>
#include <string>
#include <vector>

namespace kefu::host::report {

struct HourAgent {
  std::string agent;              // the account, as in the chat log
  std::string platform, shop_id;  // where it wrote
  std::string person;             // its roster person's id, "" when none holds it that day
  int messages = 0;               // its messages (and transfers to it) in the hour
  int turns = 0;                  // the hour's turns that are its (answered, or held at the end)

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("agent", s.agent);
    v("platform", s.platform);
    v("shop_id", s.shop_id);
    v("person", s.person);
    v("messages", s.messages);
    v("turns", s.turns);
  }
};

// One hour [h:00, h+1:00) of the day, +08:00. A turn is as kefu/2 walks it (docs/metrics.md C2-C4,
// metrics/walk.h): it belongs to the hour of its first customer message, and to its answering
// agent (else the agent holding the session at its end).
struct HourRow {
  int hour = 0;
  // A shop's profile only (none in a person's: customers write to the shop, not to a person):
  // sessions whose first customer message (R4) is in the hour, and the customers' messages.
  std::optional<int> sessions, customer_messages;
  int turns = 0, answered = 0;
  int agent_messages = 0;
  std::optional<double> avg_response_s;  // mean over the hour's answered turns
  std::optional<double> max_response_s;
  // who was on: each agent who wrote in the hour or whose turn started in it, most turns first
  std::vector<HourAgent> on;

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("hour", s.hour);
    v("sessions", s.sessions);
    v("turns", s.turns);
    v("answered", s.answered);
    v("customer_messages", s.customer_messages);
    v("agent_messages", s.agent_messages);
    v("avg_response_s", s.avg_response_s);
    v("max_response_s", s.max_response_s);
    v("on", s.on);
  }
};

struct HourProfile {
  std::string schema = "kefu.hours/1";
  std::string day;
  std::string scope;                 // shop | person
  std::string platform, shop_id;     // scope shop
  std::string person, person_name;   // scope person (or an account: its agent id)
  std::vector<std::string> shops;    // the shops read (platform/shop)
  int sessions = 0;                  // the sessions of the day read
  // turns of those sessions that start on another day (a conversation past midnight): not in the hours
  int turns_other_day = 0;
  std::vector<HourRow> hours;        // 24, 00-23

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("schema", s.schema);
    v("day", s.day);
    v("scope", s.scope);
    v("platform", s.platform);
    v("shop_id", s.shop_id);
    v("person", s.person);
    v("person_name", s.person_name);
    v("shops", s.shops);
    v("sessions", s.sessions);
    v("turns_other_day", s.turns_other_day);
    v("hours", s.hours);
  }
};

// A shop's day: every turn of its sessions of `day`. None when the store keeps no session of
// that shop on that day (then there is nothing to profile: said by the caller).
std::optional<HourProfile> shop_hours(const store::Store& store, const config::Config& config,
                                      const std::string& shop_id, const std::string& day);

// A person's day: the turns their accounts answered, or held unanswered, in every shop's
// sessions of `day` (`person`: a roster id, or an agent account as in the chat log when it is no
// roster person's). None when they had no turn that day.
std::optional<HourProfile> person_hours(const store::Store& store, const config::Config& config,
                                        const std::string& person, const std::string& day);

}  // namespace kefu::host::report
