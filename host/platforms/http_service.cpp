// Apart from host_api.cpp so that the plugin host process, which forwards HTTP to kefu, does not
// link the HTTP client and the libraries behind it (libcurl, TLS): each plugin's process starts
// faster and maps less under its memory cap.
#include "net/http_client.h"
#include "platforms/host_api.h"

#include <kefu/json.hpp>

namespace kefu::host {

HttpService http_service_of(std::shared_ptr<HttpClient> http) {
  return [http = std::move(http)](std::string_view request) {
    if (!http) throw std::runtime_error("HTTP is not available in this host");
    return json::write(http->send(json::read<HttpRequest>(request, "HTTP request from plugin")));
  };
}

}  // namespace kefu::host
