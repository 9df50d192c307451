#include "model/validate.h"

#include "base/calendar.h"

#include "model/catalog.h"

#include <kefu/json.hpp>
#include <kefu/toolkit/native_export.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace kefu::host {
namespace {

void add(std::vector<std::string>& out, std::vector<std::string> more) {
  out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

template <class E>
std::string name_of(E e) {
  return std::string(json::detail::enum_name(e));
}

// The catalog fixes each key's category, value type and stricter side, so values of different
// platforms under one key compare the same way.
std::vector<std::string> check_against_catalog(const Rule& r, const RuleKeyDef& def, const std::string& where) {
  std::vector<std::string> p;
  if (r.category != def.category)
    p.push_back(where + ": category \"" + r.category + "\": the catalog files this key under \"" +
                std::string(def.category) + "\"");
  if (r.value.type != def.type)
    p.push_back(where + ": value.type " + name_of(r.value.type) + ": the catalog expects " + name_of(def.type) +
                " for this key");
  if (r.strictness != def.strictness)
    p.push_back(where + ": strictness " + name_of(r.strictness) + ": the catalog expects " + name_of(def.strictness) +
                " for this key");
  if (r.value.known && def.type == ValueType::enumeration) {
    if (enum_level(def, r.value.text) < 0)
      p.push_back(where + ": value.text \"" + r.value.text + "\": expected one of " + std::string(def.levels));
  }
  return p;
}

}  // namespace

// Hand-written checks, not std::regex: its matcher recurses per character and exhausts the
// stack on long input (a plugin's megabyte version string).
namespace {
bool digit(char c) { return c >= '0' && c <= '9'; }

// [a-z][a-z0-9_]{0,31}
bool is_plugin_id(std::string_view s) {
  if (s.empty() || s.size() > 32 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || digit(c) || c == '_'; });
}

// \d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?
bool is_semver(std::string_view s) {
  for (int part = 0; part < 3; ++part) {
    std::size_t n = 0;
    while (n < s.size() && digit(s[n])) ++n;
    if (n == 0) return false;
    s.remove_prefix(n);
    if (part < 2) {
      if (s.empty() || s[0] != '.') return false;
      s.remove_prefix(1);
    }
  }
  if (s.empty()) return true;
  if (s[0] != '-' && s[0] != '+') return false;
  s.remove_prefix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-';
  });
}
}  // namespace

std::vector<std::string> validate_identity(const PlatformInfo& info) {
  std::vector<std::string> p;
  if (!is_plugin_id(info.id))
    p.push_back("id \"" + info.id + "\": expected 1-32 characters of a-z, 0-9 and _, starting with a letter");
  if (info.name_zh.empty()) p.push_back("name_zh is empty: give the platform's Chinese name");
  if (info.name_en.empty()) p.push_back("name_en is empty: give the platform's English name");
  if (!is_semver(info.version)) p.push_back("version \"" + info.version + "\": expected MAJOR.MINOR.PATCH");
  std::set<std::string> seen;
  for (const auto& cap : info.capabilities) {
    if (std::find(kAllCapabilities.begin(), kAllCapabilities.end(), cap) == kAllCapabilities.end())
      p.push_back("capability \"" + cap +
                  "\" is unknown: expected rules, words, metric_profile, native_import or api_fetch");
    if (!seen.insert(cap).second) p.push_back("capability \"" + cap + "\" is listed twice");
  }
  return p;
}

std::vector<std::string> validate_source(const Source& s, const std::string& where) {
  std::vector<std::string> p;
  if (s.title.empty()) p.push_back(where + ": source.title is empty: every fact must say where it comes from");
  if (!calendar::is_iso_date(s.seen))
    p.push_back(where + ": source.seen \"" + s.seen + "\": expected the date it was read, YYYY-MM-DD");
  // A fact seen where no address can be given (code whose repository is unknown) says so.
  if (s.confidence != Confidence::law && s.confidence != Confidence::merchant &&
      s.confidence != Confidence::none && s.url.empty() && !s.note.starts_with("no URL:"))
    p.push_back(where +
                ": source.url is empty: only a statute, a merchant's own list or an entry with no source "
                "(confidence none) may omit it, or a note starting \"no URL:\" that says why there is none");
  // `none` means nothing was found: a URL next to it would read as a source.
  if (s.confidence == Confidence::none && !s.url.empty())
    p.push_back(where + ": source.confidence is none but source.url is \"" + s.url +
                "\": give the source its label (official, law, third_party) or drop the URL");
  return p;
}

