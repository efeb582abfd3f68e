# cmake -P script run by the `site` target: copies web/, site/'s files (not its generator/), the
# wasm module and its JS wrapper into SITE_DIR, has the generator write the city pages, then
# writes the service worker with the list of every file and a cache name that changes whenever
# any file does (so a new build replaces the offline copy).
file(REMOVE_RECURSE ${SITE_DIR})
file(MAKE_DIRECTORY ${SITE_DIR})
file(GLOB web_entries ${WEB_DIR}/*)
list(REMOVE_ITEM web_entries ${WEB_DIR}/sw.js)
file(GLOB page_entries LIST_DIRECTORIES false ${PAGES_DIR}/*)
file(COPY ${web_entries} ${page_entries} DESTINATION ${SITE_DIR})
get_filename_component(WASM_SRC_DIR ${CMAKE_SCRIPT_MODE_FILE} DIRECTORY)
file(COPY ${WASM_JS} ${WASM_BIN} ${WASM_SRC_DIR}/settle-api.js DESTINATION ${SITE_DIR})

execute_process(COMMAND ${NODE} ${PAGES_DIR}/generator/pages.mjs ${SITE_DIR} RESULT_VARIABLE pages_failed)
if(pages_failed)
  message(FATAL_ERROR "site/generator/pages.mjs failed (${pages_failed})")
endif()

file(GLOB_RECURSE site_files RELATIVE ${SITE_DIR} ${SITE_DIR}/*)
list(SORT site_files)
set(file_list "")
set(all_hashes "")
foreach(f IN LISTS site_files)
  file(MD5 ${SITE_DIR}/${f} h)
  string(APPEND all_hashes "${f}:${h}\n")
  string(APPEND file_list "  './${f}',\n")
endforeach()
string(MD5 site_hash "${all_hashes}")
string(SUBSTRING ${site_hash} 0 12 site_hash)

file(READ ${WEB_DIR}/sw.js sw)
string(REPLACE "/*@FILES@*/" "${file_list}" sw "${sw}")
string(REPLACE "@VERSION@" "${site_hash}" sw "${sw}")
file(WRITE ${SITE_DIR}/sw.js "${sw}")
list(LENGTH site_files n)
message(STATUS "Site: ${n} files + sw.js in ${SITE_DIR} (cache ${site_hash})")
