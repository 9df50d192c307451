// `kefu scan` and `kefu words` end to end: the real binary, the real plugins, fixture files.
#include "host/cli/run_kefu.hpp"

#include <kefu/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu {
namespace {

using test::data_file;
using ::testing::HasSubstr;
using ::testing::Not;

struct RuleSourceJson {
  std::string title, confidence;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("title", s.title);
    v("confidence", s.confidence);
  }
};
struct Verdict {
  std::string id, severity, stance, rule;
  RuleSourceJson rule_source;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("id", s.id);
    v("severity", s.severity);
    v("stance", s.stance);
    v("rule", s.rule);
    v("rule_source", s.rule_source);
  }
};
struct HitJson {
  std::string file, text, term, category, severity, session_id, sender, agent_id, sentence, mode;
  int line = 0, column = 0, offset = 0, length = 0, record = 0;
  std::vector<Verdict> platforms;
  RuleSourceJson source;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("source", s.source);
    v("sentence", s.sentence);
    v("file", s.file);
    v("text", s.text);
    v("term", s.term);
    v("category", s.category);
    v("severity", s.severity);
    v("session_id", s.session_id);
    v("sender", s.sender);
    v("agent_id", s.agent_id);
    v("mode", s.mode);
    v("line", s.line);
    v("column", s.column);
    v("offset", s.offset);
    v("length", s.length);
    v("record", s.record);
    v("platforms", s.platforms);
  }
};
struct FileJson {
  std::string file, kind, encoding;
  std::vector<std::string> problems;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("file", s.file);
    v("kind", s.kind);
    v("encoding", s.encoding);
    v("problems", s.problems);
  }
};
struct ScanJson {
  std::vector<HitJson> hits;
  std::vector<FileJson> files;
  int block = 0, warn = 0, unknown = 0;
  template <class S, class V>
  static void fields(S& s, V& v) {
    v("hits", s.hits);
    v("files", s.files);
    v("block", s.block);
    v("warn", s.warn);
    v("unknown", s.unknown);
  }
};

ScanJson scan_json(const std::string& args, int expected_exit) {
  const CliRun run = kefu("scan --format json " + args, "", false);
  EXPECT_EQ(run.exit_code, expected_exit) << run.out;
  return json::read<ScanJson>(run.out, "kefu scan output");
}

TEST(ScanCli, ScriptLibraryHitsWithLineColumnAndByteOffsets) {
  const ScanJson out = scan_json("--platform tmall " + data_file("words/scripts_utf8.txt"), 1);
  ASSERT_EQ(out.files.size(), 1u);
  EXPECT_EQ(out.files[0].kind, "text");
  // line 3: 这款是全网最好的，加我微 信发你优惠 → 最好 (blocked on tmall via 最) and 微 信
  std::vector<std::string> seen;
  for (const auto& h : out.hits) seen.push_back(std::to_string(h.line) + ":" + std::to_string(h.column) + ":" + h.text);
  EXPECT_THAT(seen, ::testing::ElementsAre("3:6:最好", "3:12:微 信", "5:1:好评返现"));
  EXPECT_EQ(out.hits[1].term, "微信");
  EXPECT_EQ(out.hits[1].length, 7);  // 微 + space + 信
  EXPECT_EQ(out.hits[1].sentence, "这款是全网最好的，加我微 信发你优惠");  // the hit in its sentence
  EXPECT_EQ(out.hits[0].severity, "block");
  // 最近 and 第一时间 on line 4 are allow-listed: nothing there.
}

TEST(ScanCli, ExitCodeIsZeroWithoutBlockHits) {
  const CliRun run = kefu("scan --platform douyin --severity block " + data_file("words/scripts_utf8.txt"));
  // Douyin ships no own list; the common list blocks 好评返现 (the regulation), so still 1.
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const CliRun clean = kefu("scan --platform douyin " + data_file("words/shop_allow.txt"));
  EXPECT_EQ(clean.exit_code, 0) << clean.out;
}

