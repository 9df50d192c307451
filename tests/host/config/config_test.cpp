#include "config/config.h"
#include "host/config/config_problems.hpp"

#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

namespace kefu::host::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(Config, TheShippedSampleIsValid) {
  const Config c = load_config(test::data_file("../../config/kefu.json"));
  EXPECT_EQ(c.shops.size(), 8u);
  ASSERT_NE(c.find_shop("jd02"), nullptr);
  EXPECT_EQ(c.find_shop("jd02")->platform, "jd");
  EXPECT_EQ(c.find_shop("jd02")->group, "B组");
}

TEST(Config, TargetsTakeTheMostSpecificScope) {
  const Config c = parse_config(R"({"shops": [{"id": "jd01", "platform": "jd"}, {"id": "jd02", "platform": "jd"}],
    "targets": {"global": {"reply_rate": 0.9, "avg_response_s": 40},
                "platforms": {"jd": {"reply_rate": 0.95}},
                "shops": {"jd02": {"reply_rate": 0.99}}}})",
                                "k.json");
  EXPECT_EQ(c.target_for("reply_rate", "jd", "jd02")->scope, "shop:jd02");
  EXPECT_DOUBLE_EQ(c.target_for("reply_rate", "jd", "jd02")->value, 0.99);
  EXPECT_EQ(c.target_for("reply_rate", "jd", "jd01")->scope, "platform:jd");
  EXPECT_EQ(c.target_for("reply_rate", "jd", "")->scope, "platform:jd");
  EXPECT_EQ(c.target_for("reply_rate", "tmall", "tm01")->scope, "global");
  EXPECT_EQ(c.target_for("avg_response_s", "jd", "jd02")->scope, "global");
  EXPECT_FALSE(c.target_for("within_30s_rate", "jd", "jd02"));
  EXPECT_EQ(c.find_shop("jd01")->name, "jd01");  // no name: the id
}

TEST(Config, EveryProblemNamesItsKeyAndWhatWasExpected) {
  const auto p = problems_of(R"({"version": 2, "stroe": "x.db",
    "shops": [{"id": "tm01", "platform": "Tmall"}, {"id": "tm01", "platform": "tmall", "colour": "red"}, {"platform": "jd"}],
    "targets": {"global": {"reply_rate": 95, "sessions": 100, "reply_rat": 0.9, "avg_response_s": "30"},
                "shops": {"zz09": {"avg_response_s": 30}}}})");
  EXPECT_THAT(
      p,
      ElementsAre(
          HasSubstr(
              "stroe: unknown key; expected one of version, store, secrets, api, http, updates, words, closings, explain, shops, targets"),
          HasSubstr("version: expected 1"), HasSubstr("shops[0].platform: \"Tmall\": expected a plugin id"),
          HasSubstr("shops[1].colour: unknown key"), HasSubstr("shops[1].id: \"tm01\" is listed twice"),
          HasSubstr("shops[2].id: missing; it is required"),
          HasSubstr("targets.global.reply_rate: expected a ratio between 0 and 1 (95% is 0.95), got 95"),
          HasSubstr("targets.global.sessions: a volume with no better direction"),
          HasSubstr("targets.global.reply_rat: not a canonical metric; targets can be set on"),
          HasSubstr("targets.global.avg_response_s: expected a number"),
          HasSubstr("targets.shops.zz09: not a shop listed in shops[]")));
}

TEST(Config, ABadPlatformIdNamesEveryBundledPlatformAndWhereToFindTheLoadedOnes) {
  const auto p = problems_of(R"({"shops": [{"id": "p1", "platform": "PDD"}],
    "targets": {"platforms": {"Pinduoduo": {"reply_rate": 0.9}}}})");
  ASSERT_EQ(p.size(), 2u);
  for (const std::string& problem : p)
    EXPECT_THAT(problem, HasSubstr("such as tmall, jd, douyin, kuaishou, pinduoduo (`kefu plugins` lists the loaded ones)"));
}

TEST(Config, TheErrorMessageNamesTheFile) {
  try {
    parse_config("{\"shops\": 3}", "/etc/kefu/kefu.json");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("/etc/kefu/kefu.json: 1 problem\n  shops: expected an array"));
  }
  EXPECT_THAT(problems_of("{\"shops\": [}"), ElementsAre(HasSubstr("not valid JSON at line 1, column 12")));
  EXPECT_THAT(problems_of("[]"), ElementsAre(HasSubstr("expected an object")));
}

TEST(Config, ApiSettingsEndpointsAndSecrets) {
  const Config c = parse_config(R"({"secrets": "secrets.json",
    "api": {"tmall": {"endpoint": "http://127.0.0.1:8080/router/rest"}, "jd": {"endpoint": "https://api.jd.com/routerjson"}},
    "shops": [{"id": "tm01", "platform": "tmall", "api": {"seller_nick": "旗舰店"}}]})",
                                "/etc/kefu/kefu.json");
  EXPECT_EQ(c.secrets, "/etc/kefu/secrets.json");
  EXPECT_EQ(c.endpoints.at("tmall"), "http://127.0.0.1:8080/router/rest");
  EXPECT_EQ(c.find_shop("tm01")->api.at("seller_nick"), "旗舰店");
  EXPECT_THAT(
      problems_of(R"({"api": {"tmall": {"endpoint": "http://gw.api.taobao.com/router/rest"}}})"),
      ElementsAre(HasSubstr("api.tmall.endpoint: \"http://gw.api.taobao.com/router/rest\": expected an https:// URL")));
  EXPECT_THAT(problems_of(R"({"shops": [{"id": "tm01", "platform": "tmall", "api": {"app_secret": "x"}}]})"),
              ElementsAre(HasSubstr("shops[0].api.app_secret: looks like a credential")));
}

