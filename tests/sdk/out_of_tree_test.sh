#!/usr/bin/env bash
# A team's view of the SDK: package Kefu with cpack, unpack the kefu and kefu-sdk .tar.gz, build
# plugins/template out of tree against the unpacked SDK with find_package(KefuSDK), run the
# template's own test (its data against the packaged schemas, its sample import), check the
# plugin with the unpacked kefu, and load it next to the five packaged plugins (which that
# kefu finds in <prefix>/lib/kefu/plugins by itself).
# Args: <kefu build dir>
set -euo pipefail
build=$1
work=$(mktemp -d)  # 0700: the loader refuses plugins in directories others can write
trap 'rm -rf "$work"' EXIT

# Only the archives: the .deb (dpkg-shlibdeps) is made by a plain `cpack`, not needed here.
cpack --config "$build/CPackConfig.cmake" -G TGZ -B "$work/packages" >/dev/null
kefu_prefix="$work/kefu" sdk_prefix="$work/kefu-sdk"
mkdir "$kefu_prefix" "$sdk_prefix"
kefu_archive=$(find "$work/packages" -maxdepth 1 -name 'kefu-*-kefu.tar.gz')
sdk_archive=$(find "$work/packages" -maxdepth 1 -name 'kefu-*-sdk.tar.gz')
[ -f "$kefu_archive" ] && [ -f "$sdk_archive" ] || { echo "expected a kefu and an sdk archive:"; ls "$work/packages"; exit 1; }
tar -xzf "$kefu_archive" -C "$kefu_prefix"
tar -xzf "$sdk_archive" -C "$sdk_prefix"

installed_kefu="$kefu_prefix/bin/kefu"
"$installed_kefu" plugins --format json > "$work/installed.json"
for id in tmall jd douyin kuaishou pinduoduo; do
  grep -q "\"id\":\"$id\"" "$work/installed.json" || { echo "packaged kefu did not find $id:"; cat "$work/installed.json"; exit 1; }
done
# The SDK package holds the SDK and nothing of the program; the program's holds no SDK.
for f in include/kefu/plugin.hpp include/kefu/toolkit/schema_check.hpp lib/cmake/KefuSDK/KefuSDKConfig.cmake \
         share/kefu-sdk/schema/rules.schema.json share/kefu-sdk/schema/metrics.schema.json \
         share/kefu-sdk/template/CMakeLists.txt share/kefu-sdk/template/samples/example_export.csv; do
  test -f "$sdk_prefix/$f" || { echo "SDK package lacks $f"; exit 1; }
done
test -f "$sdk_prefix/share/kefu-sdk/template/README.md" || { echo "SDK package lacks the template's README"; exit 1; }
test -f "$sdk_prefix/share/doc/kefu-sdk/plugin-guide.md" || { echo "SDK package lacks the plugin guide"; exit 1; }
test ! -e "$sdk_prefix/bin" || { echo "SDK package holds bin/"; exit 1; }
test ! -e "$kefu_prefix/include" || { echo "kefu package holds include/"; exit 1; }

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
# The template as the package ships it, the copy a team starts from.
cmake -S "$sdk_prefix/share/kefu-sdk/template" -B "$work/build" "${generator[@]}" -DCMAKE_PREFIX_PATH="$sdk_prefix" >/dev/null
cmake --build "$work/build" >/dev/null
# grep reads all of ctest's output (not -q): under pipefail an early exit would fail the pipeline on SIGPIPE.
grep "example.data" >/dev/null <<<"$(cd "$work/build" && ctest -N)" || { echo "the template's build has no test example.data"; exit 1; }
(cd "$work/build" && ctest --output-on-failure >/dev/null) || { (cd "$work/build" && ctest --output-on-failure); exit 1; }
# Its data files also pass the packaged kefu's own data-file check.
for f in rules.json metrics.json words.txt; do
  "$installed_kefu" plugins check "$sdk_prefix/share/kefu-sdk/template/$f" --lang en >/dev/null ||
    { "$installed_kefu" plugins check "$sdk_prefix/share/kefu-sdk/template/$f" --lang en; exit 1; }
done
plugin="$work/build/libkefu_example.so"
test -f "$plugin"

# Only the two Kefu aliases may be exported: hidden visibility must be on. (Boost marks the
# typeinfo and vtables of its error types visible on purpose; those _ZT* symbols are allowed.)
exported=$(nm -D --defined-only "$plugin" | awk '$2 ~ /[BDTRV]/ && $3 !~ /^_ZT[ISV]/ {print $3}' | sort | tr '\n' ' ')
[ "$exported" = "kefu_plugin_abi kefu_plugin_create " ] || { echo "unexpected exports: $exported"; exit 1; }

"$installed_kefu" plugins check "$plugin" --lang en
"$installed_kefu" --plugin-dir "$kefu_prefix/lib/kefu/plugins" --plugin-dir "$work/build" plugins --format json > "$work/list.json"
for id in tmall jd douyin kuaishou pinduoduo example; do
  grep -q "\"id\":\"$id\"" "$work/list.json" || { echo "plugin $id not loaded:"; cat "$work/list.json"; exit 1; }
done
grep -q '"refused":\[\]' "$work/list.json" || { echo "a plugin was refused:"; cat "$work/list.json"; exit 1; }
echo "out-of-tree plugin built against the packaged SDK, its own test passed, checked and loaded next to the five"
