#include "base/output_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace kefu::host {
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
    // A device or pipe (/dev/null, /dev/stdout): nothing to replace, write straight to it.
    std::ofstream out(path, std::ios::binary);
    write(out);
    if (!out.flush()) throw std::runtime_error(path + ": write failed");
    return;
  }
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(path + ": cannot write: " + std::strerror(errno));
    write(out);
    out.flush();
    if (!out) {
      std::filesystem::remove(temp);
      throw std::runtime_error(path + ": write failed: " + std::strerror(errno));
    }
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp);
    throw std::runtime_error(path + ": cannot replace: " + ec.message());
  }
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string rejects_path(const std::string& input) { return input + ".rejects.csv"; }

std::string write_rejects_file(const std::string& input, const std::vector<Reject>& rejects) {
  const std::string path = rejects_path(input);
  if (rejects.empty()) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return "";
  }
  write_file_atomically(path, [&](std::ostream& out) {
    out << "line,reason,original\n";
    for (const auto& r : rejects) out << r.line << ',' << csv_field(r.reason) << ',' << csv_field(r.original) << '\n';
  });
  return path;
}

}  // namespace kefu::host
