// What Excel leaves of long ids and dates when a CSV is saved again (base/excel_damage.h).
#include "base/excel_damage.h"

#include <gtest/gtest.h>

namespace kefu::host::excel {
namespace {

TEST(ExcelDamage, IdsInScientificNotationAreRecognisedAndOrdinaryIdsAreNot) {
  EXPECT_TRUE(scientific_notation("1.23457E+17"));
  EXPECT_TRUE(scientific_notation("1E+18"));
  EXPECT_TRUE(scientific_notation("6.02e+17"));
  EXPECT_FALSE(scientific_notation("123457000000000000"));
  EXPECT_FALSE(scientific_notation("jd01-1118-08"));
  EXPECT_FALSE(scientific_notation("1E5"));  // no sign: an id may read like this
  EXPECT_FALSE(scientific_notation("E+17"));
  EXPECT_FALSE(scientific_notation("1.E+17"));
}

TEST(ExcelDamage, DateSerialsOf2000To2099AreRecognisedAndEpochTimesAreNot) {
  EXPECT_TRUE(serial_date("46342"));
  EXPECT_TRUE(serial_date("46342.4375"));
  EXPECT_FALSE(serial_date("1763000000"));     // epoch seconds
  EXPECT_FALSE(serial_date("1763000000000"));  // epoch milliseconds
  EXPECT_FALSE(serial_date("12345"));          // 1933
  EXPECT_FALSE(serial_date("46342."));
  EXPECT_FALSE(serial_date("2026-11-16 10:02:33"));
}

}  // namespace
}  // namespace kefu::host::excel
