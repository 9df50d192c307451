#include "cli/options.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <memory>

namespace kefu::host {
namespace {

constexpr std::array<std::pair<Format, const char*>, 6> kFormatNames = {{
    {Format::table, "table"},
    {Format::json, "json"},
    {Format::csv, "csv"},
    {Format::md, "md"},
    {Format::xlsx, "xlsx"},
    {Format::html, "html"},
}};

const char* format_name(Format f) {
  for (const auto& [format, name] : kFormatNames)
    if (format == f) return name;
  return "";
}

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::table;
  for (const auto& [format, format_name] : kFormatNames)
    if (name == format_name) return format;
  return std::nullopt;
}

}  // namespace

void add_config_option(CLI::App& cmd, ConfigPaths& paths, std::string_view what) {
  cmd.add_option("--config", paths.config, std::string(what) + " (default: $KEFU_CONFIG, else ./kefu.json if present)");
}

void add_store_option(CLI::App& cmd, ConfigPaths& paths) {
  cmd.add_option("--store", paths.store, "the store: an SQLite file, or a postgresql:// URL (docs/scale.md); default: the config's, else ./kefu.db");
}

void add_layout_option(CLI::App& cmd, std::vector<std::string>& files) {
  cmd.add_option("--layout", files,
                 "a chat-log layout file (JSON: which column holds which field, docs/data-in.md), tried before "
                 "kefu.json's chat_layouts and the plugins' (repeatable)")
      ->check(CLI::ExistingFile);
}

void add_encoding_option(CLI::App& cmd, std::optional<Encoding>& encoding) {
  cmd.add_option_function<std::string>(
         "--encoding",
         [&encoding](const std::string& name) { encoding = name.empty() ? std::nullopt : parse_encoding(name); },
         "force the input encoding: utf-8 | gbk | gb18030 (default: detect)")
      ->check(CLI::Validator(
          [](std::string& name) {
            return name.empty() || parse_encoding(name) ? std::string() : std::string("use utf-8, gbk or gb18030");
          },
          "ENCODING"));
}

void add_sheet_option(CLI::App& cmd, std::string& sheet) {
  cmd.add_option("--sheet", sheet, "xlsx inputs: the sheet to read, by name (default: the first sheet)");
}

void add_format_option(CLI::App& cmd, Format& format, std::initializer_list<Format> supported) {
  const std::vector<Format> formats(supported);
  std::string help, set;
  for (Format f : formats) {
    help += (help.empty() ? "" : " | ") + std::string(format_name(f));
    set += (set.empty() ? "" : ",") + std::string(format_name(f));
  }
  set = "{" + set + "}";
  auto accepts = [formats](const std::string& name) {
    const auto f = parse_format(name);
    return f && std::find(formats.begin(), formats.end(), *f) != formats.end();
  };
  cmd.add_option_function<std::string>(
         "--format", [&format](const std::string& name) { format = *parse_format(name); }, help)
      ->check(CLI::Validator(
          [accepts, set](std::string& name) { return accepts(name) ? std::string() : name + " not in " + set; }, set));
}

void add_definitions_option(CLI::App& cmd, metrics::Canonical& version) {
  cmd.add_option_function<std::string>(
         "--definitions",
         [&version](const std::string& id) {
           const auto parsed = metrics::parse_canonical(id);
           if (!parsed) throw CLI::ValidationError("--definitions", "\"" + id + "\" is not kefu/1 or kefu/2");
           version = *parsed;
         },
         "canonical definitions: kefu/2 (default: C1-C6, whole sessions, closings open no turn) or kefu/1 "
         "(R1-R15, as computed before 2026-12)")
      ->type_name("kefu/1|kefu/2");
}

}  // namespace kefu::host
