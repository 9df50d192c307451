#!/usr/bin/env bash
# A team's view of the SDK: install Kefu, build plugins/template out of tree with
# find_package(KefuSDK), check the result with the installed kefu, and load it next to the
# four installed plugins (which that kefu finds in <prefix>/lib/kefu/plugins by itself).
# Args: <kefu build dir> <template source dir>
set -euo pipefail
build=$1 template=$2
work=$(mktemp -d)  # 0700: the loader refuses plugins in directories others can write
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
installed_kefu="$work/prefix/bin/kefu"
"$installed_kefu" plugins --format json > "$work/installed.json"
for id in tmall jd douyin kuaishou; do
  grep -q "\"id\":\"$id\"" "$work/installed.json" || { echo "installed kefu did not find $id:"; cat "$work/installed.json"; exit 1; }
done
test -f "$work/prefix/include/kefu/plugin.hpp"
test -f "$work/prefix/lib/cmake/KefuSDK/KefuSDKConfig.cmake" || test -n "$(find "$work/prefix" -name KefuSDKConfig.cmake)"

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S "$template" -B "$work/build" "${generator[@]}" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
plugin="$work/build/libkefu_example.so"
test -f "$plugin"

# Only the two Kefu aliases may be exported: hidden visibility must be on. (Boost marks the
# typeinfo and vtables of its error types visible on purpose; those _ZT* symbols are allowed.)
exported=$(nm -D --defined-only "$plugin" | awk '$2 ~ /[BDTRV]/ && $3 !~ /^_ZT[ISV]/ {print $3}' | sort | tr '\n' ' ')
[ "$exported" = "kefu_plugin_abi kefu_plugin_create " ] || { echo "unexpected exports: $exported"; exit 1; }

"$installed_kefu" plugins check "$plugin" --lang en
"$installed_kefu" --plugin-dir "$work/prefix/lib/kefu/plugins" --plugin-dir "$work/build" plugins --format json > "$work/list.json"
for id in tmall jd douyin kuaishou example; do
  grep -q "\"id\":\"$id\"" "$work/list.json" || { echo "plugin $id not loaded:"; cat "$work/list.json"; exit 1; }
done
grep -q '"refused":\[\]' "$work/list.json" || { echo "a plugin was refused:"; cat "$work/list.json"; exit 1; }
echo "out-of-tree plugin built against the installed SDK, checked and loaded next to the four"
