// Embind surface of the contract: three string-in, string-out calls. The core never throws, so
// no exception support is compiled in; an error is the {"error": {...}} JSON, returned as is.
#include <emscripten/bind.h>

#include <string>

#include "settle/settle.h"

namespace {

std::string settle_case(const std::string& case_json) {
  return settle::settle_json(case_json);
}

}  // namespace

EMSCRIPTEN_BINDINGS(settle_module) {
  emscripten::function("settle", &settle_case);
  emscripten::function("cities", &settle::cities_json);
  emscripten::function("version", &settle::version);
}