TEST(Config, TheExplainRetentionDefaultsTo400DaysAndFiveMessagesAndZeroIsAllowed) {
  const Config defaults = parse_config("{}", "kefu.json");
  EXPECT_EQ(defaults.explain.keep_days, 400);
  EXPECT_EQ(defaults.explain.messages, 5);
  const Config none = parse_config(R"({"explain": {"keep_days": 0, "messages": 0}})", "kefu.json");
  EXPECT_EQ(none.explain.keep_days, 0);
  EXPECT_EQ(none.explain.messages, 0);
  const auto p = problems_of(R"({"explain": {"keep_days": -1, "messages": 1.5, "keep": 3}})");
  EXPECT_THAT(p, ElementsAre(HasSubstr("explain.keep: unknown key; expected one of keep_days, messages"),
                             HasSubstr("explain.keep_days: expected a whole number from 0 to 36500"),
                             HasSubstr("explain.messages: expected a whole number from 0 to 100")));
}

TEST(Config, ARelativeStoreIsBesideTheConfig) {
  EXPECT_EQ(parse_config(R"({"store": "data/kefu.db"})", "/etc/kefu/kefu.json").store, "/etc/kefu/data/kefu.db");
  EXPECT_EQ(parse_config(R"({"store": "/var/lib/kefu.db"})", "/etc/kefu/kefu.json").store, "/var/lib/kefu.db");
}

TEST(Config, AStoreUrlIsKeptAsWrittenNotResolvedAsAPath) {
  const std::string url = "postgresql://kefu_ingest@db.example.com/kefu?sslmode=verify-full";
  EXPECT_EQ(parse_config(R"({"store": ")" + url + R"("})", "/etc/kefu/kefu.json").store, url);
  EXPECT_EQ(resolve_config("", "postgres:///kefu?host=/run/postgresql").store, "postgres:///kefu?host=/run/postgresql");
}

TEST(Config, ResolutionOrder) {
  test::TempDir dir;
  const std::string file = dir.write("team.json", R"({"store": "team.db"})");
  EXPECT_EQ(resolve_config(file, "").store, dir.path() + "/team.db");
  EXPECT_EQ(resolve_config(file, "/tmp/other.db").store, "/tmp/other.db");  // --store wins
  ::setenv("KEFU_CONFIG", file.c_str(), 1);
  EXPECT_EQ(resolve_config("", "").path, file);
  ::unsetenv("KEFU_CONFIG");
  EXPECT_THROW(resolve_config(dir.path() + "/missing.json", ""), ConfigError);
}

TEST(Config, SyntaxErrorsAreGivenAsLineAndColumnInCharacters) {
  EXPECT_THAT(problems_of("{\n  \"store\": \"库.db\",\n  \"shops\": [}\n}"),
              ElementsAre("not valid JSON at line 3, column 13: Invalid value."));
}

TEST(Config, ADuplicateKeyIsRefusedNamingItsPath) {
  EXPECT_THAT(problems_of(R"({"store": "a.db", "store": "b.db"})"),
              ElementsAre(HasSubstr("store: the key is given twice in one object; keep one")));
  EXPECT_THAT(problems_of(R"({"shops": [{"id": "tm01", "platform": "tmall"},
                                        {"id": "tm02", "platform": "tmall", "api": {"nick": "a", "nick": "b"}}]})"),
              ElementsAre(HasSubstr("shops[1].api.nick: the key is given twice")));
}

TEST(Config, DeeplyNestedJsonIsAProblemNotAStackOverflow) {
  const std::string deep = "{\"targets\": " + std::string(200'000, '[') + std::string(200'000, ']') + "}";
  EXPECT_THAT(problems_of(deep), ElementsAre(HasSubstr("targets[0]: expected an object")));
}

TEST(Config, AMegabyteEndpointIsCheckedWithoutExhaustingTheStack) {
  const std::string path(2'000'000, 'a');
  const Config c = parse_config(R"({"api": {"jd": {"endpoint": "https://api.jd.com/)" + path + R"("}}})", "kefu.json");
  EXPECT_EQ(c.endpoints.at("jd").size(), 19 + path.size());
  EXPECT_THAT(problems_of(R"({"api": {"jd": {"endpoint": "http://localhost.evil.com/)" + path + R"("}}})"),
              ElementsAre(HasSubstr("api.jd.endpoint")));
  EXPECT_THAT(problems_of(R"({"shops": [{"id": "s", "platform": ")" + path + R"("}]})"),
              ElementsAre(HasSubstr("shops[0].platform")));
}

}  // namespace
}  // namespace kefu::host::config
