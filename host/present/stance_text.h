// A platform's stance on a term category, for people: the one wording `kefu words`, `kefu scan`
// and the `kefu diff` briefing share, so "unknown" reads the same everywhere and never as allowed.
#pragma once

#include "present/text.h"
#include "words/lexicon.h"

#include <string>

namespace kefu::host {

// 禁止 / 允许 / 未知（未找到该平台的规定） / 按词条来源 — and in English.
std::string stance_label(words::Stance stance, Lang lang);

// The stance with what it rests on: "禁止 — 站外引流/私下交易（第三方：<title>）", or for an
// unknown one "未知 — 未找到该平台的规定（<why>）".
std::string stance_basis(const words::CategoryStance& stance, Lang lang);

}  // namespace kefu::host
