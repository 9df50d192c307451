// Every fact Kefu states about the platforms, with its source, for `kefu sources`: the rules,
// the metric definitions and each of their parameters, and the word-list entries, of the
// loaded plugins and of the host's common data (the law every platform inherits).
//
// Why one flat list: a supervisor auditing what Kefu tells their agents reads each fact next
// to where it was read, how far it can be trusted and when (docs/rules.md, "Sources").
#pragma once

#include "platforms/registry.h"

#include <kefu/model.hpp>

#include <string>
#include <vector>

namespace kefu::host::facts {

struct Fact {
  std::string platform;        // plugin id, or "common" for the host's common data
  std::string kind;            // rule | metric | metric_parameter | term | allow
  std::string fact;            // rule key, metric native name, "native name / parameter", or the term
  std::string value;           // the value as the data states it ("" when unknown)
  bool known = true;           // false: the data says the value is unknown
  std::string effective_from;  // rules: YYYY-MM-DD, "unknown", or "" (from the beginning)
  Source source;               // for an unknown parameter with no source: confidence none, note = why

  template <class S, class V>
  static void fields(S& s, V& v) {
    v("platform", s.platform);
    v("kind", s.kind);
    v("fact", s.fact);
    v("value", s.value);
    v("known", s.known);
    v("effective_from", s.effective_from);
    v("source", s.source);
  }
};

// The facts of the plugins `ids` (every loaded plugin when empty), then the common ones. Throws
// std::runtime_error naming an unknown platform or a plugin whose data is not valid.
std::vector<Fact> list_facts(const PluginRegistry& registry, const std::vector<std::string>& ids);

}  // namespace kefu::host::facts
