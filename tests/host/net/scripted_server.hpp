// A loopback HTTP server that answers each connection from a script: a raw reply, optionally
// after a delay, optionally cut short. Counts the requests it saw, so tests can count retries.
// Every wait is bounded; the destructor stops it.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kefu::test {

struct ScriptedReply {
  std::string raw;                     // bytes sent back (status line, headers, body)
  std::chrono::milliseconds delay{0};  // wait before answering
};

// A complete response with Content-Length.
inline ScriptedReply http_reply(int status, const std::string& body, const std::string& extra_headers = "") {
  return {"HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\nContent-Length: " +
              std::to_string(body.size()) + "\r\nConnection: close\r\n" + extra_headers + "\r\n" + body,
          std::chrono::milliseconds(0)};
}

// Promises `promised` bytes of body, sends `body`, then closes: a connection reset mid-body.
inline ScriptedReply cut_reply(const std::string& body, std::size_t promised) {
  return {"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(promised) +
              "\r\nConnection: close\r\n\r\n" + body,
          std::chrono::milliseconds(0)};
}

class ScriptedServer {
 public:
  // The last reply repeats once the script runs out.
  explicit ScriptedServer(std::vector<ScriptedReply> script) : script_(std::move(script)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~ScriptedServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    if (thread_.joinable()) thread_.join();
  }

  std::string url(const std::string& path = "/") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int requests() const { return requests_; }
  std::vector<std::string> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  // Each connection gets its own thread, so a slow reply does not hold up the next request.
  void serve() {
    std::vector<std::thread> workers;
    for (int served = 0; !stop_ && served < 64;) {  // bounded
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      const int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) break;
      ++served;
      workers.emplace_back([this, client] { answer(client); });
    }
    for (auto& w : workers) w.join();
  }

  void answer(int client) {
    timeval timeout{2, 0};
    ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string request;
    char buf[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      const ssize_t n = ::recv(client, buf, sizeof buf, 0);
      if (n <= 0) break;
      request.append(buf, static_cast<std::size_t>(n));
    }
    std::size_t index;
    {
      std::lock_guard lock(mutex_);
      index = received_.size();
      received_.push_back(request);
      ++requests_;
    }
    const ScriptedReply& reply = script_[std::min(index, script_.size() - 1)];
    for (auto waited = std::chrono::milliseconds(0); waited < reply.delay && !stop_;
         waited += std::chrono::milliseconds(10))
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ::send(client, reply.raw.data(), reply.raw.size(), MSG_NOSIGNAL);
    ::close(client);
  }

  std::vector<ScriptedReply> script_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<int> requests_{0};
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<std::string> received_;
  std::thread thread_;
};

}  // namespace kefu::test
