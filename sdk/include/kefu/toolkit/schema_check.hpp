// Checks a plugin's data against the SDK's JSON Schemas (rules.schema.json, metrics.schema.json,
// installed with the SDK in share/kefu-sdk/schema): the one validator of the plugin's own test
// (plugins/template/tests) and of `kefu plugins check`, so the two never disagree.
//
//   auto problems = kefu::schema::violations(rules_text, rules_schema_text, "rules.json");
//   // {"rules.json: $.rules[2].strictness: \"harder\" is not one of lower_is_stricter | ..."}
//
// RapidJSON's validator stops at the first violation of a document, so each element of a
// top-level array (a rule, a metric, a chat layout) is checked on its own: one broken rule
// does not hide the next. Each violation names its JSON path in the style of kefu/json.hpp.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::schema {

namespace detail {

inline rapidjson::Document parse(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(text.data(), text.size());
  return doc;
}

inline std::string compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  std::string out(buffer.GetString(), buffer.GetSize());
  if (out.size() <= 80) return out;
  std::size_t cut = 77;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // whole characters
  return out.substr(0, cut) + "...";
}

// "/rules/3/value" as "$.rules[3].value", after `prefix` (the path of the checked element).
inline std::string json_path(const rapidjson::Pointer& pointer, const std::string& prefix) {
  std::string out = prefix;
  for (std::size_t i = 0; i < pointer.GetTokenCount(); ++i) {
    const auto& token = pointer.GetTokens()[i];
    if (token.index != rapidjson::kPointerInvalidIndex)
      out += "[" + std::to_string(token.index) + "]";
    else
      out += "." + std::string(token.name, token.length);
  }
  return out;
}

// The reason, in words, for the schema keyword that failed at `schema` on `found`.
inline std::string reason(std::string_view keyword, const rapidjson::Value* schema, const rapidjson::Value* found) {
  auto member = [&](const char* name) -> const rapidjson::Value* {
    if (!schema || !schema->IsObject()) return nullptr;
    auto it = schema->FindMember(name);
    return it == schema->MemberEnd() ? nullptr : &it->value;
  };
  const std::string shown = found ? compact(*found) : "?";
  if (keyword == "enum") {
    std::string allowed;
    if (const rapidjson::Value* e = member("enum"); e && e->IsArray())
      for (const auto& v : e->GetArray()) allowed += (allowed.empty() ? "" : " | ") + (v.IsString() ? std::string(v.GetString()) : compact(v));
    return shown + " is not one of " + allowed;
  }
  if (keyword == "additionalProperties" && found && !found->IsObject())  // the path names the key
    return "unknown key (misspelt, or not in this SDK's format)";
  if (keyword == "additionalProperties" && found && found->IsObject()) {
    const rapidjson::Value* known = member("properties");
    std::string unknown;
    for (const auto& m : found->GetObject())
      if (!known || !known->IsObject() || !known->HasMember(m.name))
        unknown += (unknown.empty() ? "\"" : ", \"") + std::string(m.name.GetString()) + "\"";
    return "unknown key " + unknown + " (misspelt, or not in this SDK's format)";
  }
  if (keyword == "required" && found && found->IsObject()) {
    std::string missing;
    if (const rapidjson::Value* r = member("required"); r && r->IsArray())
      for (const auto& k : r->GetArray())
        if (k.IsString() && !found->HasMember(k))
          missing += (missing.empty() ? "\"" : ", \"") + std::string(k.GetString()) + "\"";
    return "missing key " + missing;
  }
  if (keyword == "type") {
    const rapidjson::Value* t = member("type");
    return "expected " + (t ? compact(*t) : std::string("another type")) + ", found " + shown;
  }
  if (keyword == "pattern") {
    const rapidjson::Value* p = member("pattern");
    return shown + " does not match " + (p ? compact(*p) : std::string("the pattern"));
  }
  if (keyword == "minLength") return "must not be empty";
  if (keyword == "minimum" || keyword == "maximum") return shown + " is out of range (" + std::string(keyword) + ")";
  if (keyword == "oneOf") return shown + " matches none of the allowed forms";
  return shown + " fails \"" + std::string(keyword) + "\"";
}

