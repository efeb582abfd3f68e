# cmake -P script run by the `site` target: copies web/, site/'s files (not its generator/), the
# wasm module and its JS wrapper into SITE_DIR (and a copy in SITE_COPY), has the generator write the city pages, then
# writes the service worker with the list of every file and a build hash that changes whenever
# any file (or the rules' date) does, so a new build replaces the offline copy; the calculator's
# index.html gets the same hash and the rules' date.
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
# The JavaScript minified (terser, from the project's node_modules), before the first screen is
# made with it.
execute_process(COMMAND ${NODE} ${PAGES_DIR}/generator/minify.mjs ${SITE_DIR} RESULT_VARIABLE minify_failed)
if(minify_failed)
  message(FATAL_ERROR "site/generator/minify.mjs failed (${minify_failed}): npm ci installs terser")
endif()
# The calculator's first screen (the example case and its result) written into index.html by the
# page itself in chromium, before the file list and the build hash are made.
execute_process(COMMAND ${NODE} ${PAGES_DIR}/generator/prerender.mjs ${SITE_DIR} RESULT_VARIABLE prerender_failed)
if(prerender_failed)
  message(FATAL_ERROR "site/generator/prerender.mjs failed (${prerender_failed})")
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
# The rules' date: their last commit, or (outside git) the newest file's day.
get_filename_component(SOURCE_DIR ${WEB_DIR} DIRECTORY)
execute_process(COMMAND git log -1 --format=%cs -- rules WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE rules_date OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE git_failed)
if(git_failed OR NOT rules_date MATCHES "^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$")
  set(rules_date "")
  file(GLOB rules_files ${SOURCE_DIR}/rules/*.json)
  foreach(f IN LISTS rules_files)
    file(TIMESTAMP ${f} day "%Y-%m-%d" UTC)
    if(day STRGREATER rules_date)
      set(rules_date ${day})
    endif()
  endforeach()
endif()
string(APPEND all_hashes "rules:${rules_date}\n")
string(MD5 site_hash "${all_hashes}")
string(SUBSTRING ${site_hash} 0 12 site_hash)

# The calculator shows both (版本 … 规则 <date> 构建 <hash>) and names its build in the requests
# it makes later, which the service worker answers from that build's cache.
file(READ ${SITE_DIR}/index.html index)
string(REPLACE "@BUILD@" "${site_hash}" index "${index}")
string(REPLACE "@RULES_DATE@" "${rules_date}" index "${index}")
file(WRITE ${SITE_DIR}/index.html "${index}")

file(READ ${WEB_DIR}/sw.js sw)
string(REPLACE "/*@FILES@*/" "${file_list}" sw "${sw}")
string(REPLACE "@VERSION@" "${site_hash}" sw "${sw}")
file(WRITE ${SITE_DIR}/sw.js "${sw}")
list(LENGTH site_files n)
message(STATUS "Site: ${n} files + sw.js in ${SITE_DIR} (build ${site_hash}, rules ${rules_date})")

# build/site, where the tests and scripts serve from: a copy of this build's site, file times
# kept (a copy, not a link, so that whatever copies or walks it gets plain files).
if(SITE_COPY AND NOT SITE_COPY STREQUAL SITE_DIR)
  file(REMOVE_RECURSE ${SITE_COPY})
  file(MAKE_DIRECTORY ${SITE_COPY})
  file(COPY ${SITE_DIR}/ DESTINATION ${SITE_COPY})
  message(STATUS "Site: copied to ${SITE_COPY}")
endif()
