// Paths the build passes to the tests, and a private temporary directory per test.
#pragma once

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace kefu::test {

inline std::string plugin_file(const std::string& id) {
  return std::string(KEFU_TEST_PLUGIN_DIR) + "/libkefu_" + id + ".so";
}
inline std::string fixture_file(const std::string& name) {
  return std::string(KEFU_TEST_FIXTURE_DIR) + "/libkefu_fixture_" + name + ".so";
}

// A checked-in data fixture, e.g. data_file("words/chat.csv").
inline std::string data_file(const std::string& relative) { return std::string(KEFU_TEST_DATA_DIR) + "/" + relative; }

// A fresh 0700 directory, removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kefu-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string copy_in(const std::string& file, const std::string& name) const {
    const std::string to = path_ + "/" + name;
    std::filesystem::copy_file(file, to, std::filesystem::copy_options::overwrite_existing);
    ::chmod(to.c_str(), 0755);
    return to;
  }
  std::string write(const std::string& name, const std::string& content) const {
    const std::string to = path_ + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(to).parent_path());
    std::ofstream(to, std::ios::binary) << content;
    ::chmod(to.c_str(), 0644);
    return to;
  }

 private:
  std::string path_;
};

}  // namespace kefu::test
