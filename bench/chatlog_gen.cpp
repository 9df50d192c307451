#include "chatlog_gen.h"

#include "base/calendar.h"

#include <array>
#include <deque>
#include <queue>
#include <string_view>
#include <vector>

namespace kefu::bench {
namespace {

struct Rng {
  std::uint64_t state;
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  bool chance(unsigned percent) { return below(1000) < percent * 10; }
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
};

constexpr std::array<std::string_view, 4> kPlatforms = {"tmall", "jd", "douyin", "kuaishou"};
constexpr unsigned kShopsPerPlatform = 8, kAgentsPerShop = 12;

constexpr std::array<std::string_view, 12> kCustomerLines = {"在吗",
                                                             "这个什么时候发货",
                                                             "有优惠券吗",
                                                             "尺码偏大还是偏小",
                                                             "我买的东西还没到，帮我查一下物流",
                                                             "可以便宜点吗",
                                                             "质量怎么样",
                                                             "能开发票吗",
                                                             "退货要怎么弄",
                                                             "颜色和图片一样吗",
                                                             "好的",
                                                             "谢谢"};
constexpr std::array<std::string_view, 10> kAgentLines = {
    "亲，您好，很高兴为您服务",       "今天下单48小时内发货哦", "这款目前有满200减20的券", "建议按平时的尺码拍",
    "帮您查询了，包裹已到达转运中心", "亲，价格已经是活动价了", "可以开电子发票的",        "支持七天无理由退货",
    "颜色以实物为准，色差很小",       "不客气，祝您生活愉快"};
// Content that must be quoted in CSV.
constexpr std::array<std::string_view, 4> kQuotedLines = {
    "\"好的, 收到, 我再看看\"", "\"你们写的\"\"包邮\"\"是真的吗\"", "\"订单号: 3829\n地址写错了，能改吗\"",
    "\"第一行\r\n第二行, 第三行\""};

enum class Step { bot, customer, agent, transfer, system };

struct Session {
  std::uint64_t number = 0;
  unsigned shop = 0, agent = 0;
  std::uint64_t customer = 0;
  std::int64_t clock = 0;
  std::deque<std::pair<Step, std::int64_t>> script;  // step and the gap before it, ms
};

void plan(Session& s, Rng& rng) {
  auto& q = s.script;
  if (rng.chance(30)) q.push_back({Step::bot, 0});
  const int rounds = static_cast<int>(rng.between(1, 6));
  const int transfer_at = rng.chance(6) ? static_cast<int>(rng.between(0, rounds - 1)) : -1;
  for (int r = 0; r < rounds; ++r) {
    const int asks = static_cast<int>(rng.between(1, 3));
    for (int a = 0; a < asks; ++a) q.push_back({Step::customer, rng.between(1'000, 25'000)});
    if (r == transfer_at) q.push_back({Step::transfer, rng.between(2'000, 60'000)});
    if (rng.chance(3)) q.push_back({Step::system, rng.between(100, 2'000)});
    // Most replies come in seconds; some take minutes; some never come.
    if (r + 1 < rounds || !rng.chance(10)) {
      const std::int64_t wait = rng.chance(80) ? rng.between(2'000, 30'000) : rng.between(30'000, 400'000);
      q.push_back({Step::agent, wait});
      if (rng.chance(20)) q.push_back({Step::agent, rng.between(1'000, 8'000)});
    }
  }
}

void append_ts(std::string& out, std::int64_t ms, Rng& rng) {
  if (rng.chance(5)) {  // some rows carry epoch milliseconds
    out += std::to_string(ms);
    return;
  }
  const bool utc = rng.chance(10);
  const std::int64_t local = ms + (utc ? 0 : 8 * 3'600'000);
  const std::int64_t day_ms = ((local % 86'400'000) + 86'400'000) % 86'400'000;
  out += host::calendar::format_day(static_cast<std::int32_t>((local - day_ms) / 86'400'000));
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d.%03d%s", static_cast<int>(day_ms / 3'600'000),
                static_cast<int>(day_ms / 60'000 % 60), static_cast<int>(day_ms / 1000 % 60),
                static_cast<int>(day_ms % 1000), utc ? "Z" : "+08:00");
  out += buf;
}

void append_row(std::string& out, const Session& s, Step step, unsigned agent, Rng& rng) {
  const unsigned platform = s.shop / kShopsPerPlatform;
  out += kPlatforms[platform];
  out += ",shop_";
  out += kPlatforms[platform];
  out += '_';
  out += std::to_string(s.shop % kShopsPerPlatform);
  out += ",S";
  out += std::to_string(10'000'000 + s.number);
  out += ",C";
  out += std::to_string(s.customer);
  out += ',';
  append_ts(out, s.clock, rng);
  static constexpr std::array<std::string_view, 5> kSender = {"bot", "customer", "agent", "system", "system"};
  out += ',';
  out += kSender[static_cast<int>(step)];
  out += ',';
  if (step == Step::agent || step == Step::transfer) {
    out += "agent_";
    out += std::to_string(s.shop * kAgentsPerShop + agent);
  }
  out += step == Step::transfer ? ",transfer," : ",msg,";
  switch (step) {
    case Step::bot:
      out += "您好，欢迎光临，请问有什么可以帮您";
      break;
    case Step::system:
      out += "系统提示：客户已进入排队";
      break;
    case Step::transfer:
      break;
    case Step::customer:
      out += rng.chance(6) ? kQuotedLines[rng.below(kQuotedLines.size())]
                           : kCustomerLines[rng.below(kCustomerLines.size())];
      break;
    case Step::agent:
      out += kAgentLines[rng.below(kAgentLines.size())];
      break;
  }
  out += '\n';
}

}  // namespace

ChatLogStats write_chat_log(std::FILE* out, const ChatLogSpec& spec) {
  Rng rng{spec.seed};
  ChatLogStats stats;
  std::string buffer = "platform,shop_id,session_id,customer_id,ts,sender,agent_id,event,content\n";
  const std::int64_t start = 1'794'700'800'000;  // 2026-11-15T00:00:00+08:00 (epoch ms), a Sunday
  std::vector<Session> open(spec.open_sessions);
  using Next = std::pair<std::int64_t, unsigned>;  // when, which open session
  std::priority_queue<Next, std::vector<Next>, std::greater<>> due;
  auto begin_session = [&](unsigned slot, std::int64_t at) {
    Session& s = open[slot];
    s = Session{};
    s.number = stats.sessions++;
    s.shop = static_cast<unsigned>(rng.below(kPlatforms.size() * kShopsPerPlatform));
    s.agent = static_cast<unsigned>(rng.below(kAgentsPerShop));
    s.customer = rng.below(5'000'000);
    s.clock = at;
    plan(s, rng);
    due.push({at + s.script.front().second, slot});
  };
  for (unsigned i = 0; i < spec.open_sessions; ++i) begin_session(i, start + rng.between(0, 600'000));

  std::string late;  // a row held back, written a few rows later: rows out of order
  int late_in = 0;
  while (stats.rows < spec.rows) {
    const auto [when, slot] = due.top();
    due.pop();
    Session& s = open[slot];
    const auto [step, gap] = s.script.front();
    s.script.pop_front();
    s.clock = when;
    unsigned agent = s.agent;
    if (step == Step::transfer)
      s.agent = agent = (s.agent + 1 + static_cast<unsigned>(rng.below(kAgentsPerShop - 1))) % kAgentsPerShop;
    std::string& target = late.empty() && rng.chance(1) ? late : buffer;
    if (&target == &late) late_in = static_cast<int>(rng.between(1, 5));
    append_row(target, s, step, agent, rng);
    ++stats.rows;
    if (!late.empty() && &target != &late && --late_in == 0) {
      buffer += late;
      late.clear();
    }
    if (s.script.empty())
      begin_session(slot, when + rng.between(0, 20'000));
    else
      due.push({when + s.script.front().second, slot});
    if (buffer.size() > (1u << 20)) {
      stats.bytes += std::fwrite(buffer.data(), 1, buffer.size(), out);
      buffer.clear();
    }
  }
  buffer += late;
  stats.bytes += std::fwrite(buffer.data(), 1, buffer.size(), out);
  return stats;
}

}  // namespace kefu::bench