TEST(ScanCli, SeveralPlatformsSayWhichBanEachHit) {
  const ScanJson out = scan_json("--platform tmall --platform jd " + data_file("words/scripts_utf8.txt"), 1);
  const HitJson& wechat = out.hits.at(1);
  ASSERT_EQ(wechat.platforms.size(), 2u);  // the common vocabulary of diversion: both see it
  EXPECT_EQ(wechat.platforms[0].id, "tmall");
  EXPECT_EQ(wechat.platforms[0].severity, "block");
  EXPECT_EQ(wechat.platforms[1].id, "jd");
  EXPECT_EQ(wechat.platforms[1].severity, "unknown");  // JD's rule on diversion: no source found
  const HitJson& best = out.hits.at(0);
  ASSERT_EQ(best.platforms.size(), 2u);
  EXPECT_EQ(best.platforms[0].severity, "block");  // tmall
  EXPECT_EQ(best.platforms[1].severity, "warn");   // jd: the common compilation only warns
}

// JD ships no list and no source for its diversion rule was found: 微信 is reported as
// "not known for this platform", with the term's source and JD's (unknown) rule — never silent,
// never "allowed", and it does not fail the scan the way a known ban does.
TEST(ScanCli, ADiversionTermOnAPlatformWhoseRuleIsUnknownIsReportedAsUnknown) {
  for (const char* platform : {"jd", "douyin"}) {
    const CliRun run = run_command("printf '亲加我微信吧\\n' | " + std::string(KEFU_TEST_BIN) +
                                   " scan --format json --platform " + platform + " - 2>/dev/null");
    EXPECT_EQ(run.exit_code, 3) << run.out;  // not banned, not clean: not known
    const ScanJson out = json::read<ScanJson>(run.out, "kefu scan output");
    ASSERT_EQ(out.hits.size(), 1u) << platform;
    EXPECT_EQ(out.hits[0].term, "微信");
    EXPECT_EQ(out.hits[0].severity, "unknown");
    EXPECT_EQ(out.unknown, 1);
    EXPECT_EQ(out.hits[0].platforms.at(0).stance, "unknown");
    EXPECT_EQ(out.hits[0].platforms[0].rule, "conduct.offplatform_diversion");
    EXPECT_THAT(out.hits[0].source.title, HasSubstr("淘宝客服沟通敏感词"));  // the term's own source
  }
  const CliRun text = run_command("printf '亲加我微信吧\\n' | " + std::string(KEFU_TEST_BIN) +
                                  " scan --platform jd - 2>/dev/null");
  EXPECT_THAT(text.out, HasSubstr("[未知] 微信"));
  // Only the banned hits asked for: the unknown one is not shown, and the check is clean.
  const CliRun blocks = run_command("printf '亲加我微信吧\\n' | " + std::string(KEFU_TEST_BIN) +
                                    " scan --platform jd --severity block - 2>/dev/null");
  EXPECT_EQ(blocks.exit_code, 0) << blocks.out;
  EXPECT_THAT(text.out, HasSubstr("平台依据 jd：未知"));
  EXPECT_THAT(text.out, HasSubstr("词源："));
}

// Where the platform's rule forbids the behaviour, the common term blocks, citing that rule.
TEST(ScanCli, ADiversionTermOnAPlatformWhoseRuleForbidsItBlocksWithTheRuleAsReason) {
  for (const char* platform : {"tmall", "kuaishou"}) {
    const CliRun run = run_command("printf '亲加我微信吧\\n' | " + std::string(KEFU_TEST_BIN) +
                                   " scan --format json --platform " + platform + " - 2>/dev/null");
    EXPECT_EQ(run.exit_code, 1) << platform << run.out;
    const ScanJson out = json::read<ScanJson>(run.out, "kefu scan output");
    ASSERT_EQ(out.hits.size(), 1u);
    EXPECT_EQ(out.hits[0].severity, "block");
    EXPECT_EQ(out.hits[0].platforms.at(0).stance, "banned");
    EXPECT_FALSE(out.hits[0].platforms[0].rule_source.title.empty());
  }
  const CliRun kuaishou = run_command("printf '亲加我微信吧\\n' | " + std::string(KEFU_TEST_BIN) +
                                      " scan --platform kuaishou - 2>/dev/null");
  EXPECT_THAT(kuaishou.out, HasSubstr("平台依据 kuaishou：禁止"));
  EXPECT_THAT(kuaishou.out, HasSubstr("快手服务市场客服外包类目管理规范"));
}

