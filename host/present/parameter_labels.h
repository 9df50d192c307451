// A definition parameter's name for people, from its metrics.json name (model/definition_names.h):
// one table for `kefu metrics definitions`, `kefu metrics compute --as` and `kefu explain --as`.
#pragma once

#include "metrics/definition_engine.h"
#include "present/text.h"

#include <string>
#include <string_view>

namespace kefu::host {

// "考核时段" / "assessed hours"; an unlisted name is returned as is.
std::string parameter_label(std::string_view name, Lang lang);

// Why a definition cannot be computed from a chat log, in the reader's language: the parameter's
// label and the reason (an unknown parameter keeps the plugin's own words on why).
std::string not_computable_text(const metrics::NotComputable& n, Lang lang);

}  // namespace kefu::host
