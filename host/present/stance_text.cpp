#include "present/stance_text.h"

namespace kefu::host {

std::string stance_label(words::Stance stance, Lang lang) {
  switch (stance) {
    case words::Stance::banned:
      return tr(lang, "禁止", "banned");
    case words::Stance::allowed:
      return tr(lang, "允许", "allowed");
    case words::Stance::unknown:
      return tr(lang, "未知", "not known for this platform");
    case words::Stance::listed:
      return tr(lang, "按词条来源", "as each entry's source says");
  }
  return "?";
}

std::string stance_basis(const words::CategoryStance& s, Lang lang) {
  std::string out = stance_label(s.stance, lang);
  if (s.stance == words::Stance::listed) return out;
  if (s.stance == words::Stance::unknown) {
    // No confidence label here: "third party: not found" would read like a finding.
    out += tr(lang, " — 未找到该平台", " — no rule found");
    if (!s.rule_name.empty()) out += tr(lang, "关于「", " on \"") + s.rule_name + tr(lang, "」", "\"");
    out += tr(lang, "的规定", "");
    if (!s.source.title.empty()) out += tr(lang, "（", " (") + s.source.title + tr(lang, "）", ")");
    return out;
  }
  std::string basis = s.rule_name;
  if (s.inherited) basis += tr(lang, "（法律法规，所有平台适用）", " (law, binds every platform)");
  if (!s.source.title.empty())
    basis += (basis.empty() ? "" : " — ") + confidence_label(s.source.confidence, lang) + tr(lang, "：", ": ") +
             s.source.title;
  return basis.empty() ? out : out + " — " + basis;
}

}  // namespace kefu::host
