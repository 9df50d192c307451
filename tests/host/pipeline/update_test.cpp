// `kefu update` against a scripted server: a new version is kept (and snapshotted), an unchanged
// one costs a conditional request, and a failed, mismatching or invalid download keeps the
// previous version active, saying why.
#include "pipeline/update.h"

#include "host/cli/run_kefu.hpp"
#include "host/net/scripted_server.hpp"

#include "base/file.h"

#include <kefu/toolkit/signing.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::host::update {
namespace {

using test::http_reply;
using test::ScriptedReply;
using test::ScriptedServer;
using ::testing::HasSubstr;
using ::testing::Not;
using State = Outcome::State;

const std::string kV1 = "私聊\t引流/站外联系\tblock\t请在平台内沟通\n";
const std::string kV2 = kV1 + "加我\t引流/站外联系\tblock\n";

std::string sha(const std::string& s) { return signing::hex(signing::hash(signing::Digest::sha256, s)); }

std::string slurp(const std::string& path) { return *read_whole_file(path); }

class Update : public ::testing::Test {
 protected:
  config::Config config_for(const std::string& url, const std::string& pin = "") {
    config::Config c;
    c.store = dir_.path() + "/kefu.db";
    c.updates.push_back({"team-words", "words", "tmall", url, pin});
    return c;
  }
  Outcome run(const config::Config& c) {
    HttpOptions o;
    o.retry.max_attempts = 2;
    o.sleep = [](std::chrono::milliseconds) {};
    HttpClient http(o);
    auto store = store::open_sqlite_store(c.store);
    return run_updates(c, http, *store, "2026-11-23").at(0);
  }
  std::vector<std::string> snapshots() {
    return store::open_sqlite_store(dir_.path() + "/kefu.db")->snapshot_days("tmall", "words:team-words");
  }
  test::TempDir dir_;
};

TEST_F(Update, NewThenUnchangedWithAConditionalRequest) {
  ScriptedServer server({http_reply(200, kV1, "ETag: \"v1\"\r\nLast-Modified: Mon, 16 Nov 2026 08:00:00 GMT\r\n"),
                         {"HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n", {}}});
  const auto c = config_for(server.url("/words.txt"));
  Outcome first = run(c);
  EXPECT_EQ(first.state, State::updated) << first.message;
  EXPECT_THAT(first.message, HasSubstr("snapshot dated 2026-11-23"));
  EXPECT_EQ(slurp(first.active_file), kV1);
  Outcome second = run(c);
  EXPECT_EQ(second.state, State::unchanged) << second.message;
  EXPECT_THAT(server.received()[1], HasSubstr("If-None-Match: \"v1\""));
  EXPECT_THAT(server.received()[1], HasSubstr("If-Modified-Since: Mon, 16 Nov 2026 08:00:00 GMT"));
  EXPECT_EQ(snapshots().size(), 1u);
  EXPECT_EQ(active_word_files(c, "tmall").size(), 1u);
  EXPECT_TRUE(active_word_files(c, "jd").empty());
}

TEST_F(Update, AFailedDownloadKeepsThePreviousVersion) {
  ScriptedServer server({http_reply(200, kV1), http_reply(503, "busy")});
  const auto c = config_for(server.url("/words.txt"));
  ASSERT_EQ(run(c).state, State::updated);
  const Outcome failed = run(c);
  EXPECT_EQ(failed.state, State::failed);
  EXPECT_THAT(failed.message, HasSubstr("download failed: HTTP 503; the version of 2026-11-23 stays active"));
  EXPECT_EQ(slurp(failed.active_file), kV1);
  EXPECT_EQ(server.requests(), 3);  // 503 was tried twice
}

TEST_F(Update, AMismatchingHashIsRefused) {
  ScriptedServer server({http_reply(200, kV1), http_reply(200, kV2)});
  auto c = config_for(server.url("/words.txt"), sha(kV1));
  ASSERT_EQ(run(c).state, State::updated);
  const Outcome refused = run(c);  // the server now has kV2, the config still pins kV1
  EXPECT_EQ(refused.state, State::failed);
  EXPECT_THAT(refused.message,
              HasSubstr("SHA-256 mismatch: the config pins " + sha(kV1) + ", the download is " + sha(kV2)));
  EXPECT_EQ(slurp(refused.active_file), kV1);
}

TEST_F(Update, AnInvalidListIsRefusedAndANewValidOneReplacesTheOld) {
  // A team's own category is valid (the merchant layer); an unknown severity is not.
  ScriptedServer server({http_reply(200, kV1), http_reply(200, "加我\t竞品\tmaybe\n"), http_reply(200, kV2)});
  const auto c = config_for(server.url("/words.txt"));
  ASSERT_EQ(run(c).state, State::updated);
  const Outcome invalid = run(c);
  EXPECT_EQ(invalid.state, State::failed);
  EXPECT_THAT(invalid.message, HasSubstr("not a valid words file"));
  EXPECT_THAT(invalid.message, HasSubstr("line 1"));
  EXPECT_THAT(invalid.message, HasSubstr("maybe"));
  EXPECT_EQ(slurp(invalid.active_file), kV1);
  const Outcome next = run(c);
  EXPECT_EQ(next.state, State::updated);
  EXPECT_EQ(slurp(next.active_file), kV2);
}

TEST_F(Update, NoServerNoVersionYet) {
  int port;
  {
    ScriptedServer gone({http_reply(200, kV1)});
    port = std::stoi(gone.url().substr(17));
  }
  const Outcome o = run(config_for("http://127.0.0.1:" + std::to_string(port) + "/words.txt"));
  EXPECT_EQ(o.state, State::failed);
  EXPECT_THAT(o.message, HasSubstr("no previous version"));
  EXPECT_TRUE(o.active_file.empty());
}

TEST_F(Update, TheCommandAndTheTeamListInKefuWords) {
  ScriptedServer server({http_reply(200, kV2)});
  const std::string config =
      dir_.write("kefu.json", R"({"store": "kefu.db", "updates": [{"name": "team-words", "kind": "words",
    "platform": "tmall", "url": ")" +
                                  server.url("/words.txt") + R"("}]})");
  const auto run = kefu("update --config " + config);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("team-words: 已更新"));
  const auto words = kefu("words --platform tmall --config " + config);
  EXPECT_THAT(words.out, HasSubstr("加我"));
  EXPECT_THAT(kefu("words --platform jd --config " + config).out, Not(HasSubstr("加我")));
}

