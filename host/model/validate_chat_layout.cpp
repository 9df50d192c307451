// A chat-log layout (SDK 1.6, docs/data-in.md "Chat-log layouts"), from a plugin, kefu.json or
// --layout: one set of checks, so a layout refused in one place is refused in all.
#include "model/validate.h"

#include <algorithm>
#include <set>

namespace kefu::host {
namespace {

bool id_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }

// [a-z0-9][a-z0-9_-]{0,63}
bool is_layout_id(std::string_view s) {
  return !s.empty() && s.size() <= 64 && s[0] != '-' && s[0] != '_' && std::all_of(s.begin(), s.end(), id_char);
}

bool is_platform_id(std::string_view s) {
  return !s.empty() && s.size() <= 32 && s[0] >= 'a' && s[0] <= 'z' && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

std::vector<std::string> validate_chat_layout(const ChatLayout& l, const std::string& where, LayoutOrigin origin) {
  std::vector<std::string> p;
  auto problem = [&](const std::string& key, const std::string& what) { p.push_back(where + "." + key + ": " + what); };
  if (!is_layout_id(l.id))
    problem("id", "\"" + l.id + "\": expected 1-64 characters of a-z, 0-9, - and _ (summaries name the layout by it)");
  else if (l.id == "canonical")
    problem("id", "\"canonical\" is the built-in layout of Kefu's own chat log; choose another id");
  const std::pair<const char*, const std::vector<std::string>*> columns[] = {
      {"platform", &l.columns.platform},       {"shop_id", &l.columns.shop_id}, {"session_id", &l.columns.session_id},
      {"customer_id", &l.columns.customer_id}, {"ts", &l.columns.ts},           {"sender", &l.columns.sender},
      {"agent_id", &l.columns.agent_id},       {"event", &l.columns.event},     {"content", &l.columns.content}};
  for (const auto& [field, names] : columns)
    for (std::size_t i = 0; i < names->size(); ++i)
      if ((*names)[i].empty()) problem(std::string("columns.") + field + "[" + std::to_string(i) + "]", "is empty");
  for (const char* required : {"session_id", "ts", "sender"}) {
    const auto it = std::find_if(std::begin(columns), std::end(columns),
                                 [&](const auto& c) { return std::string_view(c.first) == required; });
    if (it->second->empty())
      problem(std::string("columns.") + required,
              "missing: say which header names hold it, e.g. [\"会话ID\"] (session_id, ts and sender are read from "
              "every row)");
  }
  if (!l.values.platform.empty() && !is_platform_id(l.values.platform))
    problem("values.platform", "\"" + l.values.platform + "\": expected a plugin id such as tmall");
  if (!l.values.platform.empty() && !l.columns.platform.empty())
    problem("values.platform", "the layout both reads platform from a column and fixes it; keep one");
  if (!l.values.shop_id.empty() && !l.columns.shop_id.empty())
    problem("values.shop_id", "the layout both reads shop_id from a column and fixes it; keep one");
  if (origin == LayoutOrigin::team && l.values.platform.empty() && l.columns.platform.empty())
    problem("values.platform", "missing: fix the platform (a plugin id such as tmall), or name a platform column");
  if (!l.time_format.empty() && l.time_format != "iso" && l.time_format != "epoch_s" && l.time_format != "epoch_ms")
    problem("time_format", "\"" + l.time_format + "\": expected iso, epoch_s or epoch_ms");
  std::set<std::string> seen;
  const std::pair<const char*, const std::vector<std::string>*> senders[] = {{"customer", &l.senders.customer},
                                                                             {"agent", &l.senders.agent},
                                                                             {"bot", &l.senders.bot},
                                                                             {"system", &l.senders.system},
                                                                             {"transfer", &l.senders.transfer}};
  for (const auto& [sender, values] : senders)
    for (std::size_t i = 0; i < values->size(); ++i) {
      const std::string key = std::string("senders.") + sender + "[" + std::to_string(i) + "]";
      if ((*values)[i].empty())
        problem(key, "is empty");
      else if (!seen.insert((*values)[i]).second)
        problem(key, "\"" + (*values)[i] + "\" is listed under two senders; a value means one sender");
    }
  for (const std::string& e : l.events.transfer)
    if (std::find(l.events.msg.begin(), l.events.msg.end(), e) != l.events.msg.end())
      problem("events", "\"" + e + "\" is both a message and a transfer");
  for (std::size_t i = 0; i < l.transfer_content_prefixes.size(); ++i)
    if (l.transfer_content_prefixes[i].empty())
      problem("transfer_content_prefixes[" + std::to_string(i) + "]", "is empty (it would make every row a transfer)");
  // A plugin's layout is a fact about its platform: it carries its source, like every fact.
  if (origin == LayoutOrigin::plugin) {
    auto more = validate_source(l.source, where);
    p.insert(p.end(), more.begin(), more.end());
  }
  return p;
}

}  // namespace kefu::host
