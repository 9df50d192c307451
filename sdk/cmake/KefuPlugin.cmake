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

# kefu_embed(<target> SYMBOL <name> FILE <path>)
#
# Compiles a data file (a word list, a rule file) into <target>, so a plugin or the host carries
# its facts with it and no data directory has to be found at run time. The file's bytes become
#   std::string_view kefu::embedded::<name>();
# which the code declares itself. Regenerated whenever the file changes.
# Cached (internal) so the function finds the script from any directory that calls it.
set(_KEFU_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/KefuEmbed.cmake" CACHE INTERNAL "kefu_embed script")
function(kefu_embed target)
  cmake_parse_arguments(ARG "" "SYMBOL;FILE" "" ${ARGN})
  if(NOT ARG_SYMBOL OR NOT ARG_FILE)
    message(FATAL_ERROR "kefu_embed(${target}): give SYMBOL and FILE")
  endif()
  get_filename_component(input "${ARG_FILE}" ABSOLUTE)
  set(output "${CMAKE_CURRENT_BINARY_DIR}/kefu_embed_${ARG_SYMBOL}.cpp")
  add_custom_command(OUTPUT "${output}"
    COMMAND "${CMAKE_COMMAND}" "-DINPUT=${input}" "-DOUTPUT=${output}" "-DSYMBOL=${ARG_SYMBOL}"
            -P "${_KEFU_EMBED_SCRIPT}"
    DEPENDS "${input}" "${_KEFU_EMBED_SCRIPT}"
    COMMENT "Embedding ${ARG_FILE}" VERBATIM)
  target_sources(${target} PRIVATE "${output}")
endfunction()
