# `cpack` (run in the build directory) makes two packages, each as a .deb and a .tar.gz:
#   kefu      the kefu command, its plugin host process and the five platform plugins
#             (install components `runtime` and `plugins`)
#   kefu-sdk  the plugin SDK: headers, the CMake package KefuSDK, the JSON Schemas of the data
#             files and the template plugin (component `sdk`)
# A .tar.gz holds a prefix as `cmake --install` lays it out (bin/, include/, lib/ ... at the top):
# unpack it into a directory of its own, or both into one, and point CMAKE_PREFIX_PATH there to
# build a plugin (tests/sdk/out_of_tree_test.sh).
set(CPACK_PACKAGE_NAME "kefu")
set(CPACK_PACKAGE_VENDOR "Kefu")
set(CPACK_PACKAGE_CONTACT "Kefu maintainers <kefu@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGE_DIRECTORY "${CMAKE_BINARY_DIR}/packages")

set(CPACK_COMPONENTS_ALL runtime plugins sdk)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_ARCHIVE_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ONE_PER_GROUP)
# The executables are stripped (RelWithDebInfo's debug info stays in the build tree). The plugins
# are not (plugins/CMakeLists.txt installs them as files): a full strip removes the symbol table
# in which the loader finds a plugin's two Kefu aliases (refused as not_kefu_plugin).
set(CPACK_STRIP_FILES ON)

# The .deb installs under /usr (CPack's default); the .tar.gz is relocatable (bin/kefu finds
# ../lib/kefu/plugins, KefuSDKConfig.cmake finds the headers and schemas relative to itself).
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_KEFU_PACKAGE_NAME "kefu")
set(CPACK_DEBIAN_KEFU_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_KEFU_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_SDK_PACKAGE_NAME "kefu-sdk")
set(CPACK_DEBIAN_SDK_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_SDK_PACKAGE_ARCHITECTURE "all")
# Header-only: what a plugin's build needs (kefu/json.hpp is RapidJSON, plugin.hpp Boost.DLL).
set(CPACK_DEBIAN_SDK_PACKAGE_DEPENDS "rapidjson-dev (>= 1.1.0), libboost-dev (>= 1.74), cmake (>= 3.25), g++ (>= 4:12)")

include(CPack)
cpack_add_component_group(kefu DISPLAY_NAME "Kefu" DESCRIPTION "The kefu command and the platform plugins")
cpack_add_component_group(sdk DISPLAY_NAME "Kefu plugin SDK"
  DESCRIPTION "Headers, CMake package, JSON Schemas and template for building Kefu platform plugins")
cpack_add_component(runtime DISPLAY_NAME "kefu" GROUP kefu)
cpack_add_component(plugins DISPLAY_NAME "Platform plugins" GROUP kefu DEPENDS runtime)
cpack_add_component(sdk DISPLAY_NAME "Plugin SDK" GROUP sdk)
