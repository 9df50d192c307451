// Outputs are written only to regular files, through a new temporary file renamed at the end;
// a link, a pipe or a device at the name is refused, and a rejects file Kefu did not write is
// never replaced or removed.
#include "base/output_file.h"

#include "base/file.h"
#include "test_paths.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

namespace kefu::host {
namespace {

using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

void write_hello(const std::string& path) {
  write_file_atomically(path, [](std::ostream& out) { out << "hello\n"; });
}

TEST(OutputFile, RefusesToWriteThroughASymbolicLinkAndLeavesItsTargetAlone) {
  test::TempDir dir;
  const std::string victim = dir.write("victim.txt", "precious\n"), link = dir.path() + "/out.csv";
  std::filesystem::create_symlink(victim, link);
  EXPECT_THAT([&] { write_hello(link); },
              ThrowsMessage<std::runtime_error>(HasSubstr(link + ": is a symbolic link to " + victim)));
  EXPECT_EQ(read_whole_file(victim), "precious\n");
  EXPECT_TRUE(std::filesystem::is_symlink(link));
}

TEST(OutputFile, RefusesANamedPipe) {
  test::TempDir dir;
  const std::string fifo = dir.path() + "/out.csv";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);  // so a writer would not block
  EXPECT_THAT([&] { write_hello(fifo); },
              ThrowsMessage<std::runtime_error>(HasSubstr(fifo + ": is a named pipe, not a regular file")));
  ::close(reader);
}

TEST(OutputFile, RefusesADevice) {
  EXPECT_THAT([] { write_hello("/dev/null"); },
              ThrowsMessage<std::runtime_error>(HasSubstr("/dev/null: is a device, not a regular file")));
}

TEST(OutputFile, NeverWritesThroughALinkPlantedAtThePredictableTemporaryName) {
  test::TempDir dir;
  const std::string victim = dir.write("victim.txt", "precious\n"), out = dir.path() + "/out.csv";
  // The name the writer used to pick: <out>.tmp.<pid>.
  std::filesystem::create_symlink(victim, out + ".tmp." + std::to_string(::getpid()));
  write_hello(out);
  EXPECT_EQ(read_whole_file(victim), "precious\n");
  EXPECT_EQ(read_whole_file(out), "hello\n");
}

TEST(OutputFile, ReplacesARegularFileTheUserNamed) {
  test::TempDir dir;
  const std::string out = dir.write("out.csv", "old\n");
  write_hello(out);
  EXPECT_EQ(read_whole_file(out), "hello\n");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u) << "no temporary file left behind";
}

TEST(OutputFile, DoesNotReplaceARejectsFileKefuDidNotWrite) {
  test::TempDir dir;
  const std::string input = dir.write("chat.csv", "x\n");
  const std::string theirs = dir.write("chat.csv.rejects.csv", "my own notes\n");
  EXPECT_THAT(
      [&] {
        write_rejects_file(input, {{3, "bad", "raw"}});
      },
      ThrowsMessage<std::runtime_error>(HasSubstr(theirs + ": already exists and is not a file kefu wrote")));
  EXPECT_EQ(read_whole_file(theirs), "my own notes\n");
}

TEST(OutputFile, LeavesAFileKefuDidNotWriteWhereAStaleRejectsFileWouldBe) {
  test::TempDir dir;
  const std::string input = dir.write("chat.csv", "x\n");
  const std::string theirs = dir.write("chat.csv.rejects.csv", "my own notes\n");
  EXPECT_EQ(write_rejects_file(input, {}), "");
  EXPECT_EQ(read_whole_file(theirs), "my own notes\n");
}

TEST(OutputFile, ReplacesAndRemovesItsOwnRejectsFile) {
  test::TempDir dir;
  const std::string input = dir.write("chat.csv", "x\n");
  const std::string path = write_rejects_file(input, {{3, "bad", "raw"}});
  EXPECT_EQ(path, input + ".rejects.csv");
  EXPECT_EQ(write_rejects_file(input, {{4, "worse", "raw"}}), path);
  EXPECT_THAT(read_whole_file(path).value_or(""), HasSubstr("4,worse,raw"));
  EXPECT_EQ(write_rejects_file(input, {}), "");
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(OutputFile, PutsRejectsInTheRejectsDirectoryWhenGivenOne) {
  test::TempDir share, logs;
  const std::string input = share.write("chat.csv", "x\n");
  const std::string path = write_rejects_file(input, {{3, "bad", "raw"}}, logs.path());
  EXPECT_EQ(path, logs.path() + "/chat.csv.rejects.csv");
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(input + ".rejects.csv"));
}

TEST(OutputFile, RefusesARejectsFileThatIsASymbolicLink) {
  test::TempDir dir;
  const std::string input = dir.write("chat.csv", "x\n"), victim = dir.write("victim.txt", "precious\n");
  std::filesystem::create_symlink(victim, input + ".rejects.csv");
  EXPECT_THAT(
      [&] {
        write_rejects_file(input, {{3, "bad", "raw"}});
      },
      ThrowsMessage<std::runtime_error>(HasSubstr("is a symbolic link")));
  EXPECT_EQ(read_whole_file(victim), "precious\n");
}

}  // namespace
}  // namespace kefu::host
