// The subcommands of `kefu metrics`, one file each (cmd_metrics_<name>.cpp), for
// cmd_metrics.cpp; and the words for metric profiles that catalog and import both print.
#pragma once

#include "cli/context.h"
#include "model/catalog.h"

#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace kefu::host {

void add_metrics_catalog_options(CLI::App& cmd);
int run_metrics_catalog(Context& ctx);
void add_metrics_import_options(CLI::App& cmd);
int run_metrics_import(Context& ctx);
void add_metrics_compute_options(CLI::App& cmd);
int run_metrics_compute(Context& ctx);
void add_metrics_definitions_options(CLI::App& cmd);
int run_metrics_definitions(Context& ctx);

// A canonical metric in JSON, as `kefu metrics catalog` and `kefu catalog` give it (docs/metrics.md).
struct CatalogMetricJson {
  std::string key, name_zh, name_en, unit, better, definition, definition_zh;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("key", s.key);
    v("name_zh", s.name_zh);
    v("name_en", s.name_en);
    v("unit", s.unit);
    v("better", s.better);
    v("definition", s.definition);
    v("definition_zh", s.definition_zh);
  }
};
CatalogMetricJson catalog_metric_json(const MetricDef& m);

// The words of metric profiles (units, bot handling, comparability, direction) for people.
std::string metric_label(Lang lang, std::string_view value);

}  // namespace kefu::host
