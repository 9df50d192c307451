# kefu_add_plugin(<name> SOURCES <file>... [LIBRARIES <lib>...] [OUTPUT_DIRECTORY <dir>])
#
# Builds lib kefu_<name>.so as a MODULE (loaded with dlopen, never linked against) with the
# settings the Kefu loader expects:
#  - hidden visibility, so only the two KEFU_PLUGIN() aliases are exported and one plugin's
#    symbols never bind to another's (Boost.DLL tutorial 5, "symbol shadowing");
#  - -Wl,--no-undefined, so a missing symbol fails at link time, not at load time;
#  - C++20 and the SDK's include path.
# Used for the in-tree plugins and installed for out-of-tree ones: one definition for both.
function(kefu_add_plugin name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "kefu_add_plugin(${name}): give the plugin's SOURCES")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Kefu::sdk ${ARG_LIBRARIES})
  target_compile_features(${name} PRIVATE cxx_std_20)
  target_link_options(${name} PRIVATE "LINKER:--no-undefined")
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    OUTPUT_NAME "kefu_${name}"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
  elseif(DEFINED KEFU_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${KEFU_PLUGIN_OUTPUT_DIR}")
  endif()
endfunction()
