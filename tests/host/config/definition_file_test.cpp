// A team's own definition file: the shape of a plugin's metrics.json, read into definitions, and
// refused with the JSON path of each problem.
#include "config/definition_file.h"

#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kefu::test {
namespace {

TEST(DefinitionFile, ATeamsFileBecomesDefinitionsNamedAfterTheFile) {
  const auto defs = host::config::read_definition_file(data_file("definitions/our_kpi.json"));
  ASSERT_EQ(defs.size(), 1u);
  const host::Definition& d = defs[0].definition;
  EXPECT_EQ(d.id, "our_kpi/我司3分钟回复率");
  EXPECT_EQ(d.measure, "within_3min_rate");
  EXPECT_TRUE(d.unknown_parameters().empty());
  EXPECT_EQ(*d.period_days.value, 7);
  EXPECT_EQ(*d.threshold_ms.value, 180'000);
  EXPECT_EQ(d.unit.source.title, "客服部 KPI 手册 2026 版");
}

TEST(DefinitionFile, AnInvalidComputationIsRefusedWithItsPath) {
  TempDir dir;
  const std::string path = dir.write("bad.json", R"({"metrics":[{"native_name":"x","canonical_key":"reply_rate",
    "source":{"title":"t","confidence":"merchant"},
    "computation":{"period_days":{"value":0,"source":"metric"}}}]})");
  try {
    host::config::read_definition_file(path);
    FAIL() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("metrics[0] x: computation.period_days.value"));
  }
}

TEST(DefinitionFile, AFileThatIsNotJsonSaysSoAndWhereTheFormatIsDocumented) {
  TempDir dir;
  const std::string path = dir.write("bad.json", "{\"metrics\": [");
  EXPECT_THROW(host::config::read_definition_file(path), std::runtime_error);
}

}  // namespace
}  // namespace kefu::test
