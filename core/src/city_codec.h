// A city's rules as compact bytes: what the WebAssembly module embeds instead of rules/*.json
// (issue 18). The bytes are written at build time from the city as load_city() read and checked
// it (core/tools/compile_rules.cpp), so the module neither parses nor checks rules JSON: the
// parsing code and the JSON text leave it, and a city is ready in a fraction of the time.
// Every field of every rules struct is listed once, in rules_fields(), for both directions; a
// field left out of it would read back as its default, which the native/WASM parity run and the
// golden cases in WASM would show.
#pragma once

#include <string>
#include <string_view>

#include "settle/result.h"
#include "settle/rules.h"

namespace settle::detail {

std::string encode_city(const City& city);
Result<City> decode_city(std::string_view bytes);

}  // namespace settle::detail
