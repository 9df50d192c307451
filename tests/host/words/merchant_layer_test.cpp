// The merchant layer: a team's own word lists, named per platform in kefu.json (`words`), join
// that platform's list in `kefu words`, `kefu scan` and `kefu diff`, and no other platform's.
#include "host/cli/run_kefu.hpp"
#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct TeamConfig {
  TempDir dir;
  std::string config;
  TeamConfig() {
    dir.write("lists/tmall-team.txt", "# the team's own list\n某竞品店\t竞品\tblock\t本店\n");
    config = dir.write("kefu.json", R"({"version": 1, "words": {"tmall": ["lists/tmall-team.txt"]}})");
  }
};

TEST(MerchantLayer, AListNamedInKefuJsonShowsInTheWordsOfItsPlatformAsTheMerchantLayer) {
  TeamConfig team;
  const CliRun run = kefu("words --platform tmall --format json --config " + team.config, "", false);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr(R"("text":"某竞品店")"));
  EXPECT_THAT(run.out, HasSubstr(R"("layer":"merchant")"));
  EXPECT_THAT(run.out, HasSubstr("kefu.json words.tmall"));
}

TEST(MerchantLayer, ATeamCategoryOfItsOwnIsAccepted) {
  TeamConfig team;
  const CliRun run = kefu("words --platform tmall --format json --config " + team.config, "", false);
  EXPECT_THAT(run.out, HasSubstr(R"("category":"竞品")"));
}

TEST(MerchantLayer, ScanFlagsTheTeamTermOnItsPlatformOnly) {
  TeamConfig team;
  const std::string text = team.dir.write("msg.txt", "推荐您去某竞品店看看\n");
  EXPECT_EQ(kefu("scan --platform tmall --config " + team.config + " " + text).exit_code, 1);
  const CliRun jd = kefu("scan --platform jd --format json --config " + team.config + " " + text, "", false);
  EXPECT_THAT(jd.out, Not(HasSubstr("某竞品店")));
}

TEST(MerchantLayer, DiffCountsTheTeamListOfTheTargetPlatform) {
  TeamConfig team;
  const CliRun run = kefu("diff jd tmall --format json --config " + team.config, "", false);
  ASSERT_EQ(run.exit_code, 3) << run.out;  // JD's stance on 引流 is not known
  EXPECT_THAT(run.out, HasSubstr("某竞品店"));
}

TEST(MerchantLayer, AWordsEntryThatIsNotAListOfFilesIsAConfigErrorNamingTheKey) {
  TempDir dir;
  const std::string config = dir.write("kefu.json", R"({"version": 1, "words": {"tmall": "lists.txt"}})");
  const CliRun run = kefu("words --platform tmall --config " + config);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("words.tmall"));
}

}  // namespace
}  // namespace kefu::test
