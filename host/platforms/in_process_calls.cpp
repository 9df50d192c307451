#include "platforms/in_process_calls.h"

#include "platforms/plugin.h"
#include "platforms/plugin_limits.h"

#include <cstddef>
#include <exception>

namespace kefu::host {
namespace {

#define KEFU_SLOT_END(field) (offsetof(kefu_plugin_vtable, field) + sizeof(kefu_plugin_vtable::field))

std::size_t slot_end(PluginCall call) {
  switch (call) {
    case PluginCall::info:
      return KEFU_SLOT_END(info);
    case PluginCall::rules:
      return KEFU_SLOT_END(rules);
    case PluginCall::words:
      return KEFU_SLOT_END(words);
    case PluginCall::metric_profile:
      return KEFU_SLOT_END(metric_profile);
    case PluginCall::import_native:
      return KEFU_SLOT_END(import_native);
    case PluginCall::fetch:
      return KEFU_SLOT_END(fetch);
  }
  return ~std::size_t{0};
}

#undef KEFU_SLOT_END

// A sink that keeps at most `limit` bytes and counts the rest, so a runaway answer costs the
// host no memory beyond the limit.
struct CappedSink {
  std::string text;
  std::uint64_t limit, total = 0;
  static void append(void* ctx, const char* data, std::size_t size) {
    auto* self = static_cast<CappedSink*>(ctx);
    self->total += size;
    if (self->total <= self->limit) self->text.append(data, size);
  }
  kefu_sink sink() { return {this, &append}; }
  bool over() const { return total > limit; }
};

}  // namespace

InProcessCalls::InProcessCalls(kefu_plugin_instance instance, std::unique_ptr<HostContext> context,
                               std::uint64_t answer_limit)
    : context_(std::move(context)), instance_(instance), answer_limit_(answer_limit) {}

InProcessCalls::~InProcessCalls() {
  // The library itself stays loaded for the life of the process (see loader.cpp).
  try {
    if (instance_.vtable && instance_.vtable->destroy) instance_.vtable->destroy(instance_.self);
  } catch (...) {
  }
}

std::optional<RawAnswer> InProcessCalls::call(PluginCall call, std::string_view request, std::string_view payload) {
  const kefu_plugin_vtable* vt = instance_.vtable;
  // A plugin built with an older minor SDK has a shorter table: the capability is absent.
  if (vt->struct_size < slot_end(call)) return std::nullopt;
  CappedSink out{{}, answer_limit_}, error{{}, answer_limit_};
  kefu_sink out_sink = out.sink(), error_sink = error.sink();
  void* self = instance_.self;
  const kefu_str req{request.data(), request.size()}, load{payload.data(), payload.size()};
  std::int32_t status = KEFU_ERROR;
  try {
    switch (call) {
      case PluginCall::info:
        status = vt->info(self, &out_sink, &error_sink);
        break;
      case PluginCall::rules:
        status = vt->rules(self, &out_sink, &error_sink);
        break;
      case PluginCall::words:
        status = vt->words(self, &out_sink, &error_sink);
        break;
      case PluginCall::metric_profile:
        status = vt->metric_profile(self, &out_sink, &error_sink);
        break;
      case PluginCall::import_native:
        status = vt->import_native(self, req, load, &out_sink, &error_sink);
        break;
      case PluginCall::fetch:
        status = vt->fetch(self, req, &out_sink, &error_sink);
        break;
    }
  } catch (const std::exception& e) {
    throw PluginCallError(PluginCallError::Kind::plugin_bug,
                          std::string("let an exception escape (a bug in the plugin): ") + e.what());
  } catch (...) {
    throw PluginCallError(PluginCallError::Kind::plugin_bug, "let an unknown exception escape (a bug in the plugin)");
  }
  for (const CappedSink* sink : {&out, &error}) {
    if (sink->over())
      throw PluginCallError(PluginCallError::Kind::plugin_bug,
                            "answered " + std::to_string(sink->total >> 20) + " MiB, more than the limit of " +
                                describe_answer({.answer_bytes = answer_limit_}) +
                                "; the answer was refused. Report it to the plugin's authors, or raise the limit");
  }
  return RawAnswer{status, std::move(out.text), std::move(error.text)};
}

}  // namespace kefu::host
