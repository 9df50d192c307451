// scan_file on hostile inputs: headers that only look like a chat log's, devices, FIFOs and
// files over the size limit are refused with the file, the reason and what to do.
#include "words/scan_file.h"

#include "test_paths.hpp"

#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host::words {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Lexicon lexicon() {
  WordList common;
  Term t;
  t.text = "微信";
  t.severity = Severity::block;
  t.category = "其他";
  t.source.title = "test";
  common.terms = {t};
  return Lexicon(common, {}, {});
}

TEST(ScanFile, ACsvWithSessionIdButNoContentColumnIsAClearProblemNotACrash) {
  test::TempDir dir;
  const std::string path = dir.write("chat.csv", "session_id,content_type\ns1,加微信\ns2,text\n");
  const ScanReport r = scan_file(path, lexicon(), {});
  EXPECT_EQ(r.kind, InputKind::chat_csv);
  EXPECT_TRUE(r.hits.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems[0], HasSubstr(path + ": line 1: the CSV header (session_id,content_type) reads like a chat "
                                              "log's but matches no known layout and has no content column"));
  EXPECT_THAT(r.problems[0], HasSubstr("name the message column content"));
}

TEST(ScanFile, ADeeplyNestedJsonLineIsAProblemNotAStackOverflow) {
  test::TempDir dir;
  const std::string path =
      dir.write("chat.jsonl", "{\"content\":\"加微信\"}\n{\"content\":" + std::string(300'000, '[') +
                                  std::string(300'000, ']') + "}\n");
  const ScanReport r = scan_file(path, lexicon(), {});
  EXPECT_EQ(r.kind, InputKind::chat_jsonl);
  EXPECT_EQ(r.units, 1u);
  EXPECT_THAT(r.problems, ElementsAre(path + ":2: not a JSON object with a string \"content\" (record skipped)"));
}

TEST(ScanFile, ACharacterDeviceSuchAsDevZeroIsRefusedInsteadOfReadForever) {
  const ScanReport r = scan_file("/dev/zero", lexicon(), {});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems[0], HasSubstr("/dev/zero: is a character device, not a regular file"));
  EXPECT_EQ(r.bytes, 0u);
}

TEST(ScanFile, AFifoIsRefusedWithoutWaitingForAWriter) {
  test::TempDir dir;
  const std::string fifo = dir.path() + "/pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const ScanReport r = scan_file(fifo, lexicon(), {});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems[0], HasSubstr(fifo + ": is a pipe (FIFO), not a regular file"));
  EXPECT_THAT(r.problems[0], HasSubstr("or - to read standard input"));
}

TEST(ScanFile, AFileOverTheSizeLimitIsRefusedNamingTheLimitAndTheFile) {
  test::TempDir dir;
  const std::string path = dir.write("big.txt", std::string(100, 'x'));
  ScanOptions options;
  options.max_bytes = 64;
  const ScanReport r = scan_file(path, lexicon(), options);
  EXPECT_THAT(r.problems,
              ElementsAre(path + ": larger than the limit of 64 bytes read at once; split it into smaller files"));
  options.max_bytes = 100;
  EXPECT_TRUE(scan_file(path, lexicon(), options).problems.empty());
}

}  // namespace
}  // namespace kefu::host::words
