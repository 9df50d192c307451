#include "base/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ext/stdio_filebuf.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace kefu::host {
namespace {

namespace fs = std::filesystem;

std::string kind_of(mode_t mode) {
  return S_ISLNK(mode)                    ? "a symbolic link"
         : S_ISDIR(mode)                  ? "a directory"
         : S_ISFIFO(mode)                 ? "a named pipe"
         : S_ISSOCK(mode)                 ? "a socket"
         : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
                                          : "a special file";
}

// The directory a file named `path` goes in, and a template for a temporary name there.
std::string directory_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}
std::string temp_template(const std::string& path, const char* suffix) {
  return directory_of(path) + "/." + fs::path(path).filename().string() + suffix;
}

// The mode a plain new file gets (0666 less the umask), read without changing the umask.
mode_t new_file_mode() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("Umask:", 0) == 0) return 0666 & ~static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
  return 0644;
}

void replace(const std::string& temp, const std::string& path, std::string_view own_header) {
  try {
    check_output_target(path, own_header);  // again: it may have changed while we wrote
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
  // rename() replaces the name itself: were a link put there meanwhile, the link is replaced,
  // never the file it points to.
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    ::unlink(temp.c_str());
    throw std::runtime_error(path + ": cannot replace: " + std::strerror(e));
  }
}

}  // namespace

void check_output_target(const std::string& path, std::string_view own_header) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    throw std::runtime_error(path + ": cannot examine: " + std::strerror(errno));
  }
  if (S_ISLNK(st.st_mode)) {
    std::error_code ec;
    const std::string target = fs::read_symlink(path, ec).string();
    throw std::runtime_error(path + ": is a symbolic link" + (target.empty() ? "" : " to " + target) +
                             "; kefu does not write through links. Remove the link, or name the real file");
  }
  if (!S_ISREG(st.st_mode)) {
    throw std::runtime_error(path + ": is " + kind_of(st.st_mode) +
                             ", not a regular file; kefu writes its outputs only to regular files. Name a file");
  }
  if (own_header.empty()) return;
  std::string head(own_header.size(), '\0');
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  ssize_t n = -1;
  if (fd >= 0) {
    n = ::read(fd, head.data(), head.size());
    ::close(fd);
  }
  if (n != static_cast<ssize_t>(head.size()) || head != own_header) {
    std::string first(own_header.substr(0, own_header.find('\n')));
    throw std::runtime_error(
        path + ": already exists and is not a file kefu wrote (it does not start with \"" + first +
        "\"); kefu will not replace it. Move it away, or write rejects elsewhere with --rejects-dir DIR");
  }
}

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           std::string_view own_header) {
  check_output_target(path, own_header);
  std::string temp = temp_template(path, ".kefu-XXXXXX");
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);  // O_CREAT | O_EXCL: never an existing file or link
  if (fd < 0) throw std::runtime_error(path + ": cannot write: " + std::strerror(errno));
  ::fchmod(fd, new_file_mode());
  bool ok = false;
  int error = 0;
  {
    __gnu_cxx::stdio_filebuf<char> buffer(fd, std::ios::out | std::ios::binary);
    std::ostream out(&buffer);
    try {
      write(out);
    } catch (...) {
      ::unlink(temp.c_str());
      throw;
    }
    out.flush();
    ok = static_cast<bool>(out) && ::fsync(fd) == 0;
    error = errno;
  }  // closes fd
  if (!ok) {
    ::unlink(temp.c_str());
    throw std::runtime_error(path + ": write failed: " + std::strerror(error));
  }
  replace(temp, path, own_header);
}

void write_file_atomically_by_name(const std::string& path, const std::function<void(const std::string&)>& write) {
  check_output_target(path);
  std::string dir = temp_template(path, ".kefu-XXXXXX");
  if (!::mkdtemp(dir.data())) throw std::runtime_error(path + ": cannot write: " + std::strerror(errno));
  const std::string temp = dir + "/" + fs::path(path).filename().string();
  try {
    write(temp);
    ::chmod(temp.c_str(), new_file_mode());
    replace(temp, path, {});
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
    throw;
  }
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

std::string csv_field(std::string_view s) {
  std::string out;
  append_csv_field(out, s);
  return out;
}

void append_csv_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (std::size_t at = 0;;) {
    const std::size_t quote = s.find('"', at);
    out.append(s.substr(at, quote == std::string_view::npos ? std::string_view::npos : quote + 1 - at));
    if (quote == std::string_view::npos) break;
    out += '"';  // doubled
    at = quote + 1;
  }
  out += '"';
}

std::string rejects_path(const std::string& input, const std::string& rejects_dir) {
  if (rejects_dir.empty()) return input + ".rejects.csv";
  return (fs::path(rejects_dir) / fs::path(input).filename()).string() + ".rejects.csv";
}

std::string write_rejects_file(const std::string& input, const std::vector<Reject>& rejects,
                               const std::string& rejects_dir) {
  const std::string path = rejects_path(input, rejects_dir);
  if (rejects.empty()) {
    // Only a rejects file of an earlier run goes; a link or a file of someone else's stays.
    try {
      check_output_target(path, kRejectsHeader);
      ::unlink(path.c_str());
    } catch (const std::exception&) {
    }
    return "";
  }
  try {
    write_file_atomically(
        path,
        [&](std::ostream& out) {
          out << kRejectsHeader;
          for (const auto& r : rejects)
            out << r.line << ',' << csv_field(r.reason) << ',' << csv_field(r.original) << '\n';
        },
        kRejectsHeader);
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    if (!rejects_dir.empty() || what.find("--rejects-dir") != std::string::npos) throw;
    throw std::runtime_error(
        what + " (to keep rejects elsewhere, e.g. for inputs on a read-only share, give --rejects-dir DIR)");
  }
  return path;
}

}  // namespace kefu::host