// The default exemptions: payment methods, official accounts, the number on file, codes.
TEST(ScanCli, DefaultContextExemptionsLeaveHarmlessMentionsAlone) {
  const std::string lines =
      "支持微信支付和银行卡\\n请关注我们的微信公众号\\n请提供手机号码后四位\\n您的预留手机号是哪个\\n"
      "订单号2023WX8812345\\n您的满意是我们最大的动力\\n";
  const CliRun clean = run_command("printf '" + lines + "' | " + std::string(KEFU_TEST_BIN) +
                                   " scan --format json --platform tmall - 2>/dev/null");
  EXPECT_EQ(clean.exit_code, 0) << clean.out;
  EXPECT_EQ(json::read<ScanJson>(clean.out, "kefu scan output").hits.size(), 0u) << clean.out;
  const CliRun still = run_command("printf '加我微信\\n留个新手机号\\n加vx13812345678\\n' | " +
                                   std::string(KEFU_TEST_BIN) + " scan --format json --platform tmall - 2>/dev/null");
  EXPECT_EQ(json::read<ScanJson>(still.out, "kefu scan output").hits.size(), 3u) << still.out;
}

// A team's own categories load from --words and are shown as written, the file as source.
TEST(ScanCli, ATeamsOwnCategoriesAreAcceptedFromWords) {
  const std::string file = data_file("words/team_categories.txt");
  const CliRun run = run_command("printf '推荐您去某竞品店看看，终身保修\\n' | " + std::string(KEFU_TEST_BIN) +
                                 " scan --format json --platform jd --words " + file + " - 2>/dev/null");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const ScanJson out = json::read<ScanJson>(run.out, "kefu scan output");
  ASSERT_EQ(out.hits.size(), 2u);
  EXPECT_EQ(out.hits[0].category, "竞品");
  EXPECT_EQ(out.hits[0].severity, "block");
  EXPECT_EQ(out.hits[1].category, "售后承诺");
  EXPECT_EQ(out.hits[1].severity, "warn");
  EXPECT_THAT(out.hits[1].source.title, HasSubstr("team_categories.txt"));
}

TEST(ScanCli, GbkFileIsDetectedAndOffsetsAreInTheFile) {
  const ScanJson out = scan_json("--platform tmall " + data_file("words/scripts_gbk.txt"), 1);
  EXPECT_EQ(out.files[0].encoding, "gb18030");
  ASSERT_GE(out.hits.size(), 2u);
  EXPECT_EQ(out.hits[0].text, "ＶＸ");
  EXPECT_EQ(out.hits[0].column, 5);
  EXPECT_EQ(out.hits[0].offset, 8);  // 亲，加我 = 4 GBK characters of 2 bytes
  EXPECT_EQ(out.hits[0].length, 4);
}

