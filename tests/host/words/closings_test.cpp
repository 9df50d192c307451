// The closing list (docs/metrics.md, C2): which customer messages are only a courtesy.
#include "words/closings.h"

#include <gtest/gtest.h>

namespace kefu::host::words {
namespace {

TEST(ClosingList, CourtesiesAloneOrTogetherAreClosings) {
  const ClosingList list = ClosingList::defaults();
  for (const char* text : {"谢谢", "好的谢谢", "没有了，谢谢！", "嗯嗯 好的", "OK", "ｏｋ", "Thank you!", "👍", "好的👍",
                           "謝謝", "  收到~  "})
    EXPECT_TRUE(list.closing_only(text)) << text;
}

TEST(ClosingList, QuestionsPunctuationAndEmptyAreNot) {
  const ClosingList list = ClosingList::defaults();
  for (const char* text : {"", "？？？", "...", "😊", "好的，那什么时候发货", "谢谢，还有一个问题", "在吗", "不好"})
    EXPECT_FALSE(list.closing_only(text)) << text;
}

TEST(ClosingList, LongMessagesAreNeverClosings) {
  std::string many;
  while (many.size() <= ClosingList::kMaxBytes) many += "谢谢";
  EXPECT_FALSE(ClosingList::defaults().closing_only(many));
}

TEST(ClosingList, ATeamsEntriesAreAddedAndAnEmptyOneIsRefused) {
  ClosingList list = ClosingList::defaults();
  EXPECT_FALSE(list.closing_only("不用了"));
  list.add({"不用了"});
  EXPECT_TRUE(list.closing_only("不用了，谢谢"));
  EXPECT_THROW(list.add({"？！"}), std::invalid_argument);
}

}  // namespace
}  // namespace kefu::host::words
