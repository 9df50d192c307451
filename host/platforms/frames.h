// The messages between kefu and a plugin host process, over one socket: a kind byte, the body's
// length (8 bytes, little-endian) and the body. Plain bytes, so the plugin's JSON answers travel
// exactly as it wrote them and a payload (an export file) needs no escaping.
//
// Kinds, kefu → plugin host:   'L' load (JSON LoadRequest)   'C' call name, then 'Q' request and
//                              'P' payload                   'h' an HTTP answer ('0'/'1' + text)
//        plugin host → kefu:   'A' answer header (JSON)      'O' the answer's text
//                              'E' error text                'H' an HTTP request (JSON)
//                              'D' a death note, sent just before the process ends itself
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::host::frames {

struct Frame {
  char kind = 0;
  std::string body;
};

// Sends one frame, whole; false when the other side is gone. Never raises SIGPIPE.
bool write(int fd, char kind, std::string_view body);

enum class ReadStatus { ok, closed, timed_out, too_large };

// Reads one frame. `deadline` (steady clock) bounds the wait when set; a body longer than
// `max_body` is not read (`too_large`, its announced length in `announced`).
ReadStatus read(int fd, Frame& frame, std::optional<std::chrono::steady_clock::time_point> deadline,
                std::uint64_t max_body, std::uint64_t* announced = nullptr);

}  // namespace kefu::host::frames