TEST(ScanCli, ForcedWrongEncodingReportsInvalidBytesAndExitsTwo) {
  const CliRun run = kefu("scan --platform tmall --encoding utf-8 " + data_file("words/scripts_gbk.txt"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("scripts_gbk.txt: byte 0: invalid utf-8 sequence"));
}

TEST(ScanCli, ChatCsvReportsSessionSenderAndAgent) {
  const ScanJson out = scan_json("--platform tmall " + data_file("words/chat.csv"), 1);
  EXPECT_EQ(out.files[0].kind, "chat_csv");
  ASSERT_EQ(out.hits.size(), 3u);
  EXPECT_EQ(out.hits[0].sender, "customer");
  EXPECT_EQ(out.hits[1].agent_id, "a7");
  EXPECT_EQ(out.hits[1].line, 3);  // the record starting on line 3
  EXPECT_EQ(out.hits[2].term, "好评返现");
  EXPECT_EQ(out.hits[2].line, 5);  // after the quoted line break
  const ScanJson agents = scan_json("--platform tmall --sender agent " + data_file("words/chat.csv"), 1);
  EXPECT_EQ(agents.hits.size(), 2u);
}

TEST(ScanCli, ChatJsonl) {
  const ScanJson out = scan_json("--platform douyin --sender agent " + data_file("words/chat.jsonl"), 0);
  EXPECT_EQ(out.files[0].kind, "chat_jsonl");
  ASSERT_EQ(out.hits.size(), 1u);
  EXPECT_EQ(out.hits[0].session_id, "d1");
  EXPECT_EQ(out.hits[0].severity, "warn");
}

TEST(ScanCli, UserListsAddTermsAndAllowPhrases) {
  const std::string file = data_file("words/shop_allow.txt");  // contains 最好用的
  EXPECT_EQ(scan_json("--platform tmall " + file, 1).hits.size(), 1u);
  EXPECT_EQ(scan_json("--platform tmall --allow " + file + " " + file, 0).hits.size(), 0u);
  const ScanJson shop = scan_json(
      "--platform jd --words " + data_file("words/shop_words.txt") + " " + data_file("words/shop_words.txt"), 1);
  EXPECT_GE(shop.hits.size(), 2u);  // 包邮 (warn) and 秒杀 (block) as listed in the file
}

// A message about to go out, piped in: `-` is standard input, reported as file "-".
TEST(ScanCli, StandardInputIsScannedLikeAFile) {
  const CliRun run = run_command("printf '亲，加我微 信吧\\n' | " + std::string(KEFU_TEST_BIN) +
                                 " scan --format json --platform tmall - 2>/dev/null");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const ScanJson out = json::read<ScanJson>(run.out, "kefu scan output");
  ASSERT_EQ(out.hits.size(), 1u);
  EXPECT_EQ(out.hits[0].file, "-");
  EXPECT_EQ(out.hits[0].text, "微 信");
  EXPECT_EQ(out.hits[0].column, 5);
  const CliRun twice = run_command("printf 'x' | " + std::string(KEFU_TEST_BIN) + " scan - - 2>&1");
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_THAT(twice.out, HasSubstr("only once"));
}

// Issue 21's evasions, on Tmall's shipped list: each hit says how it matched.
TEST(ScanCli, EvasionsBySoundAndShapeAreCaughtAndNamed) {
  const std::string cmd = "printf '加我威信\\n加我徽信\\n加 wei xin\\n五星好评截图找客服返3元\\n晒图带字评价返3元红包\\n' | " +
                          std::string(KEFU_TEST_BIN) + " scan --platform tmall ";
  const CliRun run = run_command(cmd + "--format json - 2>/dev/null");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const ScanJson out = json::read<ScanJson>(run.out, "kefu scan output");
  std::vector<std::string> got;
  for (const HitJson& h : out.hits) got.push_back(h.text + "=" + h.term + "/" + h.mode);
  EXPECT_EQ(got, (std::vector<std::string>{"威信=微信/pinyin", "徽信=微信/lookalike", "wei xin=微信/pinyin",
                                           "好评截图=好评截图/literal", "评价返=评价返/literal"}));
  EXPECT_THAT(run_command(cmd + "- 2>/dev/null").out, HasSubstr("原文「威信」按拼音匹配 微信"));
  EXPECT_THAT(run_command(cmd + "--lang en - 2>/dev/null").out, HasSubstr("as \"徽信\", looks like 微信"));
}

TEST(ScanCli, AWordFileCanTurnACategorysModesOff) {
  const test::TempDir dir;
  const std::string off = dir.write("modes.txt", "#@modes\t引流/站外联系\tnone\n");
  const CliRun run = run_command("printf '加我威信\\n' | " + std::string(KEFU_TEST_BIN) +
                                 " scan --platform tmall --format json --words " + off + " - 2>/dev/null");
  EXPECT_EQ(run.exit_code, 0) << run.out;
}

TEST(ScanCli, ATeamListInTheConfigCanTurnACategorysModesOffForScanAndWords) {
  const test::TempDir dir;
  dir.write("team.txt", "#@modes\t引流/站外联系\tnone\n");
  dir.write("kefu.json", R"({"words": {"tmall": ["team.txt"]}})");
  const CliRun scan = run_command("cd " + dir.path() + " && printf '加我威信\\n' | " + std::string(KEFU_TEST_BIN) +
                                  " scan --platform tmall --format json - 2>/dev/null");
  EXPECT_EQ(scan.exit_code, 0) << scan.out;
  EXPECT_THAT(scan.out, HasSubstr(R"("hits":[])"));
  const CliRun words = run_command("cd " + dir.path() + " && " + std::string(KEFU_TEST_BIN) +
                                   " words --platform tmall --format json 2>/dev/null");
  EXPECT_THAT(words.out, Not(HasSubstr(R"({"category":"引流/站外联系","modes")")));
  EXPECT_THAT(words.out, HasSubstr(R"({"category":"好评返现/虚假交易","modes":["pinyin","lookalike"]})"));
}

TEST(ScanCli, BadInputIsAClearUsageError) {
  const CliRun bad_list = kefu("scan --platform tmall --words " + data_file("words/bad_words.txt") + " " +
                               data_file("words/shop_allow.txt"));
  EXPECT_EQ(bad_list.exit_code, 2);
  EXPECT_THAT(bad_list.out, HasSubstr("line 1: severity"));
  EXPECT_THAT(bad_list.out, HasSubstr("line 2: more than 4"));
  const CliRun unknown = kefu("scan --platform pdd " + data_file("words/shop_allow.txt"));
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.out, HasSubstr("no plugin for platform \"pdd\""));
  EXPECT_EQ(kefu("scan --platform tmall /nonexistent/file.txt").exit_code, 2);
}

