#include "platforms/data_schemas.h"

#include <kefu/toolkit/schema_check.hpp>

namespace kefu::embedded {
std::string_view rules_schema_json();    // sdk/schema/rules.schema.json, compiled in by kefu_embed
std::string_view metrics_schema_json();  // sdk/schema/metrics.schema.json
}  // namespace kefu::embedded

namespace kefu::host {

std::string_view answer_schema(PluginCall call) {
  // A metric_profile() answer is a metrics.json without the export layouts: the same schema.
  if (call == PluginCall::rules) return embedded::rules_schema_json();
  if (call == PluginCall::metric_profile) return embedded::metrics_schema_json();
  return {};
}

std::string_view answer_schema_name(PluginCall call) {
  if (call == PluginCall::rules) return "rules.schema.json";
  if (call == PluginCall::metric_profile) return "metrics.schema.json";
  return {};
}

std::vector<std::string> schema_violations(PluginCall call, std::string_view answer, std::string_view what) {
  const std::string_view schema = answer_schema(call);
  if (schema.empty()) return {};
  return schema::violations(answer, schema, what.empty() ? answer_schema_name(call) : what);
}

}  // namespace kefu::host
