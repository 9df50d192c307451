// Writing figures computed under a platform's or a team's definition (`kefu metrics compute
// --as P` / `--definition FILE`): one row per agent, shop and platform day, with the period
// figure (rolling when the definition says), whether the platform assesses it (minimum
// sample), which parameters were assumed, and where it stands against the platform's line.
// Definitions that cannot be computed are listed with the parameter and why.
#pragma once

#include "metrics/definition_engine.h"
#include "present/text.h"

#include <ostream>
#include <string>
#include <vector>

namespace kefu::host::metrics {

struct ComputedDefinition {
  Definition definition;
  std::string native_name;                   // the platform's name for it (or the team's)
  std::vector<std::string> assumed;          // parameters an --assume filled
  std::vector<NotComputable> not_computable;  // not empty: no rows
  std::vector<DefinitionRow> rows;
};

// definition,native_name,measure,level,platform,shop_id,agent_id,day,period_days,value,
// numerator,denominator,assessed,day_value,assumed,line,margin,to_meet,can_afford
const std::vector<std::string_view>& definition_figure_columns();

void write_definition_figures_csv(std::ostream& out, const std::vector<ComputedDefinition>& defs);
// {"definitions":[{"definition", "native_name", "measure", "assumed", "not_computable":[{parameter,
// reason}], "rows":[{column: value}]}]}
void write_definition_figures_json(std::ostream& out, const std::vector<ComputedDefinition>& defs);
void write_definition_figures_table(std::ostream& out, const std::vector<ComputedDefinition>& defs, Lang lang);

}  // namespace kefu::host::metrics
