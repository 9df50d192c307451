// A plugin called in this process, through its C function table: what `kefu plugins check`,
// --plugins-in-process and the plugin host process itself use. Exceptions that escape the
// plugin are caught and an answer over the size limit is refused; a crash, an exit or a hang
// is not contained here (that is what plugin_process.h is for).
#pragma once

#include "platforms/host_api.h"
#include "platforms/plugin_calls.h"

#include <kefu/abi.h>

#include <cstdint>
#include <memory>

namespace kefu::host {

class InProcessCalls final : public PluginCalls {
 public:
  // `context` must outlive `instance`, which may keep its pointer; both are owned from here on.
  InProcessCalls(kefu_plugin_instance instance, std::unique_ptr<HostContext> context, std::uint64_t answer_limit);
  ~InProcessCalls() override;

  std::optional<RawAnswer> call(PluginCall call, std::string_view request, std::string_view payload) override;
  void identified(const std::string& id) override { context_->set_plugin_label(id); }

 private:
  std::unique_ptr<HostContext> context_;
  kefu_plugin_instance instance_;
  std::uint64_t answer_limit_;
};

}  // namespace kefu::host
