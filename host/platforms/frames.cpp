#include "platforms/frames.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace kefu::host::frames {
namespace {

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// Waits until `fd` is readable or the deadline passes; false on the deadline.
bool wait_readable(int fd, std::optional<std::chrono::steady_clock::time_point> deadline) {
  for (;;) {
    int timeout_ms = -1;
    if (deadline) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      timeout_ms = static_cast<int>(std::min<long long>(left.count() + 1, 1'000'000'000));
    }
    pollfd p{fd, POLLIN, 0};
    const int n = ::poll(&p, 1, timeout_ms);
    if (n > 0) return true;  // readable, or hung up: read() tells which
    if (n < 0 && errno != EINTR) return true;
  }
}

ReadStatus read_all(int fd, char* data, std::size_t size,
                    std::optional<std::chrono::steady_clock::time_point> deadline) {
  while (size > 0) {
    if (!wait_readable(fd, deadline)) return ReadStatus::timed_out;
    const ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return ReadStatus::closed;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return ReadStatus::ok;
}

}  // namespace

bool write(int fd, char kind, std::string_view body) {
  char header[9];
  header[0] = kind;
  std::uint64_t size = body.size();
  for (int i = 0; i < 8; ++i) header[1 + i] = static_cast<char>((size >> (8 * i)) & 0xff);
  return write_all(fd, header, sizeof header) && write_all(fd, body.data(), body.size());
}

ReadStatus read(int fd, Frame& frame, std::optional<std::chrono::steady_clock::time_point> deadline,
                std::uint64_t max_body, std::uint64_t* announced) {
  char header[9];
  if (const ReadStatus s = read_all(fd, header, sizeof header, deadline); s != ReadStatus::ok) return s;
  std::uint64_t size = 0;
  for (int i = 0; i < 8; ++i) size |= std::uint64_t{static_cast<unsigned char>(header[1 + i])} << (8 * i);
  if (announced) *announced = size;
  if (size > max_body) return ReadStatus::too_large;
  frame.kind = header[0];
  frame.body.resize(size);
  return read_all(fd, frame.body.data(), size, deadline);
}

}  // namespace kefu::host::frames
