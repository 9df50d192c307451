#include "present/hours_output.h"

#include "present/text.h"

#include <kefu/json.hpp>

#include <algorithm>
#include <cstdio>

namespace kefu::host::report {

void render_hours_table(const HourProfile& p, const RenderContext& ctx, std::ostream& out) {
  const Lang lang = ctx.lang;
  if (p.scope == "shop")
    out << tr(lang, "分时段：", "By hour: ") << platform_name(p.platform, ctx) << " " << p.shop_id << " " << p.day;
  else
    out << tr(lang, "分时段：", "By hour: ") << p.person_name << (p.person_name == p.person ? "" : " (" + p.person + ")")
        << " " << p.day << tr(lang, "（店铺 ", " (shops ");
  if (p.scope != "shop") {
    for (std::size_t i = 0; i < p.shops.size(); ++i) out << (i ? ", " : "") << p.shops[i];
    out << tr(lang, "）", ")");
  }
  out << tr(lang, "，会话 ", ", sessions ") << p.sessions << "\n"
      << tr(lang,
            "每小时：该小时开始的接待轮次（顾客一问及其回复，kefu/2 口径）、已回复数、平均与最长响应（从顾客第一条消息到客服回复），"
            "以及在岗的客服：该小时开始的轮次归谁（接待轮次）、该小时谁发了消息（消息数）。时间为 +08:00。",
            "Each hour: the turns that started in it (a customer's question and its reply, kefu/2), how many were "
            "answered, the mean and longest response (from the customer's first message to the agent's reply), and "
            "who was on: whose the hour's turns are (turns) and who wrote in it (messages). Times +08:00.")
      << "\n";
  int most = 1;
  for (const HourRow& h : p.hours) most = std::max(most, h.turns);
  // Right-aligned in `w` terminal columns (CJK counts two).
  auto cell = [](const std::string& text, std::size_t w) {
    const std::size_t n = display_width(text);
    return std::string(n < w ? w - n : 0, ' ') + text;
  };
  out << cell(tr(lang, "时段", "hour"), 5) << cell(tr(lang, "轮次", "turns"), 7) << cell(tr(lang, "已回复", "answered"), 9)
      << cell(tr(lang, "平均响应", "mean"), 10) << cell(tr(lang, "最长", "longest"), 10) << "  " << std::string(20, ' ')
      << "  " << tr(lang, "在岗（接待轮次/消息数）", "who was on (turns/messages)") << "\n";
  for (const HourRow& h : p.hours) {
    if (h.turns == 0 && h.on.empty()) continue;
    std::string bar(static_cast<std::size_t>(h.turns * 20 / most), '#');
    bar.resize(20, ' ');
    std::string who;
    for (const HourAgent& a : h.on)
      who += (who.empty() ? "" : ", ") + a.agent + (p.scope == "shop" ? "" : "@" + a.shop_id) + " " +
             std::to_string(a.turns) + "/" + std::to_string(a.messages);
    char hour[8];
    std::snprintf(hour, sizeof hour, "%02d:00", h.hour);
    out << hour << cell(std::to_string(h.turns), 7) << cell(std::to_string(h.answered), 9)
        << cell(format_value("avg_response_s", h.avg_response_s, lang), 10)
        << cell(format_value("avg_response_s", h.max_response_s, lang), 10) << "  " << bar << "  " << who << "\n";
  }
  if (p.turns_other_day)
    out << p.turns_other_day
        << tr(lang, " 个轮次开始于其他日期（跨午夜的会话），不在上表中。\n",
              " turns start on another day (conversations past midnight): not in the table.\n");
}

void render_hours_json(const std::vector<HourProfile>& profiles, std::ostream& out) {
  out << json::write(profiles) << "\n";
}

}  // namespace kefu::host::report
