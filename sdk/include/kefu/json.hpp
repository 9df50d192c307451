// JSON wire format of the model, derived from each type's `fields()` list, so the plugin side
// (writes) and the host side (reads) can never disagree about a key. Header-only, RapidJSON.
//
//   std::string text = kefu::json::write(rule_set);
//   auto rules = kefu::json::read<kefu::RuleSet>(text, "rules of tmall");  // throws ParseError
#pragma once

#include <kefu/json_guard.hpp>
#include <kefu/model.hpp>  // kefu::enum_name

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kefu::json {

// A document that is not valid JSON, or a value of the wrong type. The message names where:
// "rules of tmall: $.rules[3].value.number: expected a number, found a string".
class ParseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Length of the well-formed UTF-8 character at s[at] (RFC 3629: no overlong forms, no
// surrogates, at most U+10FFFF), or 0 when there is none.
inline std::size_t utf8_char_length(std::string_view s, std::size_t at) {
  const auto b = [&](std::size_t i) { return at + i < s.size() ? static_cast<unsigned char>(s[at + i]) : 0u; };
  const unsigned c = b(0);
  auto cont = [&](std::size_t i) { return (b(i) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return b(1) >= lo && b(1) <= hi && cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return b(1) >= lo && b(1) <= hi && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

inline bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_char_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// `s` with every byte that starts no well-formed character replaced by U+FFFD.
inline std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_char_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  return out;
}

namespace detail {

struct AnyField {
  template <class X>
  void operator()(const char*, X&) const {}
};
template <class T>
concept Described = requires(T& t, AnyField& v) {
  T::fields(t, v);
};
template <class E>
concept NamedEnum = std::is_enum_v<E> && requires(E e) {
  enum_names(e);
};

// The enum whose name is `text`; false (and `out` untouched) when there is none.
template <NamedEnum E>
bool enum_from_name(std::string_view text, E& out) {
  const auto names = enum_names(E{});
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) {
      out = static_cast<E>(i);
      return true;
    }
  }
  return false;
}

// kefu::enum_name (kefu/model.hpp), also reachable here for older callers.
using ::kefu::enum_name;

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};
template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class Writer>
class Emitter {
 public:
  explicit Emitter(Writer& w) : w_(w) {}

  void value(const std::string& s) {
    // Invalid UTF-8 (a stray byte in an export's reject line) would make the reader refuse the
    // whole document: each such byte is written as U+FFFD instead.
    if (is_valid_utf8(s)) {
      w_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    } else {
      const std::string valid = to_valid_utf8(s);
      w_.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
    }
  }
  void value(bool b) { w_.Bool(b); }
  void value(int i) { w_.Int(i); }
  void value(std::int64_t i) { w_.Int64(i); }
  void value(double d) {
    // RapidJSON's writer silently writes nothing for NaN and infinity: the reader would then
    // blame "invalid JSON" on whoever wrote it. Refuse here, where the bad figure is.
    if (!std::isfinite(d))
      throw std::domain_error("kefu::json::write: " + std::to_string(d) +
                              " is not a finite number; JSON cannot carry it");
    w_.Double(d);
  }
  template <NamedEnum E>
  void value(E e) {
    const auto name = enum_name(e);
    w_.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
  }
  template <class T>
  void value(const std::vector<T>& items) {
    w_.StartArray();
    for (const auto& item : items) value(item);
    w_.EndArray();
  }
  template <class T>
  void value(const std::optional<T>& maybe) {
    if (maybe)
      value(*maybe);
    else
      w_.Null();
  }
  template <Described T>
  void value(const T& object) {
    w_.StartObject();
    T::fields(object, *this);
    w_.EndObject();
  }
  // Called by fields(): one key and its value.
  template <class X>
  void operator()(const char* key, const X& field) {
    w_.Key(key);
    value(field);
  }

 private:
  Writer& w_;
};

inline const char* type_name(const rapidjson::Value& j) {
  switch (j.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "a boolean";
    case rapidjson::kObjectType:
      return "an object";
    case rapidjson::kArrayType:
      return "an array";
    case rapidjson::kStringType:
      return "a string";
    case rapidjson::kNumberType:
      return "a number";
  }
  return "?";
}

class Reader {
 public:
  explicit Reader(std::string_view what) : what_(what) {}

  void value(const rapidjson::Value& j, std::string& out) {
    expect(j.IsString(), j, "a string");
    out.assign(j.GetString(), j.GetStringLength());
  }
  void value(const rapidjson::Value& j, bool& out) {
    expect(j.IsBool(), j, "a boolean");
    out = j.GetBool();
  }
  void value(const rapidjson::Value& j, int& out) {
    expect(j.IsInt(), j, "an integer");
    out = j.GetInt();
  }
  void value(const rapidjson::Value& j, std::int64_t& out) {
    expect(j.IsInt64(), j, "an integer");
    out = j.GetInt64();
  }
  void value(const rapidjson::Value& j, double& out) {
    expect(j.IsNumber(), j, "a number");
    out = j.GetDouble();
  }
  template <NamedEnum E>
  void value(const rapidjson::Value& j, E& out) {
    expect(j.IsString(), j, "a string");
    std::string_view text(j.GetString(), j.GetStringLength());
    if (enum_from_name(text, out)) return;
    const auto names = enum_names(E{});
    std::string allowed;
    for (auto n : names) allowed += (allowed.empty() ? "" : " | ") + std::string(n);
    fail("expected one of " + allowed + ", found \"" + std::string(text) + "\"");
  }
  template <class T>
  void value(const rapidjson::Value& j, std::vector<T>& out) {
    expect(j.IsArray(), j, "an array");
    out.clear();
    out.resize(j.Size());
    for (rapidjson::SizeType i = 0; i < j.Size(); ++i) {
      const auto mark = path_.size();
      path_ += "[" + std::to_string(i) + "]";
      value(j[i], out[i]);
      path_.resize(mark);
    }
  }
  template <class T>
  void value(const rapidjson::Value& j, std::optional<T>& out) {
    if (j.IsNull()) {
      out.reset();
      return;
    }
    out.emplace();
    value(j, *out);
  }
  template <Described T>
  void value(const rapidjson::Value& j, T& out) {
    expect(j.IsObject(), j, "an object");
    const rapidjson::Value* saved = object_;
    object_ = &j;
    T::fields(out, *this);
    object_ = saved;
  }
  // Called by fields(): a missing key keeps the field's default (older writers omit new keys).
  template <class X>
  void operator()(const char* key, X& field) {
    auto it = object_->FindMember(key);
    if (it == object_->MemberEnd()) return;
    const auto mark = path_.size();
    path_ += ".";
    path_ += key;
    value(it->value, field);
    path_.resize(mark);
  }

 private:
  void expect(bool ok, const rapidjson::Value& j, const char* wanted) {
    if (!ok) fail(std::string("expected ") + wanted + ", found " + type_name(j));
  }
  [[noreturn]] void fail(const std::string& why) { throw ParseError(std::string(what_) + ": " + path_ + ": " + why); }

  std::string_view what_;
  std::string path_ = "$";
  const rapidjson::Value* object_ = nullptr;
};

}  // namespace detail

// Serializes any model type (or vector of them) as compact JSON, UTF-8, no HTML escaping.
template <class T>
std::string write(const T& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  detail::Emitter<rapidjson::Writer<rapidjson::StringBuffer>>(writer).value(value);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Parses `text` into a T. `what` names the document in error messages.
template <class T>
T read(std::string_view text, std::string_view what) {
  rapidjson::Document doc;
  // A lone surrogate escape (\udc00) would decode to invalid UTF-8 that no validation sees:
  // it is read as U+FFFD (json_guard.hpp).
  std::string repaired;
  if (text.find("\\u") != std::string_view::npos) {
    repaired = replace_lone_surrogates(text);
    text = repaired;
  }
  // Iterative: the recursive parser overflows the stack on deeply nested input ([[[[...).
  doc.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (doc.HasParseError()) {
    throw ParseError(std::string(what) + ": invalid JSON at byte " + std::to_string(doc.GetErrorOffset()) + ": " +
                     rapidjson::GetParseError_En(doc.GetParseError()));
  }
  T out{};
  detail::Reader(what).value(doc, out);
  return out;
}

}  // namespace kefu::json
