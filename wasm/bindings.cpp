// The module's surface, as plain C functions (no Embind: its glue was a third of the page's
// JavaScript and its calls went through a generic invoker). Text goes in and out as UTF-8 bytes
// in the module's memory: wasm/settle-api.js writes a case into the buffer settle_input() gives,
// calls settle_case(), and reads the answer's settle_answer_size() bytes at the pointer it
// returns, valid until the next call. The core never throws, so no exception support is compiled
// in; an error is the {"error": {...}} JSON, returned as is.
#include <emscripten/emscripten.h>

#include <cstddef>
#include <string>

#include "settle/settle.h"

namespace {

std::string input;
std::string answer;  // the last answer: the returned pointer points into it

const char* keep(std::string text) {
  answer = std::move(text);
  return answer.data();
}

}  // namespace

extern "C" {

// Room for a case of `size` bytes, to be written there before settle_case().
EMSCRIPTEN_KEEPALIVE char* settle_input(size_t size) {
  input.resize(size);
  return input.data();
}

EMSCRIPTEN_KEEPALIVE const char* settle_case(int include_steps) {
  settle::SettleOptions options;
  options.include_steps = include_steps != 0;
  return keep(settle::settle_json(input, options).json);
}

EMSCRIPTEN_KEEPALIVE const char* settle_cities() {
  return keep(settle::cities_json());
}

EMSCRIPTEN_KEEPALIVE const char* settle_version() {
  return keep(settle::version());
}

// The length in bytes of the last answer.
EMSCRIPTEN_KEEPALIVE size_t settle_answer_size() {
  return answer.size();
}

}  // extern "C"
