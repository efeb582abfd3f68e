# nlohmann/json, header-only, from Debian's nlohmann-json3-dev.
# Under emcmake find_package() fails and /usr/include on an emcc include path drags in glibc
# headers, so the one nlohmann/ folder is linked into the build tree and used from there.
find_path(NLOHMANN_INCLUDE_DIR nlohmann/json.hpp PATHS /usr/include /usr/local/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(SETTLE_THIRD_PARTY_INCLUDE ${CMAKE_BINARY_DIR}/third_party/include)
file(MAKE_DIRECTORY ${SETTLE_THIRD_PARTY_INCLUDE})
if(NOT EXISTS ${SETTLE_THIRD_PARTY_INCLUDE}/nlohmann)
  file(CREATE_LINK ${NLOHMANN_INCLUDE_DIR}/nlohmann ${SETTLE_THIRD_PARTY_INCLUDE}/nlohmann SYMBOLIC)
endif()
add_library(settle_json_headers INTERFACE)
target_include_directories(settle_json_headers SYSTEM INTERFACE ${SETTLE_THIRD_PARTY_INCLUDE})
