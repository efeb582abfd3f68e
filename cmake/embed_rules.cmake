# rules/*.json are compiled into the library: no binary reads files at run time. Native builds
# embed the JSON text and read it with load_city(); the WebAssembly build embeds each city as the
# native build's settle_compile_rules wrote it, compiled to bytes (core/src/city_codec.h), so the
# module carries neither the text nor the code that reads and checks it (issue 18).
file(GLOB SETTLE_RULE_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/rules/*.json)
list(SORT SETTLE_RULE_FILES)
if(EMSCRIPTEN)
  set(SETTLE_COMPILE_RULES ${CMAKE_SOURCE_DIR}/build/core/settle_compile_rules
      CACHE FILEPATH "The native build's settle_compile_rules (scripts/build-site.sh builds it first)")
  set(SETTLE_EMBEDDED_RULES_CPP ${CMAKE_BINARY_DIR}/generated/compiled_rules.cpp)
  add_custom_command(
    OUTPUT ${SETTLE_EMBEDDED_RULES_CPP}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/generated
    COMMAND ${SETTLE_COMPILE_RULES} ${SETTLE_EMBEDDED_RULES_CPP}
    DEPENDS ${SETTLE_COMPILE_RULES} ${SETTLE_RULE_FILES}
    COMMENT "Compiling rules/*.json with the native build's settle_compile_rules"
    VERBATIM)
  return()
endif()
set(SETTLE_EMBEDDED_RULES_CPP ${CMAKE_BINARY_DIR}/generated/embedded_rules.cpp)
# The list goes through a file: a CMake list on a command line is split by the shell and by CMake.
set(SETTLE_RULE_LIST ${CMAKE_BINARY_DIR}/generated/rule_files.txt)
file(WRITE ${SETTLE_RULE_LIST} "${SETTLE_RULE_FILES}")
add_custom_command(
  OUTPUT ${SETTLE_EMBEDDED_RULES_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUT=${SETTLE_EMBEDDED_RULES_CPP} -DLIST=${SETTLE_RULE_LIST}
          -P ${CMAKE_SOURCE_DIR}/cmake/write_embedded_rules.cmake
  DEPENDS ${SETTLE_RULE_FILES} ${SETTLE_RULE_LIST} ${CMAKE_SOURCE_DIR}/cmake/write_embedded_rules.cmake
  COMMENT "Embedding rules/*.json")