std::vector<std::string> validate_rules(const RuleSet& set) {
  std::vector<std::string> p;
  if (set.version.empty()) p.push_back("rules: version is empty");
  // A key may appear once per effective date: dated entries are the rule's versions.
  std::set<std::pair<std::string, std::string>> versions;
  for (std::size_t i = 0; i < set.rules.size(); ++i) {
    const Rule& r = set.rules[i];
    const std::string where = "rules[" + std::to_string(i) + "] " + r.key;
    if (!versions.insert({r.key, r.effective_from}).second)
      p.push_back(where + ": key appears twice" +
                  (r.effective_from.empty() ? std::string(" without effective_from")
                                            : " with effective_from " + r.effective_from));
    if (r.native_name.empty()) p.push_back(where + ": native_name is empty");
    if (!r.effective_from.empty() && r.effective_from != kEffectiveUnknown && !calendar::is_iso_date(r.effective_from))
      p.push_back(where + ": effective_from \"" + r.effective_from +
                  "\": expected YYYY-MM-DD, \"unknown\" (in force now, since a date not known) or empty "
                  "(from the beginning)");
    if (const RuleKeyDef* def = find_rule_key(r.key)) {
      add(p, check_against_catalog(r, *def, where));
    } else {
      p.push_back(where + ": key is not in the host's rule catalog");
      if (!is_rule_category(r.category)) p.push_back(where + ": category \"" + r.category + "\" is unknown");
    }
    if (r.value.known && r.value.type == ValueType::percentage && (r.value.number < 0 || r.value.number > 100))
      p.push_back(where + ": percentage outside 0-100");
    if (r.value.known && (r.value.type == ValueType::duration || r.value.type == ValueType::count) &&
        r.value.number < 0)
      p.push_back(where + ": a duration or count cannot be negative");
    if (r.value.known && r.value.type == ValueType::time_window &&
        (r.value.window_from_min < 0 || r.value.window_to_min > 24 * 60 ||
         r.value.window_from_min >= r.value.window_to_min))
      p.push_back(where + ": time window must satisfy 0 <= from < to <= 1440 minutes");
    if (r.value.known && r.source.confidence == Confidence::none)
      p.push_back(where + ": value is known but source.confidence is none: a value with no source is a guess; "
                          "set value.known to false, or cite the source");
    if (r.effective_from == kEffectiveUnknown && !calendar::is_iso_date(r.source.seen))
      p.push_back(where + ": effective_from unknown needs source.seen, the date the rule was read as in force");
    add(p, validate_source(r.source, where));
  }
  return p;
}

std::vector<std::string> validate_words(const WordList& words) {
  std::vector<std::string> p;
  auto check_terms = [&](const std::vector<Term>& terms, const char* list) {
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const Term& t = terms[i];
      const std::string where = std::string(list) + "[" + std::to_string(i) + "] \"" + t.text + "\"";
      if (t.text.empty()) p.push_back(where + ": text is empty");
      if (!is_term_category(t.category)) p.push_back(where + ": category \"" + t.category + "\" is unknown");
      add(p, validate_source(t.source, where));
    }
  };
  check_terms(words.terms, "terms");
  check_terms(words.allow, "allow");
  return p;
}

std::vector<std::string> validate_metric_profile(const MetricProfile& profile) {
  std::vector<std::string> p;
  for (std::size_t i = 0; i < profile.metrics.size(); ++i) {
    const NativeMetric& m = profile.metrics[i];
    const std::string where = "metrics[" + std::to_string(i) + "] " + m.native_name;
    if (m.native_name.empty()) p.push_back(where + ": native_name is empty");
    if (!m.canonical_key.empty() && !find_metric(m.canonical_key))
      p.push_back(where + ": canonical_key \"" + m.canonical_key + "\" is not in the host's metric catalog");
    if (m.comparability != Comparability::same && m.comparability_note.empty())
      p.push_back(where + ": comparability is not 'same' but comparability_note does not say how or why");
    if (m.definition.empty()) p.push_back(where + ": definition is empty");
    // The export reader parses each cell in this format: an unknown one would read nothing.
    if (!m.value_format.empty() &&
        std::find(value_format::all.begin(), value_format::all.end(), m.value_format) == value_format::all.end())
      p.push_back(where + ": value_format \"" + m.value_format +
                  "\": expected one of percent, ratio, seconds, minutes, count, amount");
    if (m.value_format.empty() && !m.export_columns.empty())
      p.push_back(where +
                  ": export_columns without value_format: say how the cells are written "
                  "(percent, ratio, seconds, minutes, count, amount)");
    add(p, validate_source(m.source, where));
    add(p, validate_computation(m, where));
  }
  // The export reader takes a column for the first metric that names it, and stores a figure
  // under its native name: a name or a column given twice would lose figures silently.
  std::map<std::string, std::string> names, columns;
  for (std::size_t i = 0; i < profile.metrics.size(); ++i) {
    const NativeMetric& m = profile.metrics[i];
    const std::string where = "metrics[" + std::to_string(i) + "] " + m.native_name;
    if (const auto [it, fresh] = names.emplace(m.native_name, where); !fresh)
      p.push_back(where + ": native_name is also " + it->second + "'s; each metric once");
    std::set<std::string> own;  // a metric may list one header in several spellings: harmless
    for (const std::string& c : m.export_columns) {
      const std::string folded = native_export::fold_header(c);
      if (!own.insert(folded).second) continue;
      if (const auto [it, fresh] = columns.emplace(folded, where); !fresh)
        p.push_back(where + ": export column \"" + c + "\" is also " + it->second +
                    "'s: the export reader would give it to the first only");
    }
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < profile.chat_layouts.size(); ++i) {
    const std::string where = "chat_layouts[" + std::to_string(i) + "]";
    add(p, validate_chat_layout(profile.chat_layouts[i], where, LayoutOrigin::plugin));
    if (!ids.insert(profile.chat_layouts[i].id).second)
      p.push_back(where + ".id: \"" + profile.chat_layouts[i].id + "\" is used twice; each layout once");
  }
  return p;
}

}  // namespace kefu::host
