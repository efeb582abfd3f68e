// Embind surface of the contract: settle and cities return their JSON as UTF-8 bytes, a view
// into the module's memory that stays valid until the next call; wasm/settle-api.js decodes it
// with TextDecoder (Embind's std::string return would walk the bytes one by one in JavaScript,
// which cost a quarter of a call and most of the page's start). The core never throws, so no
// exception support is compiled in; an error is the {"error": {...}} JSON, returned as is.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "settle/settle.h"

namespace {

// The bytes of the last answer: the returned view points into them.
std::string last_answer;

emscripten::val answer_bytes(std::string answer) {
  last_answer = std::move(answer);
  return emscripten::val(
      emscripten::typed_memory_view(last_answer.size(), reinterpret_cast<const unsigned char*>(last_answer.data())));
}

emscripten::val settle_case(const std::string& case_json, bool include_steps) {
  settle::SettleOptions options;
  options.include_steps = include_steps;
  return answer_bytes(settle::settle_json(case_json, options).json);
}

emscripten::val cities() {
  return answer_bytes(settle::cities_json());
}

}  // namespace

EMSCRIPTEN_BINDINGS(settle_module) {
  emscripten::function("settle", &settle_case);
  emscripten::function("cities", &cities);
  emscripten::function("version", &settle::version);
}
