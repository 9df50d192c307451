// What kefu and a plugin host process tell each other in JSON (frames.h carries them).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kefu::host {

// 'L': how to load the plugin (its path is the process's first argument, kept out of JSON
// because a file name need not be UTF-8).
struct LoadRequest {
  std::string config_json = "{}";
  int log_level = 2;
  std::int64_t memory_bytes = 0;  // 0: no cap (a sanitizer build, which reserves terabytes)
  std::int64_t answer_bytes = 0;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("config_json", s.config_json);
    v("log_level", s.log_level);
    v("memory_bytes", s.memory_bytes);
    v("answer_bytes", s.answer_bytes);
  }
};

// 'A' after 'L': the loader's verdict, as load_plugin gave it.
struct LoadAnswer {
  bool refused = false;
  std::string code, message;  // the refusal
  std::string sdk_version;    // when loaded
  std::vector<std::string> notes;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("refused", s.refused);
    v("code", s.code);
    v("message", s.message);
    v("sdk_version", s.sdk_version);
    v("notes", s.notes);
  }
};

// 'A' after a call, followed by 'O' (the answer) and 'E' (the error sink's text).
struct CallAnswer {
  bool slot = true;     // false: the plugin's table has no such call
  int status = 1;       // KEFU_OK, KEFU_ERROR, KEFU_UNSUPPORTED
  std::string failure;  // set when the plugin gave no answer (PluginCallError's message)
  bool plugin_bug = false;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("slot", s.slot);
    v("status", s.status);
    v("failure", s.failure);
    v("plugin_bug", s.plugin_bug);
  }
};

}  // namespace kefu::host
