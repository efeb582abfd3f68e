# rules/*.json are compiled into the library: no binary reads files at run time.
file(GLOB SETTLE_RULE_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/rules/*.json)
list(SORT SETTLE_RULE_FILES)
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