// The first violation of `doc` against `schema`, or empty.
inline std::string first_violation(const rapidjson::Document& schema_doc, const rapidjson::SchemaDocument& schema,
                                   const rapidjson::Value& doc, const std::string& prefix) {
  rapidjson::SchemaValidator validator(schema);
  if (doc.Accept(validator)) return {};
  const rapidjson::Value* found = validator.GetInvalidDocumentPointer().Get(doc);
  const rapidjson::Value* at = validator.GetInvalidSchemaPointer().Get(schema_doc);
  return json_path(validator.GetInvalidDocumentPointer(), prefix) + ": " +
         reason(validator.GetInvalidSchemaKeyword(), at, found);
}

}  // namespace detail

// Every violation of `document` (JSON text) against `schema_json` (a draft-04 schema, as the
// SDK's), each "what: $.path: reason". Empty: the document is valid. Throws
// std::invalid_argument when the schema itself is not JSON.
inline std::vector<std::string> violations(std::string_view document, std::string_view schema_json,
                                           std::string_view what) {
  const rapidjson::Document schema_doc = detail::parse(schema_json);
  if (schema_doc.HasParseError() || !schema_doc.IsObject())
    throw std::invalid_argument(std::string(what) + ": the schema is not a JSON object");
  const rapidjson::SchemaDocument whole(schema_doc);

  std::vector<std::string> out;
  rapidjson::Document doc = detail::parse(document);
  if (doc.HasParseError()) {
    out.push_back(std::string(what) + ": invalid JSON at byte " + std::to_string(doc.GetErrorOffset()) + ": " +
                  rapidjson::GetParseError_En(doc.GetParseError()));
    return out;
  }

  // Each element of a top-level array against the array's `items`, in a schema of its own
  // that keeps the definitions its $refs point to.
  const auto props = schema_doc.FindMember("properties");
  if (doc.IsObject() && props != schema_doc.MemberEnd() && props->value.IsObject()) {
    for (auto& member : doc.GetObject()) {
      if (!member.value.IsArray()) continue;
      const auto property = props->value.FindMember(member.name);
      if (property == props->value.MemberEnd() || !property->value.IsObject()) continue;
      const auto items = property->value.FindMember("items");
      if (items == property->value.MemberEnd()) continue;
      if (!items->value.IsObject()) continue;
      // The items schema itself as the root (not wrapped in allOf, whose failure would hide
      // the inner one), with the definitions beside it.
      rapidjson::Document item_schema_doc;
      item_schema_doc.CopyFrom(items->value, item_schema_doc.GetAllocator());
      auto& alloc = item_schema_doc.GetAllocator();
      if (const auto defs = schema_doc.FindMember("definitions"); defs != schema_doc.MemberEnd())
        item_schema_doc.AddMember("definitions", rapidjson::Value(defs->value, alloc), alloc);
      const rapidjson::SchemaDocument item_schema(item_schema_doc);
      const std::string name(member.name.GetString(), member.name.GetStringLength());
      for (rapidjson::SizeType i = 0; i < member.value.Size(); ++i) {
        rapidjson::Document element;
        element.CopyFrom(member.value[i], element.GetAllocator());
        const std::string v = detail::first_violation(item_schema_doc, item_schema, element,
                                                      "$." + name + "[" + std::to_string(i) + "]");
        if (!v.empty()) out.push_back(std::string(what) + ": " + v);
      }
      member.value.SetArray();  // checked: the whole document is then checked without it
    }
  }
  if (const std::string v = detail::first_violation(schema_doc, whole, doc, "$"); !v.empty())
    out.push_back(std::string(what) + ": " + v);
  return out;
}

}  // namespace kefu::schema
