// The interner's hash on keys without storage (found by fuzz_chatlog under UBSan: a JSON line
// without agent_id interns an empty view whose data() is null).
#include "base/interner.h"

#include <gtest/gtest.h>

namespace kefu::host::metrics {
namespace {

TEST(Interner, AnEmptyKeyWithoutStorageIsTheSameKeyAsAnyEmptyKey) {
  EXPECT_EQ(hash_bytes(std::string_view()), hash_bytes(std::string_view("", 0)));
  Interner interner;
  const std::uint32_t id = interner.intern(std::string_view());
  EXPECT_EQ(interner.intern(""), id);
  EXPECT_EQ(interner.name(id), "");
}

}  // namespace
}  // namespace kefu::host::metrics
