#include "present/parameter_labels.h"

#include <array>

namespace kefu::host {
namespace {

struct Label {
  std::string_view name;
  const char* zh;
  const char* en;
};

constexpr std::array kLabels = {
    Label{"unit", "计数单位", "unit"},           Label{"assessed_hours", "考核时段", "assessed hours"},
    Label{"bot_replies", "机器人回复", "bot replies"}, Label{"transfers", "转接", "transfers"},
    Label{"closings", "结束语", "closings"},       Label{"threshold_s", "时限", "threshold"},
    Label{"period_days", "统计周期", "period"},    Label{"min_sample", "最小样本", "minimum sample"},
    Label{"line", "考核线", "line"},               Label{"measure", "指标", "measure"},
};

}  // namespace

std::string parameter_label(std::string_view name, Lang lang) {
  for (const Label& l : kLabels)
    if (l.name == name) return tr(lang, l.zh, l.en);
  return std::string(name);
}

std::string not_computable_text(const metrics::NotComputable& n, Lang lang) {
  using metrics::Uncomputable;
  std::string why;
  switch (n.why) {
    case Uncomputable::unknown:
      why = std::string(tr(lang, "平台未公开", "not published")) + (n.detail.empty() ? "" : tr(lang, "（", " (") + n.detail + tr(lang, "）", ")"));
      break;
    case Uncomputable::no_measure:
      why = tr(lang, "这个指标没有对应的统一指标，无从按聊天记录计算", "the metric maps to no canonical figure");
      break;
    case Uncomputable::not_in_chat_log:
      why = std::string(tr(lang, "聊天记录里没有 ", "a chat log holds no ")) + n.detail +
            tr(lang, "（聊天记录只能算回复率、30 秒/3 分钟回复率、平均和首次响应时长、会话数）",
               " (only reply and within-threshold rates, response times and sessions are counted from messages)");
      break;
    case Uncomputable::customer_day:
      why = tr(lang, "按“顾客·日”计数需要区分买家，引擎目前只保留会话",
               "customer_day units need buyers; the engine keeps sessions, not buyers");
      break;
    case Uncomputable::assist_only:
      why = tr(lang, "“仅辅助应答算回复”需要聊天记录标出人工辅助的机器人消息，聊天记录不标",
               "assist_only needs agent-assisted bot messages marked, which a chat log does not mark");
      break;
    case Uncomputable::zero_threshold:
      why = tr(lang, "时限内回复率需要大于 0 的时限", "a within-threshold rate needs a threshold above 0");
      break;
    case Uncomputable::first_response_unit:
      why = tr(lang, "首次响应按会话计，计数单位须为会话", "a first response is a session's: the unit must be session");
      break;
  }
  return parameter_label(n.parameter, lang) + tr(lang, "：", ": ") + why;
}

}  // namespace kefu::host
