// The SDK's JSON Schemas (sdk/schema/*.schema.json, compiled in): what `kefu plugins check`
// holds a plugin's rules() and metric_profile() answers to, beside the catalog checks of
// model/validate.h. The same files are installed with the SDK for a plugin's own test.
#pragma once

#include "platforms/plugin_calls.h"

#include <string>
#include <string_view>
#include <vector>

namespace kefu::host {

// The schema a call's answer is checked against; empty for calls that have none.
std::string_view answer_schema(PluginCall call);
// The schema's file name as installed, for messages ("rules.schema.json"); empty as above.
std::string_view answer_schema_name(PluginCall call);

// Every violation of `answer` (the call's JSON, as the plugin gave it) against its schema, each
// "<schema file>: $.path: reason"; empty when valid or when the call has no schema.
// `what` names the document in each violation instead of the schema ("rules.json: $.rules[0]…").
std::vector<std::string> schema_violations(PluginCall call, std::string_view answer, std::string_view what = {});

}  // namespace kefu::host