TEST(WordsCli, PrintsTheEffectiveListWithSources) {
  const CliRun run = kefu("words --platform kuaishou");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("高仿"));
  EXPECT_THAT(run.out, HasSubstr("快手服务市场客服外包类目管理规范"));
  EXPECT_THAT(run.out, HasSubstr("《中华人民共和国广告法》第九条"));
  const CliRun json = kefu("words --platform jd --format json", "", false);
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_THAT(json.out, HasSubstr("\"layer\":\"common\""));
  EXPECT_THAT(json.out, HasSubstr("\"confidence\":\"law\""));
}

// Per category, the platform's stance: JD's diversion rule is unknown, so are its terms.
TEST(WordsCli, ShowsEachCategorysStanceAndUnknownTermsAsUnknown) {
  const CliRun jd = kefu("words --platform jd");
  EXPECT_EQ(jd.exit_code, 0) << jd.out;
  EXPECT_THAT(jd.out, HasSubstr("引流/站外联系：未知"));
  EXPECT_THAT(jd.out, HasSubstr("好评返现/虚假交易：禁止"));
  EXPECT_THAT(jd.out, HasSubstr("平台立场未知 "));
  const CliRun json = kefu("words --platform jd --format json", "", false);
  EXPECT_THAT(json.out, HasSubstr(R"("text":"微信","normalized":"微信","list":"terms","category":"引流/站外联系","severity":"unknown")"));
  EXPECT_THAT(json.out, HasSubstr(R"("category":"引流/站外联系","stance":"unknown")"));
  const CliRun tmall = kefu("words --platform tmall --lang en");
  EXPECT_THAT(tmall.out, HasSubstr("引流/站外联系: banned"));
}

TEST(WordsCli, SaysWhichCategoriesAlsoMatchBySoundAndShapeAsScanWithTheSameFilesWould) {
  const CliRun table = kefu("words --platform jd", "", false);
  EXPECT_THAT(table.out, HasSubstr("引流/站外联系：同音（拼音）、形近字"));
  const CliRun json = kefu("words --platform jd --format json", "", false);
  EXPECT_THAT(json.out, HasSubstr(R"({"category":"引流/站外联系","modes":["pinyin","lookalike"]})"));
  const test::TempDir dir;
  const std::string off = dir.write("modes.txt", "#@modes\t引流/站外联系\tnone\n");
  const CliRun without = kefu("words --platform jd --format json --words " + off, "", false);
  EXPECT_THAT(without.out, Not(HasSubstr(R"({"category":"引流/站外联系","modes")")));
  EXPECT_THAT(without.out, HasSubstr(R"({"category":"好评返现/虚假交易","modes":["pinyin","lookalike"]})"));
}

TEST(WordsCli, APluginWordListWithoutSourcesIsRefusedNamingThePluginAndTheProblem) {
  const std::string dir = std::string("--plugin-dir ") + KEFU_TEST_FIXTURE_DIR + "/bad_words";
  const CliRun words = kefu("words --platform bad_words " + dir);
  EXPECT_EQ(words.exit_code, 2) << words.out;
  EXPECT_THAT(words.out, HasSubstr("plugin bad_words"));
  EXPECT_THAT(words.out, HasSubstr("answered a word list the host cannot use"));
  EXPECT_THAT(words.out, HasSubstr("source"));
  const CliRun scan = run_command("printf '测试词\\n' | " + std::string(KEFU_TEST_BIN) + " " + dir +
                                  " scan --platform bad_words - 2>&1");
  EXPECT_EQ(scan.exit_code, 2) << scan.out;  // never "clean" with a list it could not use
}

}  // namespace
}  // namespace kefu