TEST_F(Update, DoesNotChangeTheModeOfADirectoryThatTheUpdatesLinkPointsTo) {
  const std::string elsewhere = dir_.path() + "/elsewhere";
  std::filesystem::create_directory(elsewhere);
  ::chmod(elsewhere.c_str(), 0700);
  std::filesystem::create_symlink(elsewhere, dir_.path() + "/kefu.db.updates");
  ScriptedServer server({http_reply(200, kV1)});
  const auto c = config_for(server.url("/words.txt"));
  EXPECT_THAT([&] { run(c); },
              ::testing::ThrowsMessage<std::runtime_error>(HasSubstr(
                  "the updates directory " + dir_.path() + "/kefu.db.updates is a symbolic link to " + elsewhere)));
  struct stat st {};
  ASSERT_EQ(::stat(elsewhere.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
  EXPECT_TRUE(std::filesystem::is_empty(elsewhere));
}

TEST_F(Update, ADamagedRecordIsReportedAndTheOtherSourcesStillUpdate) {
  ScriptedServer server({http_reply(200, kV1), http_reply(200, kV2)});
  auto c = config_for(server.url("/words.txt"));
  c.updates.push_back({"more-words", "words", "tmall", server.url("/more.txt"), ""});
  const std::string updates = dir_.path() + "/kefu.db.updates";
  std::filesystem::create_directory(updates);
  dir_.write("kefu.db.updates/team-words", kV1);
  dir_.write("kefu.db.updates/team-words.meta.json", "{\"url\": \"");  // cut off mid-write
  HttpOptions o;
  o.retry.max_attempts = 1;
  HttpClient http(o);
  auto store = store::open_sqlite_store(c.store);
  const auto outcomes = run_updates(c, http, *store, "2026-11-23");
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_NE(outcomes[0].state, State::failed) << outcomes[0].message;
  EXPECT_THAT(outcomes[0].message, HasSubstr("its record " + updates + "/team-words.meta.json was damaged"));
  EXPECT_EQ(outcomes[1].state, State::updated) << outcomes[1].message;
  EXPECT_EQ(slurp(outcomes[1].active_file), kV2);
}

TEST_F(Update, RunsWithCoreDumpsTurnedOff) {
  ScriptedReply slow = http_reply(200, kV1);
  slow.delay = std::chrono::milliseconds(1500);  // time to look at the process while it waits
  ScriptedServer server({slow});
  const std::string config =
      dir_.write("kefu.json", R"({"store": "kefu.db", "updates": [{"name": "team-words", "kind": "words",
    "platform": "tmall", "url": ")" +
                                  server.url("/words.txt") + R"("}]})");
  const auto started = run_command("ulimit -c unlimited 2>/dev/null; " + std::string(KEFU_TEST_BIN) +
                                   " update --config " + config + " >/dev/null 2>&1 & echo $!");
  const std::string proc = "/proc/" + std::to_string(std::stoi(started.out));
  for (int i = 0; i < 200 && server.requests() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  ASSERT_EQ(server.requests(), 1);
  std::string core_line;
  {
    std::ifstream limits(proc + "/limits");
    for (std::string line; std::getline(limits, line);)
      if (line.rfind("Max core file size", 0) == 0) core_line = line;
  }
  EXPECT_THAT(core_line, ::testing::MatchesRegex("Max core file size +0 +0 +bytes *"));
  // Let it finish before the directory goes.
  for (int i = 0; i < 400; ++i) {
    std::ifstream stat(proc + "/stat");
    std::string pid, name, state;
    if (!(stat >> pid >> name >> state) || state == "Z") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
}

TEST(UpdatesDir, TheActiveVersionsAreBesideAStoreFileAndBesideTheConfigForAStoreOnAServer) {
  config::Config c;
  c.store = "/data/kefu.db";
  EXPECT_EQ(updates_dir(c), "/data/kefu.db.updates");
  c.store = "postgresql://kefu_ingest@db.example.com/kefu?sslmode=verify-full";
  c.path = "/etc/kefu/kefu.json";
  EXPECT_EQ(updates_dir(c), "/etc/kefu/kefu.updates");
  c.path = "";
  EXPECT_EQ(updates_dir(c), "./kefu.updates");
}

}  // namespace
}  // namespace kefu::host::update
